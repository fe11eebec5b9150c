// Who leads the villages of a district, and in what role? (villages found through belongs_to*)
// param: district="路桥区"
MATCH (p:Person)-[r:leads]->(v:Village)-[:belongs_to*1..3]->(d:District {name: $district})
RETURN p.name AS leader, r.role AS role, v.name AS village
ORDER BY village, leader;
