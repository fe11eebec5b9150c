// Which roles and investments rest on a single report, and from which outlet?
MATCH (a)-[r]->(b)
WHERE type(r) <> 'belongs_to' AND r.reports = 1
RETURN a.name AS subject, type(r) AS relation, b.name AS object, r.outlets AS outlets,
       r.first_reported AS reported, r.doc AS document
ORDER BY document, subject, relation, object;
