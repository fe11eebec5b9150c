// Each company with the town it is in and the people who lead it.
MATCH (c:Company)
OPTIONAL MATCH (c)-[:belongs_to*1..2]->(t:Town)
OPTIONAL MATCH (p:Person)-[:leads]->(c)
RETURN c.name AS company, collect(DISTINCT t.name) AS towns, collect(DISTINCT p.name) AS leaders
ORDER BY company;
