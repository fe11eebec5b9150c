// Where does a village sit in the administrative hierarchy?
// param: village="海峰村"
MATCH (v:Village {name: $village})-[:belongs_to*1..4]->(up)
WHERE up.code IS NOT NULL
RETURN DISTINCT up.type AS level, up.name AS name, up.code AS code
ORDER BY code;
