// Which villages have no known leader?
MATCH (v:Village)
OPTIONAL MATCH (p:Person)-[:leads]->(v)
WITH v, count(p) AS leaders
WHERE leaders = 0
RETURN v.name AS village
ORDER BY village;
