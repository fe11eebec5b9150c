import Foundation
import Testing
import GuanxiTestSupport
import GuanxiExtraction
@testable import GuanxiStore
import GuanxiText

enum StoreFixture {
    static let extractor: Extractor? = try? Extractor.standard()

    static func tempPath() -> String {
        Scratch.path("store", ".db")
    }

    static func extract(_ text: String, name: String, path: String? = nil) throws -> DocumentExtraction {
        guard let extractor else { throw StoreError(.sqlite(extended: 1), message: "rules did not load", path: "") }
        return extractor.extract(SourceText(name: name, path: path ?? "/articles/" + name, scalars: Array(text.unicodeScalars)))
    }

    static var seeds: [SourceText] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds").path
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        return files.compactMap { try? DocumentDecoder.read(path: dir + "/" + $0) }
    }

    static func count(_ store: GraphStore, _ table: String) throws -> Int {
        Int(try store.database.scalar("SELECT count(*) FROM \(table)")?.integer ?? -1)
    }
}

@Suite("GraphStore")
struct GraphStoreTests {
    let gazetteer = StoreFixture.extractor?.gazetteer ?? Gazetteer()

    /// The graph as names, ids aside: each node's labels, name and aliases, and each
    /// fact with its provenance.
    static func content(_ store: GraphStore) throws -> [String] {
        let nodes = try store.database.rows("""
            SELECT (SELECT group_concat(t.value, ',') FROM (SELECT t.value FROM node_labels l JOIN terms t ON t.id = l.label WHERE l.node = n.id ORDER BY t.value) t),
                   (SELECT value FROM node_props WHERE node = n.id AND key = (SELECT id FROM terms WHERE value = 'name')),
                   (SELECT value FROM node_props WHERE node = n.id AND key = (SELECT id FROM terms WHERE value = 'aliases'))
            FROM nodes n
            """).map { "node " + $0.map { $0.text ?? "-" }.joined(separator: " | ") }
        let facts = try store.database.rows("""
            SELECT (SELECT value FROM node_props WHERE node = x.s AND key = (SELECT id FROM terms WHERE value = 'name')), t.value,
                   (SELECT value FROM node_props WHERE node = x.o AND key = (SELECT id FROM terms WHERE value = 'name')),
                   d.name, p.source, p.start, p.rule, p.evidence
            FROM provenance p JOIN triples x ON x.id = p.edge JOIN terms t ON t.id = x.p JOIN documents d ON d.id = p.document
            """).map { "fact " + $0.map { $0.text ?? "-" }.joined(separator: " | ") }
        let merges = try store.database.scalar("SELECT count(*) FROM merges")?.integer ?? -1
        return (nodes + facts).sorted() + ["merges \(merges)"]
    }

    @Test func theGraphDoesNotDependOnTheOrderDocumentsArriveIn() throws {
        let extractor = try #require(StoreFixture.extractor)
        let seeds = StoreFixture.seeds
        try #require(seeds.count >= 3, "seeds/ is missing")
        let a = try GraphStore.open(path: StoreFixture.tempPath()), b = try GraphStore.open(path: StoreFixture.tempPath())
        for source in seeds { _ = try a.ingest(extractor.extract(source), gazetteer: gazetteer) }
        for source in seeds.reversed() { _ = try b.ingest(extractor.extract(source), gazetteer: gazetteer) }
        let (x, y) = (try Self.content(a), try Self.content(b))
        #expect(x.count > 400)
        #expect(x == y, "\(Set(x).symmetricDifference(y).sorted().prefix(6))")
    }

    @Test func everyFactComesBackWithItsProvenance() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        let extractor = try #require(StoreFixture.extractor)
        let seeds = StoreFixture.seeds
        try #require(!seeds.isEmpty, "seeds/ is missing")
        for source in seeds {
            let extraction = extractor.extract(source)
            _ = try store.ingest(extraction, gazetteer: gazetteer)
            for r in extraction.relations {
                let rows = try store.database.rows("""
                    SELECT ns.value, t.value, no.value, p.start, p.end, p.rule, p.evidence, p.sentence, d.name, d.hash,
                      (SELECT value FROM node_props WHERE node = x.s AND key = (SELECT id FROM terms WHERE value = 'aliases')),
                      (SELECT value FROM node_props WHERE node = x.o AND key = (SELECT id FROM terms WHERE value = 'aliases'))
                    FROM provenance p JOIN documents d ON d.id = p.document JOIN triples x ON x.id = p.edge
                    JOIN terms t ON t.id = x.p
                    JOIN node_props ns ON ns.node = x.s AND ns.key = (SELECT id FROM terms WHERE value = 'name')
                    JOIN node_props no ON no.node = x.o AND no.key = (SELECT id FROM terms WHERE value = 'name')
                    WHERE d.name = ? AND p.start = ? AND p.end = ? AND t.value = ?
                    """, [.text(source.name), .integer(Int64(r.evidence.start)), .integer(Int64(r.evidence.end)), .text(r.predicate.rawValue)])
                // A node is named by its gazetteer unit or by the form most documents
                // write; the article's own form is then one of its aliases.
                func names(_ row: [SQLValue], _ name: Int, _ aliases: Int) -> [String] {
                    let list = (row[aliases].text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] }) ?? []
                    return (row[name].text.map { [$0] } ?? []) + list
                }
                let row = try #require(rows.first {
                    names($0, 0, 10).contains(extraction.entities[r.subject].name) && names($0, 2, 11).contains(extraction.entities[r.object].name)
                },
                                       "\(extraction.entities[r.subject].name) -\(r.predicate.rawValue)-> \(extraction.entities[r.object].name) not stored")
                #expect(row[5].text == r.evidence.rule)
                #expect(row[6].text == extraction.text(r.evidence))
                #expect(row[7].text?.isEmpty == false)
                #expect(row[9].text?.hasPrefix("fnv1a64:") == true)
            }
        }
    }

    @Test func buildingTheSameDocumentAgainChangesNothing() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        let e = try StoreFixture.extract("温岭市箬横镇东浦村党总支书记陈国华介绍,收入增加。", name: "a.txt")
        #expect(try store.ingest(e, gazetteer: gazetteer).outcome == .added)
        let before = try ["nodes", "triples", "provenance", "mentions", "documents"].map { try StoreFixture.count(store, $0) }
        #expect(try store.ingest(e, gazetteer: gazetteer).outcome == .unchanged)
        let after = try ["nodes", "triples", "provenance", "mentions", "documents"].map { try StoreFixture.count(store, $0) }
        #expect(before == after)
    }

    @Test func aChangedFileReplacesItsOwnFacts() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        _ = try store.ingest(try StoreFixture.extract("温岭市箬横镇东浦村党总支书记陈国华介绍。", name: "a.txt"), gazetteer: gazetteer)
        _ = try store.ingest(try StoreFixture.extract("路桥区金清镇海峰村党支部书记李建明说。", name: "b.txt"), gazetteer: gazetteer)
        let changed = try StoreFixture.extract("温岭市箬横镇东浦村党总支书记王建国介绍。", name: "a.txt")
        #expect(try store.ingest(changed, gazetteer: gazetteer).outcome == .replaced)
        let people = try store.database.rows("""
            SELECT p.value FROM node_props p JOIN node_labels l ON l.node = p.node
            WHERE l.label = (SELECT id FROM terms WHERE value = 'Person') AND p.key = (SELECT id FROM terms WHERE value = 'name')
            ORDER BY p.value
            """).compactMap { $0.first?.text }
        #expect(people == ["李建明", "王建国"])
        #expect(try StoreFixture.count(store, "documents") == 2)
    }

    @Test func retractRemovesADocumentAndWhatOnlyItSupported() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        _ = try store.ingest(try StoreFixture.extract("温岭市箬横镇东浦村党总支书记陈国华介绍。", name: "a.txt"), gazetteer: gazetteer)
        _ = try store.ingest(try StoreFixture.extract("温岭市召开会议,李建明说。", name: "b.txt"), gazetteer: gazetteer)
        #expect(try store.retract(document: "a.txt"))
        #expect(try !store.retract(document: "a.txt"))
        let names = Set(try store.database.rows("SELECT value FROM node_props WHERE key = (SELECT id FROM terms WHERE value = 'name')").compactMap { $0.first?.text })
        #expect(!names.contains("陈国华"))
        #expect(!names.contains("东浦村"))
        #expect(names.contains("温岭市"))  // still mentioned by b.txt
        #expect(try StoreFixture.count(store, "provenance") == Int(try store.database.scalar("SELECT count(*) FROM provenance WHERE document IN (SELECT id FROM documents)")?.integer ?? -1))
        #expect(try StoreFixture.count(store, "triples") == Int(try store.database.scalar("SELECT count(DISTINCT edge) FROM provenance")?.integer ?? -1))
    }

    /// The session's caches (node ids, written properties, nodes already mentioned)
    /// only save lookups: a session per document leaves the same graph, merges included.
    @Test func theGraphDoesNotDependOnTheSessionsCaches() throws {
        let extractor = try #require(StoreFixture.extractor)
        let seeds = StoreFixture.seeds
        try #require(seeds.count >= 3, "seeds/ is missing")
        let shared = try GraphStore.open(path: StoreFixture.tempPath())
        for source in seeds + seeds.prefix(2) { _ = try shared.ingest(extractor.extract(source), gazetteer: gazetteer, rebuild: true) }
        let path = StoreFixture.tempPath()
        for source in seeds + seeds.prefix(2) {
            let fresh = try GraphStore.open(path: path)
            _ = try fresh.ingest(extractor.extract(source), gazetteer: gazetteer, rebuild: true)
        }
        let (x, y) = (try Self.content(shared), try Self.content(try GraphStore.open(path: path)))
        #expect(try StoreFixture.count(shared, "merges") >= 5)
        #expect(x == y, "\(Set(x).symmetricDifference(y).sorted().prefix(6))")
    }

    /// Cache keys compare as SQLite compares text, by bytes: two spellings of one
    /// character that Swift's `==` calls equal are two keys, as they are two rows.
    @Test func sessionCacheKeysCompareByBytes() {
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        #expect(composed == decomposed)
        #expect(StoreKey(composed) != StoreKey(decomposed))
        #expect(StoreKey("黄岩区") == StoreKey(String("黄岩区".unicodeScalars)))
        #expect(Set([StoreKey(composed), StoreKey(decomposed), StoreKey(composed)]).count == 2)
        // Same length, different bytes; short (inline) and long strings; the empty key.
        #expect(StoreKey("Person:王芳@a") != StoreKey("Person:王芳@b"))
        let long = "Person:王芳@fnv1a64:0123456789abcdef:2048#17"
        #expect(StoreKey(long) == StoreKey(String(long.unicodeScalars)))
        #expect(StoreKey(long) != StoreKey(long + "0"))
        #expect(StoreKey("") == StoreKey(String()))
        #expect(StoreKey("") != StoreKey("a"))
    }

    /// Two writers on one SQLite file take turns: what one wrote between the other's
    /// writes is not hidden by the other's session caches (here a node's aliases, which
    /// each session parses once and keeps).
    @Test func anotherConnectionsWritesAreNotHiddenByTheCaches() throws {
        let path = StoreFixture.tempPath()
        let a = try GraphStore.open(path: path), b = try GraphStore.open(path: path)
        let x = try a.createNode(labels: ["Organization"], properties: [("name", .string("县委"))])
        func write(_ store: GraphStore, _ alias: String) throws {
            try store.database.transaction {
                try store.takeWriteTurn()
                try store.mergeAliases(x, [alias], name: "县委")
            }
        }
        try write(a, "甲")
        try write(b, "乙")
        try write(a, "丙")
        #expect(try b.aliases(of: x).isEmpty == false)
        let stored = try GraphStore.open(path: path).aliases(of: x)
        #expect(stored == ["丙", "乙", "甲"].sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
    }

    /// Text is bound by its bytes: the empty string stays text (not NULL), a NUL inside
    /// it is kept, and a parameter a run leaves unbound reads as NULL, not as the value
    /// the run before bound.
    @Test func textIsBoundByItsBytes() throws {
        let db = try Database(path: StoreFixture.tempPath(), create: true)
        try db.execute("CREATE TABLE t(a, b)")
        let insert = try db.prepare("INSERT INTO t(a, b) VALUES (?, ?)")
        try insert.run([.text(""), .text("村\u{0}委")])
        try insert.run([.text("东浦村")])
        let rows = try db.rows("SELECT a IS NULL, typeof(a), length(CAST(a AS BLOB)), length(CAST(b AS BLOB)), b IS NULL FROM t ORDER BY rowid")
        try #require(rows.count == 2)
        #expect(rows[0] == [.integer(0), .text("text"), .integer(0), .integer(7), .integer(0)])
        #expect(rows[1] == [.integer(0), .text("text"), .integer(9), .null, .integer(1)])
    }

    @Test func theSamePlaceInTwoDocumentsIsOneNodeAndHomonymsStayApart() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        _ = try store.ingest(try StoreFixture.extract("黄岩区南城街道山前村党委书记张卫东说。", name: "a.txt"), gazetteer: gazetteer)
        _ = try store.ingest(try StoreFixture.extract("黄岩区南城街道的山前村今年丰收。", name: "b.txt"), gazetteer: gazetteer)
        _ = try store.ingest(try StoreFixture.extract("山前村今年新建了文化礼堂。", name: "c.txt"), gazetteer: gazetteer)
        let keys = try store.database.rows("""
            SELECT n.key FROM nodes n JOIN node_props p ON p.node = n.id
            WHERE p.key = (SELECT id FROM terms WHERE value = 'name') AND p.value = '山前村'
            """).compactMap { $0.first?.text }
        #expect(keys.count == 2)
        #expect(keys.contains("code:331003002217"))
        #expect(try StoreFixture.count(store, "merges") >= 1)
    }

    @Test func aPersonIsMergedOnlyWhereAUnitAgrees() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        _ = try store.ingest(try StoreFixture.extract("温岭市箬横镇东浦村党总支书记陈国华介绍。", name: "a.txt"), gazetteer: gazetteer)
        _ = try store.ingest(try StoreFixture.extract("箬横镇东浦村党总支书记陈国华表示,今年丰收。", name: "b.txt"), gazetteer: gazetteer)
        _ = try store.ingest(try StoreFixture.extract("路桥区金清镇海峰村党支部书记陈国华说。", name: "c.txt"), gazetteer: gazetteer)
        let persons = try store.database.rows("""
            SELECT n.key FROM nodes n JOIN node_props p ON p.node = n.id
            WHERE p.key = (SELECT id FROM terms WHERE value = 'name') AND p.value = '陈国华'
            """)
        #expect(persons.count == 2)
        let reasons = try store.database.rows("SELECT reason FROM merges WHERE entity = '陈国华'").compactMap { $0.first?.text }
        #expect(reasons == ["same name and unit"])
    }

    @Test func placesCarryTheirGazetteerHierarchy() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        _ = try store.ingest(try StoreFixture.extract("金清镇海峰村地处最东端。", name: "a.txt"), gazetteer: gazetteer)
        let chain = try store.database.rows("""
            WITH RECURSIVE up(node, depth) AS (
                SELECT n.id, 0 FROM nodes n WHERE n.key = 'code:331004106316'
                UNION ALL SELECT t.o, depth + 1 FROM up JOIN triples t ON t.s = up.node AND t.p = (SELECT id FROM terms WHERE value = 'belongs_to')
                WHERE depth < 6)
            SELECT DISTINCT p.value, up.depth FROM up JOIN node_props p ON p.node = up.node AND p.key = (SELECT id FROM terms WHERE value = 'name')
            ORDER BY up.depth
            """).compactMap { $0.first?.text }
        #expect(chain == ["海峰村", "金清镇", "路桥区", "台州市", "浙江省"])
        let sources = Set(try store.database.rows("SELECT source FROM provenance").compactMap { $0.first?.text })
        #expect(sources.contains("gazetteer:331004106316"))
    }

    @Test func aFileThatIsNoDatabaseIsReportedAndLeftUntouched() throws {
        let path = StoreFixture.tempPath()
        let content = Data("这不是数据库,只是一段文字。\n".utf8) + Data(repeating: 0x41, count: 200)
        try content.write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try GraphStore.open(path: path) }
        do { _ = try GraphStore.open(path: path) } catch let error as StoreError {
            #expect(error.code == .notADatabase)
            #expect(error.description.contains("not an SQLite database"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aNewerSchemaIsReportedAndLeftUntouched() throws {
        let path = StoreFixture.tempPath()
        do {
            let store = try GraphStore.open(path: path)
            try store.database.execute("PRAGMA journal_mode = DELETE; UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try GraphStore.open(path: path)
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(error.code == .newerSchema(found: 99, supported: Schema.version))
            #expect(error.description.contains("newer than this guanxi supports"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFailedIngestLosesNothingAlreadyStored() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        _ = try store.ingest(try StoreFixture.extract("温岭市箬横镇东浦村党总支书记陈国华介绍。", name: "a.txt"), gazetteer: gazetteer)
        let before = try StoreFixture.count(store, "provenance")
        // A failure inside the transaction rolls the whole document back.
        #expect(throws: StoreError.self) {
            try store.database.transaction {
                try store.database.execute("INSERT INTO documents(name, path, hash, encoding, characters, added) VALUES ('x', 'x', 'h', 'UTF-8', 1, 'now')")
                try store.database.execute("INSERT INTO no_such_table VALUES (1)")
            }
        }
        #expect(try StoreFixture.count(store, "documents") == 1)
        #expect(try StoreFixture.count(store, "provenance") == before)
    }

    @Test func mergeOverridesForceAndForbid() throws {
        let dir = Scratch.path("overrides", ".txt")
        try "force Person 陈国华\nforbid Town 箬横镇\n".write(toFile: dir, atomically: true, encoding: .utf8)
        let overrides = try MergeOverrides(path: dir)
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        _ = try store.ingest(try StoreFixture.extract("箬横镇东浦村党总支书记陈国华介绍。", name: "a.txt"), gazetteer: gazetteer, overrides: overrides)
        _ = try store.ingest(try StoreFixture.extract("路桥区金清镇海峰村党支部书记陈国华说。", name: "b.txt"), gazetteer: gazetteer, overrides: overrides)
        #expect(try store.database.rows("SELECT id FROM nodes WHERE key = 'Person:陈国华'").count == 1)
        try "merge Person 陈国华\n".write(toFile: dir, atomically: true, encoding: .utf8)
        #expect(throws: RuleFileError.self) { try MergeOverrides(path: dir) }
    }
}

@Suite("Schema migrations")
struct MigrationTests {
    @Test func anOlderStoreIsBroughtUpToDateInOrder() throws {
        let path = StoreFixture.tempPath()
        do {
            let db = try Database(path: path, create: true)
            try db.execute(Schema.migrations[0])
            try db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
        }
        let store = try GraphStore.open(path: path)
        #expect(try store.database.scalar("SELECT value FROM meta WHERE key = 'schema_version'")?.text == String(Schema.version))
        let indexes = Set(try store.database.rows("SELECT name FROM sqlite_master WHERE type = 'index'").compactMap { $0.first?.text })
        #expect(indexes.contains("mentions_by_node_document"))
        #expect(indexes.contains("provenance_by_edge_source"))
        #expect(!indexes.contains("mentions_by_node"))
    }
}

@Suite("Bulk-load journal")
struct BulkLoadJournalTests {
    static func mode(_ store: GraphStore) throws -> String? {
        try store.database.scalar("PRAGMA journal_mode")?.text?.lowercased()
    }

    /// Into an empty file the load runs on the rollback journal and the log comes back
    /// after it, whether the load ends well or throws; a store with nodes keeps its log.
    @Test func anEmptyStoreLoadsOnTheRollbackJournalAndGetsItsLogBack() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        #expect(try Self.mode(store) == "wal")
        let inside = try store.withBulkLoadJournal { try Self.mode(store) }
        #expect(inside == "delete")
        #expect(try Self.mode(store) == "wal")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.withBulkLoadJournal {
                try store.database.transaction {
                    try store.database.execute("INSERT INTO nodes(key) VALUES ('a')")
                    throw Stop()
                }
            }
        }
        #expect(try Self.mode(store) == "wal")
        #expect(try StoreFixture.count(store, "nodes") == 0, "the failed load was rolled back")
        try store.database.execute("INSERT INTO nodes(key) VALUES ('b')")
        #expect(try store.withBulkLoadJournal { try Self.mode(store) } == "wal", "a store with nodes keeps its log")
    }

    /// Another connection holding the log open keeps the load on it: nothing that
    /// connection reads changes under it.
    @Test func anotherOpenConnectionKeepsTheLog() throws {
        let path = StoreFixture.tempPath()
        let store = try GraphStore.open(path: path)
        let other = try GraphStore.open(path: path)
        let inside = try other.database.readSnapshot {
            _ = try other.database.scalar("SELECT count(*) FROM nodes")
            return try store.withBulkLoadJournal { try Self.mode(store) }
        }
        #expect(inside == "wal")
        #expect(try Self.mode(store) == "wal" && Self.mode(other) == "wal")
    }
}
