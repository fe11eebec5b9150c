// How are two people connected, and over how many facts?
// param: from="丁瑞峰"
// param: to="龚维灿"
MATCH (a:Person {name: $from})-[rels*1..4]-(b:Person {name: $to})
RETURN size(rels) AS hops, rels
ORDER BY hops
LIMIT 1;
