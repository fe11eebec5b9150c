// Which people hold more than one role, and in which units?
MATCH (p:Person)-[r:leads|member_of]->(u)
WITH p, count(r) AS roles, collect(u.name) AS units
WHERE roles > 1
RETURN p.name AS person, roles, units
ORDER BY roles DESC, person;
