// Which programmes are named in the most documents?
MATCH (p:Program)
WHERE p.documents > 1
RETURN p.name AS program, p.documents AS documents
ORDER BY documents DESC, program;
