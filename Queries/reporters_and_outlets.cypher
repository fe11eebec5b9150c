// Which reporters and correspondents wrote for which outlet?
MATCH (p:Person)-[r:member_of]->(o:Organization)
WHERE r.role IN ['记者', '通讯员']
RETURN o.name AS outlet, r.role AS role, p.name AS reporter
ORDER BY outlet, reporter;
