// What are the shortest chains of facts between two people, and who stands on them?
// param: from="丁瑞峰"
// param: to="龚维灿"
MATCH p = allShortestPaths((a:Person {name: $from})-[*..6]-(b:Person {name: $to}))
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS through;
