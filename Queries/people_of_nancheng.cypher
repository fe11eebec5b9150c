// Companies and people tied to one town, in one list.
// param: town="南城街道"
MATCH (c:Company)-[:belongs_to*1..2]->(:Town {name: $town})
RETURN c.name AS name, 'Company' AS kind
UNION
MATCH (p:Person)-[:leads|member_of]->(u)-[:belongs_to*0..2]->(:Town {name: $town})
RETURN p.name AS name, 'Person' AS kind;
