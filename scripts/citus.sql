-- Distributes a Guanxi store over a Citus cluster.
--
-- Run it once on the coordinator, after the first `guanxi build` or `guanxi stats`
-- created the schema:   psql postgresql://user@coordinator/guanxi -f scripts/citus.sql
-- On PostgreSQL without the Citus extension it changes nothing (a notice says so), so
-- the same script can be kept with every deployment. The Citus branch follows Citus's
-- rules (a distributed table's primary key holds its distribution column; tables
-- joined on one key share their shards) but has not run against a Citus cluster here:
-- Debian does not package Citus.
--
-- The layout:
--   reference tables (a copy on every worker): meta, terms (ids of labels, relations
--     and property names), nodes (the key → id map entity resolution checks on every
--     write; one row a node) and documents.
--   distributed by node id, co-located: node_labels, node_props, mentions, merges and
--     triples (by subject, so a pattern's outgoing step stays on one shard).
--   distributed by fact id, co-located: edge_props and provenance.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE NOTICE 'Citus is not installed in this database: nothing distributed';
        RETURN;
    END IF;
    PERFORM create_reference_table('meta');
    PERFORM create_reference_table('terms');
    PERFORM create_reference_table('nodes');
    PERFORM create_reference_table('documents');
    -- Primary keys that must hold the distribution column.
    ALTER TABLE merges DROP CONSTRAINT merges_pkey, ADD PRIMARY KEY (node, id);
    ALTER TABLE triples DROP CONSTRAINT triples_pkey, ADD PRIMARY KEY (s, id);
    ALTER TABLE provenance DROP CONSTRAINT provenance_pkey, ADD PRIMARY KEY (edge, id);
    PERFORM create_distributed_table('node_labels', 'node');
    PERFORM create_distributed_table('node_props', 'node', colocate_with => 'node_labels');
    PERFORM create_distributed_table('mentions', 'node', colocate_with => 'node_labels');
    PERFORM create_distributed_table('merges', 'node', colocate_with => 'node_labels');
    PERFORM create_distributed_table('triples', 's', colocate_with => 'node_labels');
    PERFORM create_distributed_table('edge_props', 'edge');
    PERFORM create_distributed_table('provenance', 'edge', colocate_with => 'edge_props');
END
$$;
