// How many towns of each of three districts does the graph know?
UNWIND ['路桥区', '黄岩区', '上虞区'] AS district
MATCH (t:Town)-[:belongs_to]->(d:District {name: district})
RETURN district, count(t) AS towns, collect(t.name) AS names
ORDER BY district;
