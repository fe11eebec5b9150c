// What is located inside a town: villages, communities, companies, projects, organisations?
// param: town="金清镇"
MATCH (x)-[:belongs_to*1..3]->(t:Town {name: $town})
RETURN DISTINCT x.type AS type, x.name AS name
ORDER BY type, name;
