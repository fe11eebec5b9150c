/// The store's schema as ordered migrations. Migration `n` (1-based) brings a store
/// from version `n - 1` to `n`; the version lives in `meta`.
public enum Schema {
    static let migrations: [String] = [
        // 1: interned terms, labelled property graph nodes, triples with three
        // indexes, edge attributes, documents, provenance, mentions, merges.
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE terms(id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
        CREATE TABLE nodes(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
        CREATE TABLE node_labels(node INTEGER NOT NULL, label INTEGER NOT NULL, PRIMARY KEY(node, label)) WITHOUT ROWID;
        CREATE INDEX node_labels_by_label ON node_labels(label, node);
        CREATE TABLE node_props(node INTEGER NOT NULL, key INTEGER NOT NULL, value, kind TEXT NOT NULL, PRIMARY KEY(node, key)) WITHOUT ROWID;
        CREATE INDEX node_props_by_value ON node_props(key, value);
        CREATE TABLE triples(id INTEGER PRIMARY KEY, s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL);
        CREATE INDEX spo ON triples(s, p, o);
        CREATE INDEX pos ON triples(p, o, s);
        CREATE INDEX osp ON triples(o, s, p);
        CREATE TABLE edge_props(edge INTEGER NOT NULL, key INTEGER NOT NULL, value, kind TEXT NOT NULL, PRIMARY KEY(edge, key)) WITHOUT ROWID;
        CREATE TABLE documents(id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
            encoding TEXT NOT NULL, characters INTEGER NOT NULL, added TEXT NOT NULL);
        CREATE INDEX documents_by_path ON documents(path);
        CREATE INDEX documents_by_name ON documents(name);
        CREATE TABLE provenance(id INTEGER PRIMARY KEY, edge INTEGER NOT NULL, document INTEGER NOT NULL, source TEXT NOT NULL,
            start INTEGER, end INTEGER, line INTEGER, evidence TEXT, sentence TEXT, rule TEXT NOT NULL, extractor TEXT NOT NULL, time TEXT NOT NULL);
        CREATE INDEX provenance_by_edge ON provenance(edge);
        CREATE INDEX provenance_by_document ON provenance(document);
        CREATE TABLE mentions(node INTEGER NOT NULL, document INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
            sentence INTEGER, rule TEXT NOT NULL, surface TEXT NOT NULL);
        CREATE INDEX mentions_by_node ON mentions(node);
        CREATE INDEX mentions_by_document ON mentions(document);
        CREATE TABLE merges(id INTEGER PRIMARY KEY, node INTEGER NOT NULL, document INTEGER NOT NULL, entity TEXT NOT NULL,
            reason TEXT NOT NULL, time TEXT NOT NULL);
        CREATE INDEX merges_by_document ON merges(document);
        """,
        // 2: mention counts per node and document read from the index alone.
        """
        CREATE INDEX mentions_by_node_document ON mentions(node, document);
        DROP INDEX mentions_by_node;
        """,
        // 3: a fact's document provenance found by one index seek.
        """
        CREATE INDEX provenance_by_edge_source ON provenance(edge, source);
        DROP INDEX provenance_by_edge;
        """,
        // 4: merges per node, counted on every ingest (one row per document beyond a
        // node's first) and trimmed on every retract.
        """
        CREATE INDEX merges_by_node ON merges(node);
        """,
        // 5: when and where each document was published, as its text says (ISO 8601 as
        // precise as written, with the first and last day it covers), carried into
        // every provenance row with the fact's own date where its sentence gives one.
        """
        ALTER TABLE documents ADD COLUMN published TEXT;
        ALTER TABLE documents ADD COLUMN published_start TEXT;
        ALTER TABLE documents ADD COLUMN published_end TEXT;
        ALTER TABLE documents ADD COLUMN outlet TEXT;
        ALTER TABLE provenance ADD COLUMN published TEXT;
        ALTER TABLE provenance ADD COLUMN published_start TEXT;
        ALTER TABLE provenance ADD COLUMN published_end TEXT;
        ALTER TABLE provenance ADD COLUMN date TEXT;
        CREATE INDEX provenance_by_edge_published ON provenance(edge, published_start, published_end);
        """,
        // 6: the article's text as read, so that its evidence can be shown in place
        // (`guanxi serve`) after the file has moved.
        """
        ALTER TABLE documents ADD COLUMN text TEXT;
        """,
    ]

    /// The newest version this build knows, the one it writes.
    public static var version: Int { migrations.count }

    /// The same schema on PostgreSQL, by the version each step brings a store to. A
    /// PostgreSQL store starts at version 6, whole; a later SQLite migration gets its
    /// PostgreSQL counterpart here under the same number. Row ids are identities; every
    /// property value is text beside its kind; `end` is quoted, PostgreSQL reserving it;
    /// values are found by a hash index, which takes text of any length; text compares
    /// and sorts by its bytes (`COLLATE "C"`), as in SQLite, whatever the database's locale.
    static let postgresMigrations: [(version: Int, sql: String)] = [
        (6, """
        CREATE TABLE meta(key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C" NOT NULL);
        CREATE TABLE terms(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, value TEXT COLLATE "C" NOT NULL UNIQUE);
        CREATE TABLE nodes(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, key TEXT COLLATE "C" NOT NULL UNIQUE);
        CREATE TABLE node_labels(node BIGINT NOT NULL, label BIGINT NOT NULL, PRIMARY KEY(node, label));
        CREATE INDEX node_labels_by_label ON node_labels(label, node);
        CREATE TABLE node_props(node BIGINT NOT NULL, key BIGINT NOT NULL, value TEXT COLLATE "C", kind TEXT COLLATE "C" NOT NULL, PRIMARY KEY(node, key));
        CREATE INDEX node_props_by_value ON node_props USING hash (value);
        CREATE TABLE triples(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, s BIGINT NOT NULL, p BIGINT NOT NULL, o BIGINT NOT NULL);
        CREATE INDEX spo ON triples(s, p, o);
        CREATE INDEX pos ON triples(p, o, s);
        CREATE INDEX osp ON triples(o, s, p);
        CREATE TABLE edge_props(edge BIGINT NOT NULL, key BIGINT NOT NULL, value TEXT COLLATE "C", kind TEXT COLLATE "C" NOT NULL, PRIMARY KEY(edge, key));
        CREATE TABLE documents(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, path TEXT COLLATE "C" NOT NULL,
            hash TEXT COLLATE "C" NOT NULL UNIQUE, encoding TEXT COLLATE "C" NOT NULL, characters BIGINT NOT NULL, added TEXT COLLATE "C" NOT NULL,
            published TEXT COLLATE "C", published_start TEXT COLLATE "C", published_end TEXT COLLATE "C", outlet TEXT COLLATE "C", text TEXT COLLATE "C");
        CREATE INDEX documents_by_path ON documents(path);
        CREATE INDEX documents_by_name ON documents(name);
        CREATE TABLE provenance(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, edge BIGINT NOT NULL, document BIGINT NOT NULL,
            source TEXT COLLATE "C" NOT NULL, start BIGINT, "end" BIGINT, line BIGINT, evidence TEXT COLLATE "C", sentence TEXT COLLATE "C", rule TEXT COLLATE "C" NOT NULL,
            extractor TEXT COLLATE "C" NOT NULL, time TEXT COLLATE "C" NOT NULL, published TEXT COLLATE "C", published_start TEXT COLLATE "C", published_end TEXT COLLATE "C", date TEXT COLLATE "C");
        CREATE INDEX provenance_by_document ON provenance(document);
        CREATE INDEX provenance_by_edge_source ON provenance(edge, source);
        CREATE INDEX provenance_by_edge_published ON provenance(edge, published_start, published_end);
        CREATE TABLE mentions(node BIGINT NOT NULL, document BIGINT NOT NULL, start BIGINT NOT NULL, "end" BIGINT NOT NULL,
            sentence BIGINT, rule TEXT COLLATE "C" NOT NULL, surface TEXT COLLATE "C" NOT NULL);
        CREATE INDEX mentions_by_document ON mentions(document);
        CREATE INDEX mentions_by_node_document ON mentions(node, document);
        CREATE TABLE merges(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, node BIGINT NOT NULL, document BIGINT NOT NULL,
            entity TEXT COLLATE "C" NOT NULL, reason TEXT COLLATE "C" NOT NULL, time TEXT COLLATE "C" NOT NULL);
        CREATE INDEX merges_by_document ON merges(document);
        CREATE INDEX merges_by_node ON merges(node);
        -- SQLite's JSON functions the store's statements use, for lists held as JSON text.
        CREATE FUNCTION json_each(list text) RETURNS TABLE(key bigint, value text) LANGUAGE sql IMMUTABLE AS $$
            SELECT e.ordinality - 1, e.value FROM json_array_elements_text(list::json) WITH ORDINALITY AS e(value, ordinality)
        $$;
        CREATE FUNCTION gx_json_array_final(items text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
            SELECT coalesce(array_to_json(items)::text, '[]')
        $$;
        CREATE AGGREGATE json_group_array(text) (SFUNC = array_append, STYPE = text[], FINALFUNC = gx_json_array_final, INITCOND = '{}');
        """),
    ]
}
