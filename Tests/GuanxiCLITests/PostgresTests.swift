import Foundation
import Testing
import GuanxiStore
import GuanxiExport

/// The same commands on a PostgreSQL store as on an SQLite file, against a server the
/// tests start themselves (`TemporaryPostgres`).
@Suite("PostgreSQL store", .serialized)
struct PostgresStoreTests {
    /// The server, or nil after printing why these tests are skipped.
    static func server() -> TemporaryPostgres? {
        guard let server = TemporaryPostgres.shared else {
            print(TemporaryPostgres.skipReason)
            return nil
        }
        return server
    }

    /// The output of a command that must succeed.
    static func output(_ arguments: [String], in directory: URL? = nil) throws -> String {
        let r = try CLI.run(arguments, in: directory)
        #expect(r.status == 0, "\(arguments.joined(separator: " ")): \(r.stderr)")
        return r.stdout
    }

    /// A new PostgreSQL database and an SQLite file in `dir`, each with the seeds built into it.
    static func seededStores(_ server: TemporaryPostgres, in dir: URL) throws -> (pg: String, file: String) {
        let pg = try server.newDatabase(), file = dir.appendingPathComponent("s.db").path
        for db in [pg, file] { _ = try output(["build", "seeds", "--db", db]) }
        return (pg, file)
    }

    /// `stats --format json` without the size on disk, which differs by design.
    static func stats(_ db: String) throws -> String {
        try output(["stats", "--db", db, "--format", "json"]).replacingOccurrences(of: #","bytes":\d+"#, with: "", options: .regularExpression)
    }

    /// Every export format and two profiles, as text.
    static func views(_ db: String, _ dir: URL) throws -> [String] {
        var out = [try stats(db)]
        for format in ["jsonl", "graphml", "nquads"] {
            let file = dir.appendingPathComponent(UUID().uuidString).path
            _ = try output(["export", "--\(format)", file, "--db", db])
            out.append(try String(contentsOfFile: file, encoding: .utf8))
        }
        // The first and last node and one between (the same ids in both stores, which
        // number their rows in the same order).
        let store = try GraphStore.open(path: db, create: false, readOnly: true)
        let ids = try store.database.rows("SELECT min(id), max(id), (SELECT id FROM nodes ORDER BY id LIMIT 1 OFFSET 40) FROM nodes")[0]
        for id in ids.compactMap(\.integer) { out.append(try output(["profile", String(id), "--db", db, "--format", "json"])) }
        return out
    }

    @Test func buildExportProfileRetractAndImportAgreeWithSQLite() throws {
        guard let server = Self.server() else { return }
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (pg, file) = try Self.seededStores(server, in: dir)
        let built = try Self.views(file, dir)
        #expect(built[0].contains("\"documents\":5"))
        #expect(try Self.views(pg, dir) == built)
        // Building again changes nothing; a retract takes the same facts out of both.
        #expect(try Self.output(["build", "seeds", "--db", pg]).contains("5 unchanged"))
        let first = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("seeds").path).filter { $0.hasSuffix(".txt") }.sorted()[0]
        for db in [pg, file] { _ = try Self.output(["retract", first, "--db", db]) }
        #expect(try Self.views(pg, dir) == Self.views(file, dir))
        // An imported graph, then articles, on a new database of each kind.
        let graphml = dir.appendingPathComponent("g.graphml").path
        _ = try Self.output(["export", "--graphml", graphml, "--db", file])
        let pg2 = try server.newDatabase(), file2 = dir.appendingPathComponent("i.db").path
        for db in [pg2, file2] {
            _ = try Self.output(["import", graphml, "--db", db])
            _ = try Self.output(["build", "seeds", "--db", db])
        }
        #expect(try Self.views(pg2, dir) == Self.views(file2, dir))
    }

    @Test func exportsReadThroughCursorsAFewRowsAtATimeWriteTheSameFiles() throws {
        guard let server = Self.server() else { return }
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (pg, file) = try Self.seededStores(server, in: dir)
        // The command's own export (10,000 rows a fetch: the seeds' scans fit in one).
        let whole = dir.appendingPathComponent("whole.graphml").path, wholeQuads = dir.appendingPathComponent("whole.nq").path
        _ = try Self.output(["export", "--graphml", whole, "--nquads", wholeQuads, "--db", pg])
        // The same store read three rows a fetch: every scan crosses many fetches.
        let store = try GraphStore.open(path: pg, create: false, readOnly: true)
        store.database.scanFetchSize = 3
        let small = dir.appendingPathComponent("small.graphml").path, smallQuads = dir.appendingPathComponent("small.nq").path
        let summary = try GraphMLExporter(store: store).write(to: small)
        #expect(summary.edges > 50)
        _ = try NQuadsExporter(store: store).write(to: smallQuads)
        #expect(try String(contentsOfFile: small, encoding: .utf8) == String(contentsOfFile: whole, encoding: .utf8))
        #expect(try String(contentsOfFile: smallQuads, encoding: .utf8) == String(contentsOfFile: wholeQuads, encoding: .utf8))
        // And the same as the SQLite file's.
        let fileExport = dir.appendingPathComponent("file.graphml").path
        _ = try Self.output(["export", "--graphml", fileExport, "--db", file])
        #expect(try String(contentsOfFile: small, encoding: .utf8) == String(contentsOfFile: fileExport, encoding: .utf8))
        // Inside a snapshot a scan is a cursor, read three rows at a time.
        let (ids, openCursors) = try store.database.readSnapshot {
            let scan = try store.database.prepareScan("SELECT id FROM nodes ORDER BY id")
            try scan.bind([])
            var ids: [Int64] = []
            var open: Int64?
            while try scan.step() {
                if let id = scan.column(0).integer { ids.append(id) }
                if ids.count == 5 { open = try store.database.scalar("SELECT count(*) FROM pg_cursors WHERE name LIKE 'gx_scan%'")?.integer }
            }
            return (ids, open)
        }
        #expect(openCursors == 1)
        #expect(ids == (try store.database.rows("SELECT id FROM nodes ORDER BY id").compactMap { $0.first?.integer }))
        // The cursors closed with their snapshot; the connection still reads.
        #expect(store.database.isAutocommit)
        #expect(try store.database.scalar("SELECT count(*) FROM pg_cursors WHERE name LIKE 'gx_scan%'")?.integer == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM nodes")?.integer ?? 0 > 100)
    }

    @Test func fourWritersLeaveTheGraphOneBuildLeaves() throws {
        guard let server = Self.server() else { return }
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The seeds and, where the development set is at hand, its articles too.
        var articles = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("seeds").path)
            .filter { $0.hasSuffix(".txt") }.map { CLI.packageRoot.appendingPathComponent("seeds/" + $0) }
        let dev = CLI.packageRoot.appendingPathComponent("../shared/dev/texts").standardized
        articles += ((try? FileManager.default.contentsOfDirectory(atPath: dev.path)) ?? []).filter { $0.hasSuffix(".txt") }.map { dev.appendingPathComponent($0) }
        let all = dir.appendingPathComponent("all")
        try FileManager.default.createDirectory(at: all, withIntermediateDirectories: true)
        var quarters: [URL] = []
        for q in 0..<4 {
            quarters.append(dir.appendingPathComponent("q\(q)"))
            try FileManager.default.createDirectory(at: quarters[q], withIntermediateDirectories: true)
        }
        for (i, article) in articles.sorted(by: { $0.path < $1.path }).enumerated() {
            try FileManager.default.copyItem(at: article, to: all.appendingPathComponent(article.lastPathComponent))
            try FileManager.default.copyItem(at: article, to: quarters[i % 4].appendingPathComponent(article.lastPathComponent))
        }
        let one = try server.newDatabase(), four = try server.newDatabase()
        _ = try Self.output(["build", all.path, "--db", one])
        // Four processes at once, each on its quarter, into one store.
        let group = DispatchGroup()
        let failures = FailureLog()
        for q in quarters {
            DispatchQueue.global().async(group: group) {
                do {
                    let r = try CLI.run(["build", q.path, "--db", four])
                    if r.status != 0 { failures.add(r.stderr) }
                } catch { failures.add("\(error)") }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        let a = dir.appendingPathComponent("one.jsonl").path, b = dir.appendingPathComponent("four.jsonl").path
        _ = try Self.output(["export", "--jsonl", a, "--db", one])
        _ = try Self.output(["export", "--jsonl", b, "--db", four])
        let (x, y) = (try String(contentsOfFile: a, encoding: .utf8), try String(contentsOfFile: b, encoding: .utf8))
        #expect(x.split(separator: "\n").count > 300)
        #expect(x == y)
        #expect(try Self.stats(one) == Self.stats(four))
    }

    @Test func aKilledWriterLeavesWholeDocumentsOnly() throws {
        guard let server = Self.server() else { return }
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Many copies of the seeds (each copy a document of its own: its name line differs).
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let seeds = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("seeds").path).filter { $0.hasSuffix(".txt") }.sorted()
        for copy in 0..<40 {
            for seed in seeds {
                let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent("seeds/" + seed), encoding: .utf8)
                try ("第\(copy)稿\n" + text).write(to: corpus.appendingPathComponent("\(copy)_\(seed)"), atomically: false, encoding: .utf8)
            }
        }
        let killed = try server.newDatabase(), whole = try server.newDatabase()
        let process = try CLI.start(["build", corpus.path, "--db", killed, "--jobs", "1"])
        // Kill it once some documents are in.
        CLI.waitForDocuments(in: killed, atLeast: 10, seconds: 60)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stored = try Database(postgresURL: killed).scalar("SELECT count(*) FROM documents")?.integer ?? 0
        #expect(stored >= 10 && stored < 200, "\(stored) documents before the kill")
        // Every stored document is whole: building again skips it and adds the rest, and
        // the store is then the one a build without a kill leaves.
        _ = try Self.output(["build", corpus.path, "--db", killed])
        _ = try Self.output(["build", corpus.path, "--db", whole])
        #expect(try Self.stats(killed) == Self.stats(whole))
    }

    @Test func theStoreRefusesForeignAndNewerDatabasesAndLeavesThemAlone() throws {
        guard let server = Self.server() else { return }
        let foreign = try server.newDatabase()
        try Database(postgresURL: foreign).execute("CREATE TABLE accounts(id int); INSERT INTO accounts VALUES (7)")
        let r = try CLI.run(["build", "seeds", "--db", foreign])
        #expect(r.status != 0)
        #expect(r.stderr.contains("not a Guanxi store"))
        #expect(try Database(postgresURL: foreign).scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")?.integer == 1)
        let newer = try server.newDatabase()
        _ = try Self.output(["build", "seeds", "--db", newer])
        try Database(postgresURL: newer).execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        let s = try CLI.run(["stats", "--db", newer])
        #expect(s.status != 0)
        #expect(s.stderr.contains("schema version 99"))
        // An empty database is no store to read.
        let empty = try server.newDatabase()
        let q = try CLI.run(["stats", "--db", empty])
        #expect(q.status != 0 && q.stderr.contains("not a Guanxi store yet"))
    }

    @Test func theCitusScriptChangesNothingWithoutCitus() throws {
        guard let server = Self.server() else { return }
        let db = try server.newDatabase()
        _ = try Self.output(["build", "seeds", "--db", db])
        let before = try Self.stats(db)
        let script = try String(contentsOf: CLI.packageRoot.appendingPathComponent("scripts/citus.sql"), encoding: .utf8)
        try Database(postgresURL: db).execute(script)
        #expect(try Self.stats(db) == before)
        let key = try Database(postgresURL: db).rows("""
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
            WHERE i.indrelid = 'triples'::regclass AND i.indisprimary
            """).compactMap { $0.first?.text }
        #expect(key == ["id"])
        #expect(try Self.output(["build", "seeds", "--db", db]).contains("5 unchanged"))
    }

    @Test func thePasswordNeverShowsAndReadersCannotWrite() throws {
        guard let server = Self.server() else { return }
        let plain = try server.newDatabase()
        // The server trusts local connections, so any password is accepted and ignored.
        let secret = "s3cr3t-pa55"
        let url = plain.replacingOccurrences(of: "postgres@", with: "postgres:\(secret)@")
        for arguments in [["build", "seeds", "--db", url], ["stats", "--db", url], ["stats", "--db", url + "_missing"], ["query", "RETURN 1", "--db", url]] {
            let r = try CLI.run(arguments)
            #expect(!r.stdout.contains(secret) && !r.stderr.contains(secret), "\(arguments[0]) showed the password")
        }
        #expect(try CLI.run(["stats", "--db", url]).stdout.contains("postgres:***@"))
        // GUANXI_DB names the store when --db does not.
        let env = try CLI.run(["stats", "--format", "json"], environment: ["GUANXI_DB": url])
        #expect(env.status == 0 && env.stdout.contains("\"documents\":5"))
        // A store opened for reading refuses writes at the server.
        let store = try GraphStore.open(path: url, create: false, readOnly: true)
        #expect(throws: StoreError.self) { try store.database.execute("DELETE FROM documents") }
        #expect(StoreLocation.redacting("postgresql://u:p@h/d?password=q&x=1") == "postgresql://u:***@h/d?password=***&x=1")
    }
}

/// Failures collected from several threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    func add(_ s: String) { lock.lock(); entries.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return entries }
}
