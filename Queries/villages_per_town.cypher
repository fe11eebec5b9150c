// How many villages does each town have in the graph?
MATCH (v:Village)-[:belongs_to]->(t:Town)
RETURN t.name AS town, count(DISTINCT v) AS villages
ORDER BY villages DESC, town;
