import GuanxiStore

/// The query language's runtime on PostgreSQL: SQL and PL/pgSQL counterparts of the
/// functions the SQLite backend registers from Swift, over the dialect's value model
/// (`PostgresDialect`: values whose kind only the data knows are `jsonb`). Installed
/// into the store's database the first time a query engine opens it (and again when
/// this text changes), under an advisory lock so that two engines starting at once do
/// not collide; no C extension.
enum PostgresFunctions {
    /// Bumped whenever `definitions` changes, so that older stores get the new text.
    static let version = "query-runtime-3"

    static let definitions = #"""
    -- A stored property value (text beside its kind) as jsonb.
    CREATE OR REPLACE FUNCTION gx_value(v text, k text) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN v IS NULL OR k = 'null' THEN NULL WHEN k = 'string' THEN to_jsonb(v)
            WHEN k = 'boolean' THEN to_jsonb(v NOT IN ('0', 'false')) ELSE v::jsonb END
    $$;
    -- A float as jsonb that stays a float when read back (1.0, not 1); NaN as the
    -- tagged text the SQLite backend also puts in lists (U+E000 F); infinities, which
    -- JSON cannot hold, as null.
    CREATE OR REPLACE FUNCTION gx_float_json(x double precision) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN x IS NULL OR x IN ('Infinity'::float8, '-Infinity'::float8) THEN NULL
            WHEN x = 'NaN'::float8 THEN to_jsonb(chr(57344) || 'F')
            WHEN x::text ~ '^-?[0-9]+$' THEN (x::text || '.0')::jsonb ELSE x::text::jsonb END
    $$;
    -- SQLite's instr: the 1-based place of b in a, 0 when absent.
    CREATE OR REPLACE FUNCTION instr(a text, b text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT strpos(a, b)
    $$;
    -- SKIP and LIMIT: a non-negative integer, else an error.
    CREATE OR REPLACE FUNCTION gx_count(n bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
        IF n IS NULL OR n < 0 THEN RAISE EXCEPTION 'SKIP and LIMIT take a non-negative integer, not %', coalesce(n::text, 'null'); END IF;
        RETURN n;
    END $$;
    CREATE OR REPLACE FUNCTION gx_count(n jsonb) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
        IF n IS NULL OR jsonb_typeof(n) <> 'number' OR (n #>> '{}') !~ '^[0-9]+$' THEN
            RAISE EXCEPTION 'SKIP and LIMIT take a non-negative integer, not %', coalesce(n::text, 'null');
        END IF;
        RETURN (n #>> '{}')::bigint;
    END $$;
    -- A path as the jsonb array [node, rel, node, …] from its start node and the
    -- `,rel,node,` texts of its steps.
    CREATE OR REPLACE FUNCTION gx_path(VARIADIC parts text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN parts[1] IS NULL THEN NULL ELSE
            (SELECT coalesce(jsonb_agg(x::bigint ORDER BY o), '[]') FROM unnest(string_to_array(array_to_string(parts, ','), ',')) WITH ORDINALITY AS u(x, o) WHERE x <> '')
        END
    $$;
    -- Cypher's rank of a value's kind in ORDER BY: maps, nodes, relationships, lists,
    -- paths, dates and times, strings, booleans, numbers.
    CREATE OR REPLACE FUNCTION gx_rank(x jsonb) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE jsonb_typeof(x) WHEN 'object' THEN 0 WHEN 'array' THEN 3 WHEN 'boolean' THEN 7 WHEN 'number' THEN 8
            WHEN 'string' THEN (CASE WHEN left(x #>> '{}', 1) = chr(57344)
                THEN (CASE substr(x #>> '{}', 2, 1) WHEN 'N' THEN 1 WHEN 'R' THEN 2 WHEN 'W' THEN 4 ELSE 5 END) ELSE 6 END)
            ELSE 9 END
    $$;
    -- A text whose byte order (COLLATE "C") is Cypher's order of values, for ORDER BY:
    -- the kind's rank, then numbers by their IEEE bits made sortable, strings and
    -- booleans as they are, lists element by element (a shorter list first).
    CREATE OR REPLACE FUNCTION gx_sort_key(x jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE bits bigint; out text; e jsonb;
    BEGIN
        IF x IS NULL THEN RETURN NULL; END IF;
        CASE jsonb_typeof(x)
        WHEN 'number' THEN
            bits := ('x' || encode(float8send(x::float8), 'hex'))::bit(64)::bigint;
            bits := CASE WHEN bits < 0 THEN ~bits ELSE bits # (-9223372036854775807 - 1) END;
            RETURN '8' || lpad(to_hex(bits), 16, '0');
        WHEN 'string' THEN
            IF gx_is_nan(x) THEN RETURN '8g'; END IF;
            RETURN gx_rank(x)::text || (x #>> '{}') || chr(1);
        WHEN 'boolean' THEN
            RETURN '7' || CASE WHEN x::boolean THEN '1' ELSE '0' END;
        WHEN 'array' THEN
            out := '3';
            FOR e IN SELECT v FROM jsonb_array_elements(x) WITH ORDINALITY AS a(v, o) ORDER BY o LOOP
                out := out || coalesce(gx_sort_key(nullif(e, 'null'::jsonb)), '9');
            END LOOP;
            RETURN out || chr(1);
        WHEN 'object' THEN
            RETURN '0' || x::text;
        ELSE
            RETURN '9';
        END CASE;
    END $$;
    -- Whether a value is NaN (tagged text U+E000 F).
    CREATE OR REPLACE FUNCTION gx_is_nan(x jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_typeof(x) = 'string' AND (x #>> '{}') = chr(57344) || 'F'
    $$;
    -- Cypher's equality: null when either side is (or, in a list or map, decides it),
    -- false across kinds and for NaN, lists and maps element by element.
    CREATE OR REPLACE FUNCTION gx_eq(a jsonb, b jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE ta text; tb text; r boolean; unknown boolean := false; i integer; k text;
    BEGIN
        IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
        ta := jsonb_typeof(a); tb := jsonb_typeof(b);
        IF ta = 'null' OR tb = 'null' THEN RETURN NULL; END IF;
        IF ta <> tb OR gx_is_nan(a) OR gx_is_nan(b) THEN RETURN false; END IF;
        IF ta = 'array' THEN
            IF jsonb_array_length(a) <> jsonb_array_length(b) THEN RETURN false; END IF;
            FOR i IN 0 .. jsonb_array_length(a) - 1 LOOP
                r := gx_eq(a -> i, b -> i);
                IF r IS NULL THEN unknown := true; ELSIF NOT r THEN RETURN false; END IF;
            END LOOP;
            RETURN CASE WHEN unknown THEN NULL ELSE true END;
        ELSIF ta = 'object' THEN
            IF (SELECT array_agg(x ORDER BY x) FROM jsonb_object_keys(a) AS x) IS DISTINCT FROM
               (SELECT array_agg(x ORDER BY x) FROM jsonb_object_keys(b) AS x) THEN RETURN false; END IF;
            FOR k IN SELECT jsonb_object_keys(a) LOOP
                r := gx_eq(a -> k, b -> k);
                IF r IS NULL THEN unknown := true; ELSIF NOT r THEN RETURN false; END IF;
            END LOOP;
            RETURN CASE WHEN unknown THEN NULL ELSE true END;
        END IF;
        RETURN a = b;
    END $$;
    -- Cypher's order between two values of one kind: -1, 0 or 1; null across kinds,
    -- for maps, and for lists whose first difference is not comparable.
    CREATE OR REPLACE FUNCTION gx_compare(a jsonb, b jsonb) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE ta text; tb text; c integer; i integer; sa text; sb text;
    BEGIN
        IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
        ta := jsonb_typeof(a); tb := jsonb_typeof(b);
        IF ta <> tb OR ta IN ('null', 'object') THEN RETURN NULL; END IF;
        IF ta = 'number' THEN
            RETURN CASE WHEN a::numeric < b::numeric THEN -1 WHEN a::numeric > b::numeric THEN 1 ELSE 0 END;
        ELSIF ta = 'string' THEN
            sa := a #>> '{}'; sb := b #>> '{}';
            -- Nodes, relationships and paths (tagged text) have no order.
            IF left(sa, 1) = chr(57344) OR left(sb, 1) = chr(57344) THEN RETURN NULL; END IF;
            RETURN CASE WHEN sa COLLATE "C" < sb COLLATE "C" THEN -1 WHEN sa COLLATE "C" > sb COLLATE "C" THEN 1 ELSE 0 END;
        ELSIF ta = 'boolean' THEN
            RETURN CASE WHEN a::boolean = b::boolean THEN 0 WHEN a::boolean THEN 1 ELSE -1 END;
        END IF;
        FOR i IN 0 .. least(jsonb_array_length(a), jsonb_array_length(b)) - 1 LOOP
            c := gx_compare(a -> i, b -> i);
            IF c IS NULL THEN RETURN NULL; END IF;
            IF c <> 0 THEN RETURN c; END IF;
        END LOOP;
        RETURN sign(jsonb_array_length(a) - jsonb_array_length(b));
    END $$;
    -- a < b and the like; NaN is neither below nor above a number (false).
    CREATE OR REPLACE FUNCTION gx_cmp(a jsonb, b jsonb, op text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN (gx_is_nan(a) OR gx_is_nan(b)) AND (gx_is_nan(a) OR jsonb_typeof(a) = 'number') AND (gx_is_nan(b) OR jsonb_typeof(b) = 'number') THEN false
            ELSE (CASE op WHEN '<' THEN c < 0 WHEN '>' THEN c > 0 WHEN '<=' THEN c <= 0 ELSE c >= 0 END) END FROM (SELECT gx_compare(a, b) AS c) AS x
    $$;
    -- `a IN list` with Cypher's nulls: true when an element equals a, else null when
    -- an element (or a) is null or undecided, else false.
    CREATE OR REPLACE FUNCTION gx_in(a jsonb, list jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN list IS NULL THEN NULL WHEN jsonb_typeof(list) <> 'array' THEN NULL
            WHEN jsonb_array_length(list) = 0 THEN false WHEN a IS NULL THEN NULL
            ELSE (SELECT CASE WHEN bool_or(r) THEN true WHEN bool_or(r IS NULL) THEN NULL ELSE false END
                  FROM (SELECT gx_eq(a, e) AS r FROM jsonb_array_elements(list) AS e) AS x) END
    $$;
    -- The text of a jsonb string; null for anything else.
    CREATE OR REPLACE FUNCTION gx_text(x jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN jsonb_typeof(x) = 'string' THEN x #>> '{}' END
    $$;
    -- A number of jsonb as numeric; null for anything else.
    CREATE OR REPLACE FUNCTION gx_number(x jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN jsonb_typeof(x) = 'number' THEN x::numeric END
    $$;
    -- Whether a jsonb number is a float (written with a fraction or an exponent).
    CREATE OR REPLACE FUNCTION gx_is_float(x jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_typeof(x) = 'number' AND (x #>> '{}') ~ '[.eE]'
    $$;
    -- `toString` of any value.
    CREATE OR REPLACE FUNCTION gx_to_string(x jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE jsonb_typeof(x) WHEN 'string' THEN (CASE WHEN left(x #>> '{}', 1) = chr(57344)
                THEN substr(x #>> '{}', strpos(x #>> '{}', chr(57345)) + 1) ELSE x #>> '{}' END)
            WHEN 'number' THEN x #>> '{}' WHEN 'boolean' THEN x #>> '{}' END
    $$;
    -- Cypher's + for values only the data knows: numbers add (an integer unless a float
    -- is among them), strings and numbers join as text, lists concatenate, and a value
    -- joins a list as its element.
    CREATE OR REPLACE FUNCTION gx_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE ta text; tb text;
    BEGIN
        IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
        ta := jsonb_typeof(a); tb := jsonb_typeof(b);
        IF ta = 'array' AND tb = 'array' THEN RETURN a || b; END IF;
        IF ta = 'array' THEN RETURN a || jsonb_build_array(b); END IF;
        IF tb = 'array' THEN RETURN jsonb_build_array(a) || b; END IF;
        IF ta = 'number' AND tb = 'number' THEN
            IF gx_is_float(a) OR gx_is_float(b) THEN RETURN gx_float_json(a::float8 + b::float8); END IF;
            RETURN to_jsonb(a::numeric + b::numeric);
        END IF;
        IF ta IN ('string', 'number') AND tb IN ('string', 'number') THEN
            RETURN to_jsonb(gx_to_string(a) || gx_to_string(b));
        END IF;
        RAISE EXCEPTION 'cannot add % and %', ta, tb;
    END $$;
    -- Cypher's -, *, / and % for values only the data knows (numbers).
    CREATE OR REPLACE FUNCTION gx_arith(op text, a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE x numeric; y numeric;
    BEGIN
        IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
        IF jsonb_typeof(a) <> 'number' OR jsonb_typeof(b) <> 'number' THEN
            RAISE EXCEPTION 'cannot apply % to % and %', op, jsonb_typeof(a), jsonb_typeof(b);
        END IF;
        IF gx_is_float(a) OR gx_is_float(b) THEN
            RETURN gx_float_json(CASE op WHEN '-' THEN a::float8 - b::float8 WHEN '*' THEN a::float8 * b::float8
                WHEN '/' THEN a::float8 / nullif(b::float8, 0) ELSE a::numeric % nullif(b::numeric, 0) END);
        END IF;
        x := a::numeric; y := b::numeric;
        IF op IN ('/', '%') AND y = 0 THEN RAISE EXCEPTION 'division by zero'; END IF;
        RETURN to_jsonb(CASE op WHEN '-' THEN x - y WHEN '*' THEN x * y WHEN '/' THEN trunc(x / y) ELSE x % y END);
    END $$;
    -- collect(DISTINCT x): the values in the order first seen, as SQLite collects them.
    CREATE OR REPLACE FUNCTION gx_collect_distinct_step(acc jsonb, x jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN x IS NULL OR acc @> jsonb_build_array(x) AND EXISTS (SELECT 1 FROM jsonb_array_elements(acc) AS e WHERE e = x)
            THEN acc ELSE acc || jsonb_build_array(x) END
    $$;
    DO $$ BEGIN
        CREATE AGGREGATE gx_collect_distinct(jsonb) (SFUNC = gx_collect_distinct_step, STYPE = jsonb, INITCOND = '[]');
    EXCEPTION WHEN duplicate_function THEN NULL;
    END $$;
    -- min and max of values only the data knows, in Cypher's order of values.
    CREATE OR REPLACE FUNCTION gx_least(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a WHEN gx_rank(a) <> gx_rank(b) THEN (CASE WHEN gx_rank(a) < gx_rank(b) THEN a ELSE b END)
            WHEN coalesce(gx_compare(a, b), 0) <= 0 THEN a ELSE b END
    $$;
    CREATE OR REPLACE FUNCTION gx_greatest(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a WHEN gx_rank(a) <> gx_rank(b) THEN (CASE WHEN gx_rank(a) > gx_rank(b) THEN a ELSE b END)
            WHEN coalesce(gx_compare(a, b), 0) >= 0 THEN a ELSE b END
    $$;
    DO $$ BEGIN
        CREATE AGGREGATE gx_min(jsonb) (SFUNC = gx_least, STYPE = jsonb);
        CREATE AGGREGATE gx_max(jsonb) (SFUNC = gx_greatest, STYPE = jsonb);
    EXCEPTION WHEN duplicate_function THEN NULL;
    END $$;
    """#

    /// Installs the functions unless the store already has this version of them: once
    /// per store and version, in a read-write transaction of its own (a reader's session
    /// is otherwise read-only), so the first query of a new version needs a role that may
    /// create functions in the store's schema.
    static func install(on database: Database) throws {
        let current = try database.scalar("SELECT value FROM meta WHERE key = 'query_runtime'")?.text
        guard current != version else { return }
        do {
            try database.execute("BEGIN READ WRITE")
            try database.execute("SELECT pg_advisory_xact_lock(4783920)")
            let again = try database.scalar("SELECT value FROM meta WHERE key = 'query_runtime'")?.text
            if again != version {
                try database.execute(definitions)
                try database.execute(bound: "INSERT OR REPLACE INTO meta(key, value) VALUES ('query_runtime', ?)", [.text(version)])
            }
            try database.execute("COMMIT")
        } catch let e as StoreError {
            try? database.execute("ROLLBACK")
            throw QueryError(.runtime, "the query language's functions could not be installed in \(database.path) (\(e.message)); open the store once as a role that may create functions in its schema, e.g. its owner")
        }
    }
}
