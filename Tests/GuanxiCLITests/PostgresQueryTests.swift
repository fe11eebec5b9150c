import Foundation
import Testing
import GuanxiStore
import GuanxiQuery
import GuanxiTCK

/// The query language on a PostgreSQL store: the same rows as on SQLite, read-only,
/// within its time limit, and the openCypher TCK.
@Suite("Query language on PostgreSQL", .serialized)
struct PostgresQueryTests {
    /// Rows of `--format json` with every list in a value sorted: `collect()` without an
    /// ORDER BY before it gathers in whatever order the database read its rows, which
    /// Cypher leaves open and the two backends need not share.
    static func rows(_ json: String, keeping columns: Set<String>?) throws -> [String] {
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        func canonical(_ v: Any) -> Any {
            guard let list = v as? [Any] else { return v }
            return list.map { String(data: (try? JSONSerialization.data(withJSONObject: [canonical($0)], options: [.sortedKeys])) ?? Data(), encoding: .utf8) ?? "" }.sorted()
        }
        return try parsed.map { row in
            let kept = row.filter { columns?.contains($0.key) ?? true }.mapValues(canonical)
            return String(decoding: try JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    /// The columns a query's result is determined by: all of them, or with LIMIT after an
    /// ORDER BY that may tie, only the ones it orders by (either tied row is an answer).
    static func determinedColumns(_ text: String) -> Set<String>? {
        let upper = text.uppercased()
        guard upper.contains("LIMIT"), let order = upper.range(of: "ORDER BY") else { return nil }
        let clause = text[order.upperBound...].prefix { $0 != "\n" }.replacingOccurrences(of: "LIMIT", with: ",", options: .caseInsensitive)
        return Set(clause.split(separator: ",").compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    @Test func everyQueriesFileGivesTheRowsItGivesOnSQLite() throws {
        guard let server = PostgresStoreTests.server() else { return }
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (pg, file) = try PostgresStoreTests.seededStores(server, in: dir)
        let folder = CLI.packageRoot.appendingPathComponent("Queries")
        let queries = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cypher") }.sorted()
        #expect(queries.count >= 12)
        for name in queries {
            let path = folder.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let keep = Self.determinedColumns(text)
            let onSQLite = try Self.rows(PostgresStoreTests.output(["query", "-f", path, "--format", "json", "--db", file]), keeping: keep)
            let onPostgres = try Self.rows(PostgresStoreTests.output(["query", "-f", path, "--format", "json", "--db", pg]), keeping: keep)
            #expect(!onSQLite.isEmpty, "\(name) returns nothing on the seeds")
            if text.uppercased().contains("ORDER BY") {
                #expect(onPostgres == onSQLite, "\(name)")
            } else {
                #expect(onPostgres.sorted() == onSQLite.sorted(), "\(name)")
            }
        }
        // A reporting window restricts both alike.
        for window in [["--since", "2024"], ["--as-of", "2023-06"]] {
            let q = ["query", "MATCH (a)-[r]->(b) RETURN type(r) AS t, count(*) AS n ORDER BY t", "--format", "json"] + window
            #expect(try PostgresStoreTests.output(q + ["--db", pg]) == PostgresStoreTests.output(q + ["--db", file]), "\(window)")
        }
    }

    @Test func theQueryLanguageNeitherWritesNorOutrunsItsLimitOnPostgreSQL() throws {
        guard let server = PostgresStoreTests.server() else { return }
        let pg = try server.newDatabase()
        _ = try PostgresStoreTests.output(["build", "seeds", "--db", pg])
        let count = { try PostgresStoreTests.output(["query", "MATCH (n) RETURN count(n) AS n", "--format", "csv", "--db", pg]) }
        let before = try count()
        // Writing clauses are refused, and text that looks like SQL stays a string.
        let write = try CLI.run(["query", "MATCH (n) DETACH DELETE n", "--db", pg])
        #expect(write.status != 0 && write.stderr.contains("never changes"))
        let injected = try CLI.run(["query", "RETURN 'x\\'); DELETE FROM nodes; --' AS s", "--format", "csv", "--db", pg])
        #expect(injected.status == 0 && injected.stdout.contains("DELETE FROM nodes"))
        #expect(try count() == before)
        // The engine's statements run in a read-only transaction: SQL that writes fails there.
        let store = try GraphStore.open(path: pg, create: false, readOnly: false)
        let (_, timedOut) = try store.database.withTimeLimit(5, readOnly: true) {
            #expect(throws: StoreError.self) { try store.database.execute("DELETE FROM nodes") }
        }
        #expect(!timedOut)
        #expect(try count() == before)
        // The time limit stops the server's statement.
        let slow = try CLI.run(["query", "UNWIND range(1, 5000) AS x UNWIND range(1, 5000) AS y RETURN count(*)", "--timeout", "0.2", "--db", pg])
        #expect(slow.status != 0 && slow.stderr.contains("ran longer than 0.2 s"))
        // EXPLAIN shows PostgreSQL's plan; PROFILE counts each step's rows.
        let explain = try PostgresStoreTests.output(["query", "EXPLAIN MATCH (v:Village)-[:belongs_to]->(t:Town) RETURN t.name", "--db", pg])
        #expect(explain.contains("PostgreSQL plan") && explain.contains("Scan"))
        let profile = try PostgresStoreTests.output(["query", "PROFILE MATCH (v:Village)-[:belongs_to]->(t:Town) RETURN count(*) AS n", "--format", "json", "--db", pg])
        #expect(profile.contains("\"operator\":\"Match (v:Village)-[:belongs_to]->(t:Town)\""))
    }

    @Test func aBuildInstallsTheFunctionsSoThatAReaderWhoMayNotCreateThemCanQuery() throws {
        guard let server = PostgresStoreTests.server() else { return }
        let pg = try server.newDatabase()
        _ = try PostgresStoreTests.output(["build", "seeds", "--db", pg])
        let store = try GraphStore.open(path: pg, create: false, readOnly: true)
        #expect(try store.database.scalar("SELECT value FROM meta WHERE key = 'query_runtime'")?.text?.hasPrefix("query-runtime-") == true)
        // A role that may read the tables and nothing else (PostgreSQL 15 lets no one but
        // the owner create in `public`).
        let role = "reader_" + UUID().uuidString.prefix(8).lowercased()
        try store.database.execute("BEGIN READ WRITE; CREATE ROLE \(role) LOGIN; GRANT USAGE ON SCHEMA public TO \(role); "
            + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role); COMMIT")
        let reader = pg.replacingOccurrences(of: "postgres@", with: "\(role)@")
        let rows = try PostgresStoreTests.output(["query", "MATCH (v:Village)-[:belongs_to]->(t:Town) RETURN count(*) AS n", "--format", "csv", "--db", reader])
        #expect(rows.hasPrefix("n\n") && rows != "n\n0\n")
        // Without the functions (dropped, as in a store an older Guanxi built), the reader
        // is told what to do instead of getting an SQL error.
        try store.database.execute("BEGIN READ WRITE; DELETE FROM meta WHERE key = 'query_runtime'; COMMIT")
        let refused = try CLI.run(["query", "RETURN 1 AS one", "--db", reader])
        #expect(refused.status != 0 && refused.stderr.contains("guanxi build"), "\(refused.stderr)")
        // The owner's first query installs them again.
        #expect(try PostgresStoreTests.output(["query", "RETURN 1 AS one", "--format", "csv", "--db", pg]) == "one\n1\n")
        #expect(try PostgresStoreTests.output(["query", "RETURN 1 AS one", "--format", "csv", "--db", reader]) == "one\n1\n")
    }

    @Test func datesTimesAndDurationsAgreeWithSQLite() throws {
        guard let server = PostgresStoreTests.server() else { return }
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (pg, file) = try PostgresStoreTests.seededStores(server, in: dir)
        let values = "[date('1910-05-06'), date('1980-12-31'), date({year: 2000, month: 2, day: 29}), localtime('12:31:14.645876123'), "
            + "time('23:59:59.5+01:00'), time('01:02-05:30'), datetime('1984-10-11T12:31:14.645876123+01:00'), localdatetime('2000-02-29T23:00')]"
        let queries = [
            // Moved by durations of every part, forwards and back, across months, leap days and midnight.
            "UNWIND \(values) AS d RETURN d, d + duration({months: 1, days: 2, hours: 3, seconds: 1, milliseconds: 500}) AS e, "
                + "d - duration('P1Y2M3DT4H5M6.007S') AS f, d + duration({seconds: -90000}) AS g, d.year AS y, d.hour AS h, "
                + "d.nanosecond AS n, d.timezone AS z ORDER BY e",
            "WITH duration('P1Y2M3DT4H5M6.007S') AS a, duration({days: -3, seconds: 7, nanoseconds: 5}) AS b "
                + "RETURN a + b AS s, a - b AS d, b - a AS e, a = a AS eq, b + date('2020-02-29') AS f",
            "UNWIND \(values) AS d WITH d ORDER BY d DESC RETURN collect(toString(d)) AS all, max(d) AS latest",
            // Made per row from text and maps (PL/pgSQL on PostgreSQL, Swift on SQLite).
            "UNWIND ['2024-05-01T08:00Z', '2020-02-29T23:59:59.123456789-05:30', {year: 2021, month: 2, day: 28, hour: 1, timezone: '+0800'}] AS a "
                + "RETURN datetime(a) AS dt, datetime(toString(datetime(a))) AS again, datetime(a).hour AS h",
            "UNWIND ['P1Y2M3DT4H5M6.007S', 'P1W', 'pt-90m', {days: 3, hours: -2, nanoseconds: 5}] AS a RETURN duration(a) AS d",
        ]
        for q in queries {
            #expect(try PostgresStoreTests.output(["query", q, "--format", "json", "--db", pg]) == PostgresStoreTests.output(["query", q, "--format", "json", "--db", file]), "\(q)")
        }
        // What neither reads is refused with the same words.
        for bad in ["'2021-02-30'", "'24:00'", "{year: 2000, timezone: 'Europe/Berlin'}", "'P1.5D'"] {
            let q = "UNWIND [\(bad)] AS a RETURN \(bad.hasPrefix("'P") ? "duration" : "datetime")(a) AS v"
            let (onPostgres, onSQLite) = (try CLI.run(["query", q, "--db", pg]), try CLI.run(["query", q, "--db", file]))
            #expect(onPostgres.status != 0 && onPostgres.stderr == onSQLite.stderr, "\(bad): \(onPostgres.stderr)")
        }
    }

    @Test func theTCKRunsOnPostgreSQL() throws {
        guard let server = PostgresStoreTests.server() else { return }
        let root = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tck").path
        guard FileManager.default.fileExists(atPath: root + "/features") else {
            print("skipped: ../shared/tck is absent (a user's clone); CI runs the TCK")
            return
        }
        let runner = TCKRunner(root: root, database: try server.newDatabase())
        var report = TCKReport()
        for s in try runner.scenarios() { report.record(s, runner.run(s)) }
        #expect(report.total == 1307)
        #expect(report.passed >= 1298, "TCK passes on PostgreSQL fell below SQLite's: \(report.passed)")
        #expect(report.failed == 0, "\(report.failures.prefix(3))")
        // What is out of scope is what the language leaves out on either backend (writes).
        #expect(report.outOfScope.allSatisfy { $0.1.contains("not supported") }, "\(report.outOfScope.prefix(3))")
    }
}
