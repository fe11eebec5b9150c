import GuanxiStore

/// The query language's runtime on PostgreSQL: SQL and PL/pgSQL counterparts of the
/// functions the SQLite backend registers from Swift, over the dialect's value model
/// (`PostgresDialect`: values whose kind only the data knows are `jsonb`); no C
/// extension. A store extension (`PostgresExtensions`): every writer that opens a store
/// installs them with its schema, and a query engine on a store without them (or with
/// an older version) installs them itself when it may.
enum PostgresFunctions {
    /// Bumped whenever `definitions` changes, so that older stores get the new text.
    static let version = "query-runtime-9"

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
            -- Nodes, relationships and paths (tagged text) have no order; dates and times
            -- of one kind sort as their encoded text does.
            IF left(sa, 1) = chr(57344) OR left(sb, 1) = chr(57344) THEN
                IF gx_rank(a) <> 5 OR gx_rank(b) <> 5 OR substr(sa, 2, 1) <> substr(sb, 2, 1) THEN RETURN NULL; END IF;
            END IF;
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
        IF gx_rank(a) = 5 OR gx_rank(b) = 5 THEN RETURN gx_temporal_arith('+', a, b); END IF;
        IF ta IN ('string', 'number') AND tb IN ('string', 'number') THEN
            RETURN to_jsonb(gx_to_string(a) || gx_to_string(b));
        END IF;
        RAISE EXCEPTION 'cannot add % and %', ta, tb;
    END $$;
    -- A field of a date or time (`d.year`, `t.hour`, `dt.timezone`), as
    -- `TemporalValue.field` gives it; null for a field it does not have.
    CREATE OR REPLACE FUNCTION gx_temporal_field(x jsonb, name text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE v record; dated boolean; timed boolean;
    BEGIN
        IF gx_rank(x) <> 5 OR substr(x #>> '{}', 2, 1) NOT IN ('D', 'L', 'T', 'M', 'Z') THEN RETURN NULL; END IF;
        v := gx_temporal_parts(x);
        dated := v.kind IN ('D', 'M', 'Z'); timed := v.kind <> 'D';
        RETURN CASE
            WHEN name = 'year' AND dated THEN to_jsonb(v.y) WHEN name = 'month' AND dated THEN to_jsonb(v.mo) WHEN name = 'day' AND dated THEN to_jsonb(v.dd)
            WHEN name = 'hour' AND timed THEN to_jsonb(v.nano / 3600000000000) WHEN name = 'minute' AND timed THEN to_jsonb(v.nano / 60000000000 % 60)
            WHEN name = 'second' AND timed THEN to_jsonb(v.nano / 1000000000 % 60)
            WHEN name = 'millisecond' AND timed THEN to_jsonb(v.nano % 1000000000 / 1000000)
            WHEN name = 'microsecond' AND timed THEN to_jsonb(v.nano % 1000000000 / 1000)
            WHEN name = 'nanosecond' AND timed THEN to_jsonb(v.nano % 1000000000)
            WHEN name IN ('timezone', 'offset') AND v.kind IN ('T', 'Z') THEN to_jsonb(CASE WHEN v.off = 0 THEN 'Z' ELSE right(x #>> '{}', 6) END)
            END;
    END $$;
    -- A duration's parts from its encoded text: months, days, seconds, nanoseconds.
    CREATE OR REPLACE FUNCTION gx_duration_parts(x jsonb, OUT months bigint, OUT days bigint, OUT seconds bigint, OUT nanos bigint)
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE t text; m text[]; s numeric;
    BEGIN
        t := gx_text(x);
        m := regexp_match(substr(t, strpos(t, chr(57345)) + 1),
            '^P(?:(-?[0-9]+)Y)?(?:(-?[0-9]+)M)?(?:(-?[0-9]+)W)?(?:(-?[0-9]+)D)?(?:T(?:(-?[0-9]+)H)?(?:(-?[0-9]+)M)?(?:(-?[0-9.]+)S)?)?$');
        months := coalesce(m[1]::bigint, 0) * 12 + coalesce(m[2]::bigint, 0);
        days := coalesce(m[3]::bigint, 0) * 7 + coalesce(m[4]::bigint, 0);
        s := coalesce(m[7]::numeric, 0);
        seconds := coalesce(m[5]::bigint, 0) * 3600 + coalesce(m[6]::bigint, 0) * 60 + trunc(s)::bigint;
        nanos := round((s - trunc(s)) * 1000000000)::bigint;
        seconds := seconds + div(nanos, 1000000000);
        nanos := nanos % 1000000000;
    END $$;
    -- C's %0Nlld: zero-padded to N characters, a minus sign first.
    CREATE OR REPLACE FUNCTION gx_pad(n bigint, width integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN n < 0 THEN '-' || lpad((-n)::text, width - 1, '0') ELSE lpad(n::text, width, '0') END
    $$;
    -- A duration's encoded text from its parts (`DurationValue.encoded`).
    CREATE OR REPLACE FUNCTION gx_duration(months bigint, days bigint, seconds bigint, nanos bigint) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE out text := 'P'; h bigint; mi bigint; s bigint; fraction text;
    BEGIN
        IF div(months, 12) <> 0 THEN out := out || div(months, 12) || 'Y'; END IF;
        IF months % 12 <> 0 THEN out := out || (months % 12) || 'M'; END IF;
        IF days <> 0 THEN out := out || days || 'D'; END IF;
        h := div(seconds, 3600); mi := div(seconds, 60) % 60; s := seconds % 60;
        IF h <> 0 OR mi <> 0 OR s <> 0 OR nanos <> 0 THEN
            out := out || 'T';
            IF h <> 0 THEN out := out || h || 'H'; END IF;
            IF mi <> 0 THEN out := out || mi || 'M'; END IF;
            IF s <> 0 OR nanos <> 0 THEN
                IF nanos = 0 THEN out := out || s || 'S';
                ELSE
                    fraction := rtrim(lpad(abs(nanos)::text, 9, '0'), '0');
                    out := out || CASE WHEN s < 0 OR nanos < 0 THEN '-' ELSE '' END || abs(s) || '.' || fraction || 'S';
                END IF;
            END IF;
        END IF;
        IF out = 'P' THEN out := 'PT0S'; END IF;
        RETURN to_jsonb(chr(57344) || 'P' || gx_pad(months, 20) || gx_pad(days, 20) || chr(57345) || out);
    END $$;
    -- A date or time's encoded text (`TemporalValue.encoded`): the kind letter, a key that
    -- sorts in time, U+E001, the ISO form.
    CREATE OR REPLACE FUNCTION gx_temporal_encode(kind text, y bigint, mo bigint, dd bigint, nano bigint, off bigint) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE epoch bigint; key text; display text := ''; secs bigint; fraction bigint; digits text;
        per_day constant bigint := 86400000000000;
    BEGIN
        IF kind IN ('D', 'M', 'Z') THEN
            epoch := make_date(y::integer, mo::integer, dd::integer) - date '1970-01-01';
            display := lpad(y::text, 4, '0') || '-' || lpad(mo::text, 2, '0') || '-' || lpad(dd::text, 2, '0');
        END IF;
        IF kind IN ('L', 'T', 'M', 'Z') THEN
            IF kind IN ('M', 'Z') THEN display := display || 'T'; END IF;
            secs := nano / 1000000000; fraction := nano % 1000000000;
            display := display || lpad((secs / 3600)::text, 2, '0') || ':' || lpad((secs / 60 % 60)::text, 2, '0');
            IF secs % 60 <> 0 OR fraction <> 0 THEN display := display || ':' || lpad((secs % 60)::text, 2, '0'); END IF;
            IF fraction <> 0 THEN
                digits := lpad(fraction::text, 9, '0');
                display := display || '.' || CASE WHEN fraction % 1000000 = 0 THEN left(digits, 3) WHEN fraction % 1000 = 0 THEN left(digits, 6) ELSE digits END;
            END IF;
        END IF;
        IF kind IN ('T', 'Z') THEN
            IF off = 0 THEN display := display || 'Z';
            ELSE
                display := display || CASE WHEN off < 0 THEN '-' ELSE '+' END || lpad((abs(off) / 3600)::text, 2, '0') || ':' || lpad((abs(off) / 60 % 60)::text, 2, '0')
                    || CASE WHEN abs(off) % 60 <> 0 THEN ':' || lpad((abs(off) % 60)::text, 2, '0') ELSE '' END;
            END IF;
        END IF;
        key := CASE kind
            WHEN 'D' THEN gx_pad(epoch + 1000000000, 10)
            WHEN 'L' THEN gx_pad(nano, 14)
            WHEN 'T' THEN gx_pad(nano - off * 1000000000 + 2 * per_day, 15) || gx_pad(nano, 14)
            WHEN 'M' THEN gx_pad(epoch + 1000000000, 10) || gx_pad(nano, 14)
            ELSE gx_pad(epoch * 86400 + nano / 1000000000 - off + 1000000000000, 15) || gx_pad(nano % 1000000000, 9) END;
        RETURN to_jsonb(chr(57344) || kind || key || chr(57345) || display);
    END $$;
    -- A date or time's parts from its encoded text: year, month, day, nanosecond of the
    -- day, offset in seconds.
    CREATE OR REPLACE FUNCTION gx_temporal_parts(x jsonb, OUT kind text, OUT y bigint, OUT mo bigint, OUT dd bigint, OUT nano bigint, OUT off bigint)
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE t text; iso text; d text[]; tm text[]; z text[];
    BEGIN
        t := gx_text(x);
        kind := substr(t, 2, 1);
        iso := substr(t, strpos(t, chr(57345)) + 1);
        nano := 0; off := 0;
        IF kind IN ('D', 'M', 'Z') THEN
            d := regexp_match(iso, '^(-?[0-9]+)-([0-9]{2})-([0-9]{2})');
            y := d[1]::bigint; mo := d[2]::bigint; dd := d[3]::bigint;
        END IF;
        IF kind IN ('L', 'T', 'M', 'Z') THEN
            tm := regexp_match(iso, '(?:^|T)([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?');
            nano := ((tm[1]::bigint * 3600 + tm[2]::bigint * 60 + coalesce(tm[3]::bigint, 0)) * 1000000000) + coalesce(rpad(tm[4], 9, '0')::bigint, 0);
        END IF;
        IF kind IN ('T', 'Z') THEN
            z := regexp_match(iso, '([+-])([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$');
            IF z IS NOT NULL THEN
                off := (z[2]::bigint * 3600 + z[3]::bigint * 60 + coalesce(z[4]::bigint, 0)) * CASE WHEN z[1] = '-' THEN -1 ELSE 1 END;
            END IF;
        END IF;
    END $$;
    -- A date or time moved by a duration (`TemporalValue.adding`): months first (the day
    -- kept, or the month's last), then days, then time, which a date ignores and a
    -- time of day wraps.
    CREATE OR REPLACE FUNCTION gx_temporal_add(x jsonb, dmonths bigint, ddays bigint, dseconds bigint, dnanos bigint) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE v record; y bigint; mo bigint; dd bigint; nano bigint; total bigint; wrapped bigint; shift bigint := 0; day0 date;
        per_day constant bigint := 86400000000000;
    BEGIN
        v := gx_temporal_parts(x);
        y := v.y; mo := v.mo; dd := v.dd; nano := v.nano;
        IF v.kind IN ('D', 'M', 'Z') THEN
            total := y * 12 + (mo - 1) + dmonths;
            y := div(total, 12); mo := total % 12 + 1;
            dd := least(dd, extract(day FROM make_date(y::integer, mo::integer, 1) + interval '1 month' - interval '1 day')::bigint);
            shift := ddays;
        END IF;
        IF v.kind IN ('L', 'T', 'M', 'Z') THEN
            total := nano + (dseconds % 86400) * 1000000000 + dnanos;
            wrapped := total % per_day;
            IF wrapped < 0 THEN wrapped := wrapped + per_day; END IF;
            nano := wrapped;
            IF v.kind IN ('M', 'Z') THEN shift := shift + div(dseconds, 86400) + (total - wrapped) / per_day; END IF;
        END IF;
        IF v.kind IN ('D', 'M', 'Z') THEN
            day0 := make_date(y::integer, mo::integer, dd::integer) + shift::integer;
            y := extract(year FROM day0); mo := extract(month FROM day0); dd := extract(day FROM day0);
            IF y < 1 OR y > 9999 THEN RAISE EXCEPTION '%(): no such date %-%-% (years 1 to 9999)', gx_temporal_name(v.kind), y, mo, dd; END IF;
        END IF;
        RETURN gx_temporal_encode(v.kind, y, mo, dd, nano, v.off);
    END $$;
    -- The Cypher function that makes each kind of date or time.
    CREATE OR REPLACE FUNCTION gx_temporal_name(kind text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE kind WHEN 'D' THEN 'date' WHEN 'L' THEN 'localtime' WHEN 'T' THEN 'time' WHEN 'M' THEN 'localdatetime' ELSE 'datetime' END
    $$;
    -- `+01:00`, `-0800`, `+08`, `Z` as seconds east of UTC; null for anything else.
    CREATE OR REPLACE FUNCTION gx_offset(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE digits text; s bigint;
    BEGIN
        IF t = 'Z' THEN RETURN 0; END IF;
        IF left(t, 1) NOT IN ('+', '-') THEN RETURN NULL; END IF;
        digits := replace(substr(t, 2), ':', '');
        IF digits !~ '^([0-9]{2}|[0-9]{4}|[0-9]{6})$' THEN RETURN NULL; END IF;
        s := substr(digits, 1, 2)::bigint * 3600 + coalesce(nullif(substr(digits, 3, 2), '')::bigint, 0) * 60 + coalesce(nullif(substr(digits, 5, 2), '')::bigint, 0);
        IF s > 18 * 3600 THEN RETURN NULL; END IF;
        RETURN CASE WHEN left(t, 1) = '-' THEN -s ELSE s END;
    END $$;
    -- date(), localtime(), time(), localdatetime(), datetime() and duration() of a value
    -- read per row: a map of fields or an ISO string, as `TemporalValue` and
    -- `DurationValue` read them (the same errors for what they refuse).
    CREATE OR REPLACE FUNCTION gx_temporal(name text, arg jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE kind text; t text; rest text; datepart text; zone text := ''; p text[]; pieces text[]; secs text[];
        y bigint := 1970; mo bigint := 1; dd bigint := 1; h bigint := 0; mi bigint := 0; sc bigint := 0; fraction bigint := 0; off bigint := 0;
        k text; f bigint; digits text; months bigint := 0; days bigint := 0; seconds bigint := 0; nanos bigint := 0; bad text;
    BEGIN
        IF arg IS NULL OR jsonb_typeof(arg) = 'null' THEN RETURN NULL; END IF;
        IF name = 'duration' THEN
            IF jsonb_typeof(arg) = 'object' THEN
                FOR k IN SELECT jsonb_object_keys(arg) LOOP
                    IF k NOT IN ('years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds', 'nanoseconds') THEN
                        RAISE EXCEPTION 'duration(): unknown field ‘%’', k;
                    END IF;
                    IF jsonb_typeof(arg -> k) <> 'number' OR (arg -> k)::numeric <> trunc((arg -> k)::numeric) OR abs((arg -> k)::numeric) >= 1e12 THEN
                        RAISE EXCEPTION 'duration(): % must be an integer of at most 12 digits', k;
                    END IF;
                    f := (arg -> k)::numeric::bigint;
                    CASE k
                    WHEN 'years' THEN months := months + 12 * f; WHEN 'months' THEN months := months + f;
                    WHEN 'weeks' THEN days := days + 7 * f; WHEN 'days' THEN days := days + f;
                    WHEN 'hours' THEN seconds := seconds + 3600 * f; WHEN 'minutes' THEN seconds := seconds + 60 * f;
                    WHEN 'seconds' THEN seconds := seconds + f; WHEN 'milliseconds' THEN nanos := nanos + 1000000 * f;
                    WHEN 'microseconds' THEN nanos := nanos + 1000 * f; ELSE nanos := nanos + f;
                    END CASE;
                END LOOP;
                RETURN gx_duration(months, days, seconds + div(nanos, 1000000000)::bigint, nanos % 1000000000);
            END IF;
            IF jsonb_typeof(arg) <> 'string' THEN RAISE EXCEPTION 'duration() takes a map or an ISO string'; END IF;
            t := arg #>> '{}';
            IF left(t, 1) = chr(57344) THEN t := substr(t, strpos(t, chr(57345)) + 1); END IF;
            p := regexp_match(upper(btrim(t)), '^P(?:(-?[0-9.]+)Y)?(?:(-?[0-9.]+)M)?(?:(-?[0-9.]+)W)?(?:(-?[0-9.]+)D)?(?:T(?:(-?[0-9.]+)H)?(?:(-?[0-9.]+)M)?(?:(-?[0-9.]+)S)?)?$');
            IF p IS NULL OR upper(btrim(t)) IN ('P', 'PT') THEN RAISE EXCEPTION 'duration(): cannot read ‘%’ as an ISO 8601 duration', t; END IF;
            RETURN gx_temporal('duration', jsonb_strip_nulls(jsonb_build_object('years', p[1]::numeric, 'months', p[2]::numeric, 'weeks', p[3]::numeric, 'days', p[4]::numeric,
                'hours', p[5]::numeric, 'minutes', p[6]::numeric, 'seconds', trunc(p[7]::numeric), 'nanoseconds', round((p[7]::numeric - trunc(p[7]::numeric)) * 1000000000))));
        END IF;
        kind := CASE name WHEN 'date' THEN 'D' WHEN 'localtime' THEN 'L' WHEN 'time' THEN 'T' WHEN 'localdatetime' THEN 'M' ELSE 'Z' END;
        IF jsonb_typeof(arg) = 'object' THEN
            FOR k IN SELECT jsonb_object_keys(arg) LOOP
                IF k NOT IN ('year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond', 'timezone') THEN
                    RAISE EXCEPTION '%(): unknown field ‘%’ (week, ordinal and quarter dates are not supported)', name, k;
                END IF;
                IF k <> 'timezone' AND (jsonb_typeof(arg -> k) <> 'number' OR (arg -> k)::numeric <> trunc((arg -> k)::numeric)) THEN
                    RAISE EXCEPTION '%(): % must be an integer', name, k;
                END IF;
            END LOOP;
            IF kind IN ('D', 'M', 'Z') THEN
                IF NOT arg ? 'year' THEN RAISE EXCEPTION '%(): year is required', name; END IF;
                y := (arg ->> 'year')::numeric::bigint; mo := coalesce((arg ->> 'month')::numeric::bigint, 1); dd := coalesce((arg ->> 'day')::numeric::bigint, 1);
            END IF;
            IF kind IN ('L', 'T', 'M', 'Z') THEN
                h := coalesce((arg ->> 'hour')::numeric::bigint, 0); mi := coalesce((arg ->> 'minute')::numeric::bigint, 0); sc := coalesce((arg ->> 'second')::numeric::bigint, 0);
                fraction := coalesce((arg ->> 'millisecond')::numeric::bigint, 0) * 1000000 + coalesce((arg ->> 'microsecond')::numeric::bigint, 0) * 1000
                    + coalesce((arg ->> 'nanosecond')::numeric::bigint, 0);
                IF h NOT BETWEEN 0 AND 23 OR mi NOT BETWEEN 0 AND 59 OR sc NOT BETWEEN 0 AND 59 OR fraction NOT BETWEEN 0 AND 999999999 THEN
                    RAISE EXCEPTION '%(): hour, minute, second or fraction out of range', name;
                END IF;
            END IF;
            IF kind IN ('T', 'Z') AND arg ? 'timezone' THEN
                off := CASE WHEN jsonb_typeof(arg -> 'timezone') = 'string' THEN gx_offset(arg ->> 'timezone') END;
                IF off IS NULL THEN
                    RAISE EXCEPTION '%(): timezone must be an offset such as ''+01:00'' or ''Z'' (named zones are not supported)', name;
                END IF;
            END IF;
        ELSIF jsonb_typeof(arg) = 'string' THEN
            t := arg #>> '{}';
            IF left(t, 1) = chr(57344) THEN t := substr(t, strpos(t, chr(57345)) + 1); END IF;
            bad := format('%s(): cannot read ‘%s’ as ISO 8601', name, t);
            rest := btrim(t, ' ');
            IF kind IN ('D', 'M', 'Z') THEN
                datepart := CASE WHEN kind = 'D' THEN rest ELSE split_part(rest, 'T', 1) END;
                p := regexp_match(datepart, '^([+-]?[0-9]+)-([+-]?[0-9]+)-([+-]?[0-9]+)$');
                IF p IS NULL THEN RAISE EXCEPTION '%', bad; END IF;
                y := p[1]::bigint; mo := p[2]::bigint; dd := p[3]::bigint;
                rest := substr(rest, length(datepart) + 1);
                IF kind <> 'D' THEN
                    IF left(rest, 1) <> 'T' THEN RAISE EXCEPTION '%', bad; END IF;
                    rest := substr(rest, 2);
                END IF;
            END IF;
            IF kind IN ('L', 'T', 'M', 'Z') THEN
                IF rest ~ '[Z+-]' THEN
                    zone := substring(rest from '[Z+-].*$');
                    rest := left(rest, length(rest) - length(zone));
                END IF;
                pieces := string_to_array(rest, ':');
                IF array_length(pieces, 1) NOT BETWEEN 2 AND 3 OR pieces[1] !~ '^[0-9]+$' OR pieces[2] !~ '^[0-9]+$' THEN RAISE EXCEPTION '%', bad; END IF;
                h := pieces[1]::bigint; mi := pieces[2]::bigint;
                IF array_length(pieces, 1) = 3 THEN
                    secs := regexp_match(pieces[3], '^([0-9]+)(?:\.(.*))?$');
                    IF secs IS NULL THEN RAISE EXCEPTION '%', bad; END IF;
                    sc := secs[1]::bigint;
                    IF secs[2] IS NOT NULL THEN
                        digits := left(secs[2], 9);
                        IF digits !~ '^[0-9]+$' THEN RAISE EXCEPTION '%', bad; END IF;
                        fraction := digits::bigint * (10 ^ (9 - length(digits)))::bigint;
                    END IF;
                END IF;
                IF h NOT BETWEEN 0 AND 23 OR mi NOT BETWEEN 0 AND 59 OR sc NOT BETWEEN 0 AND 59 THEN RAISE EXCEPTION '%', bad; END IF;
                IF zone <> '' THEN
                    off := CASE WHEN kind IN ('T', 'Z') THEN gx_offset(zone) END;
                    IF off IS NULL THEN RAISE EXCEPTION '%', bad; END IF;
                END IF;
            ELSIF rest <> '' THEN
                RAISE EXCEPTION '%', bad;
            END IF;
        ELSE
            RAISE EXCEPTION '%() takes a map or a string', name;
        END IF;
        IF kind IN ('D', 'M', 'Z') AND (y NOT BETWEEN 1 AND 9999 OR mo NOT BETWEEN 1 AND 12 OR dd < 1
            OR dd > extract(day FROM make_date(y::integer, mo::integer, 1) + interval '1 month' - interval '1 day')) THEN
            RAISE EXCEPTION '%(): no such date %-%-% (years 1 to 9999)', name, y, mo, dd;
        END IF;
        RETURN gx_temporal_encode(kind, y, mo, dd, (h * 3600 + mi * 60 + sc) * 1000000000 + fraction, off);
    END $$;
    -- + and - with a duration: a date or time moved, or two durations summed.
    CREATE OR REPLACE FUNCTION gx_temporal_arith(op text, a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE da boolean; db boolean; p record; q record; sign integer;
    BEGIN
        IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
        da := gx_rank(a) = 5 AND substr(a #>> '{}', 2, 1) = 'P';
        db := gx_rank(b) = 5 AND substr(b #>> '{}', 2, 1) = 'P';
        sign := CASE op WHEN '-' THEN -1 ELSE 1 END;
        IF op = '+' AND da AND NOT db AND gx_rank(b) = 5 THEN
            p := gx_duration_parts(a);
            RETURN gx_temporal_add(b, p.months, p.days, p.seconds, p.nanos);
        ELSIF op IN ('+', '-') AND db AND NOT da AND gx_rank(a) = 5 THEN
            p := gx_duration_parts(b);
            RETURN gx_temporal_add(a, sign * p.months, sign * p.days, sign * p.seconds, sign * p.nanos);
        ELSIF op IN ('+', '-') AND da AND db THEN
            p := gx_duration_parts(a); q := gx_duration_parts(b);
            RETURN gx_duration(p.months + sign * q.months, p.days + sign * q.days,
                p.seconds + sign * q.seconds + div(p.nanos + sign * q.nanos, 1000000000)::bigint, (p.nanos + sign * q.nanos) % 1000000000);
        END IF;
        RAISE EXCEPTION 'cannot apply % to % and %', op, jsonb_typeof(a), jsonb_typeof(b);
    END $$;
    -- Cypher's -, *, / and % for values only the data knows (numbers).
    CREATE OR REPLACE FUNCTION gx_arith(op text, a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE x numeric; y numeric;
    BEGIN
        IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
        IF gx_rank(a) = 5 OR gx_rank(b) = 5 THEN RETURN gx_temporal_arith(op, a, b); END IF;
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

    /// The functions as an extension of the store, under `meta` key `query_runtime`.
    static let storeExtension = PostgresExtensions.Extension(key: "query_runtime", version: version, sql: definitions)

    /// Installs the functions unless the store already has this version of them (a store
    /// a writer opened since `QueryEngine.registerPostgresFunctions()` has them).
    static func install(on database: Database) throws {
        PostgresExtensions.register(storeExtension)
        do {
            try PostgresExtensions.install(storeExtension, on: database)
        } catch let e as StoreError {
            throw QueryError(.runtime, "the query language's functions are missing from \(database.path) and could not be installed (\(e.message)); open the store once for writing (e.g. `guanxi build`, which installs them), or as a role that may create functions in its schema")
        }
    }
}
