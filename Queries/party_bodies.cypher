// Which party bodies (组织部, 党工委, 党委, 党支部…) does the graph know, and where do they belong?
MATCH (o:Organization)
WHERE o.name =~ '.*(组织部|党工委|党委|党支部|党总支)'
OPTIONAL MATCH (o)-[:belongs_to]->(u)
RETURN o.name AS body, collect(u.name) AS belongs_to
ORDER BY body;
