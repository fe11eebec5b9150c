// Who has led each unit, and when was it reported? (Run with --as-of or --since to see the graph at a date.)
MATCH (p:Person)-[r:leads]->(u)
RETURN u.name AS unit, p.name AS leader, r.role AS role,
       r.first_reported AS first_reported, r.last_reported AS last_reported, r.reports AS reports
ORDER BY unit, first_reported, leader;
