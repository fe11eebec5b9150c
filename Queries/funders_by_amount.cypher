// Who funded what, largest amounts in yuan first?
MATCH (f)-[r:funds]->(x)
RETURN f.name AS funder, x.name AS funded, r.amount AS amount, r.amount_yuan AS yuan
ORDER BY yuan DESC, funder;
