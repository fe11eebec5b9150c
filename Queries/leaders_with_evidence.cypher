// Every leadership fact with the sentence span that states it and its document.
MATCH (p:Person)-[r:leads]->(u)
RETURN p.name AS leader, u.name AS unit, r.evidence AS evidence, r.doc AS doc
ORDER BY doc, leader, unit;
