// Who holds a deputy (副) position, and where?
MATCH (p:Person)-[r:member_of]->(u)
WHERE r.role CONTAINS '副'
RETURN p.name AS person, r.role AS role, u.name AS unit
ORDER BY person, unit;
