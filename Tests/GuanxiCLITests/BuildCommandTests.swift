import Foundation
import Testing
import GuanxiExtraction
import GuanxiStore
import GuanxiText

@Suite("guanxi build, stats, retract")
struct BuildCommandTests {
    @Test func buildStatsAndRebuildOfTheSeeds() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("g.db").path
        let first = try CLI.run(["build", "seeds", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("5 documents (5 added, 0 unchanged, 0 replaced, 0 failed, 0 skipped)"))
        let again = try CLI.run(["build", "seeds", "--db", db, "--format", "json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(summary["unchanged"] as? Int == 5)
        #expect(summary["fact_statements"] as? Int == 0)
        let stats = try CLI.run(["stats", "--db", db, "--format", "json"])
        let s = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(s["documents"] as? Int == 5)
        let entities = try #require(s["entities"] as? [String: Int])
        #expect((entities["Person"] ?? 0) > 30)
        let facts = try #require(s["facts"] as? [String: Int])
        #expect(Set(facts.keys) == ["leads", "member_of", "belongs_to", "funds"])
        // The indexes a first build defers are all there again at its end.
        #expect(try Self.indexes(db) == Self.indexes(of: try GraphStore.open(path: dir.appendingPathComponent("empty.db").path)))
        #expect(try GraphStore.open(path: db, create: false, readOnly: true).database.scalar("SELECT count(*) FROM meta WHERE key = 'deferred_indexes'")?.integer == 0)
    }

    /// The names of a store's indexes (SQLite's own for primary keys aside).
    static func indexes(of store: GraphStore) throws -> [String] {
        try store.database.rows("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").compactMap { $0.first?.text }
    }

    static func indexes(_ path: String) throws -> [String] {
        try indexes(of: try GraphStore.open(path: path, create: false, readOnly: true))
    }

    /// Deferred indexes wait in `meta` while a first build runs; a writer opening the
    /// store after a build was killed builds them.
    @Test func indexesDeferredByAKilledFirstBuildAreBuiltByTheNextWriter() throws {
        let dir = try CLI.tempDir()
        let full = try Self.indexes(of: try GraphStore.open(path: dir.appendingPathComponent("full.db").path))
        let path = dir.appendingPathComponent("g.db").path
        let store = try GraphStore.open(path: path)
        #expect(try store.deferIndexesForFirstBuild() == 8)
        #expect(try Self.indexes(of: store).count == full.count - 8)
        #expect(try store.deferIndexesForFirstBuild() == 0, "nothing left to defer")
        let extractor = try Extractor.standard()
        let source = SourceText(name: "a.txt", path: "/a.txt", scalars: Array("黄岩区南城街道山前村党委书记张卫东说。".unicodeScalars))
        _ = try store.ingest(extractor.extract(source), gazetteer: extractor.gazetteer)
        // Read-only sessions leave them alone; a writer builds them.
        #expect(try Self.indexes(path).count == full.count - 8)
        #expect(try Self.indexes(of: try GraphStore.open(path: path, create: false)) == full)
        #expect(try Self.indexes(path) == full)
        // A store that holds documents defers nothing.
        #expect(try GraphStore.open(path: path, create: false).deferIndexesForFirstBuild() == 0)
        #expect(try Self.indexes(path) == full)
    }

    @Test func theStoreIsTheSameWhateverTheNumberOfJobs() throws {
        let dir = try CLI.tempDir()
        // Documents that share people, places and organisations, so that the order of
        // arrival matters to entity resolution.
        let texts = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        let seeds = CLI.packageRoot.appendingPathComponent("seeds")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where name.hasSuffix(".txt") {
            let text = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
            for copy in 0..<4 { try "第\(copy)版\n\(text)".write(to: texts.appendingPathComponent("\(copy)_\(name)"), atomically: true, encoding: .utf8) }
        }
        var exports: [String] = []
        for jobs in ["1", "4"] {
            let db = dir.appendingPathComponent("j\(jobs).db").path
            let r = try CLI.run(["build", texts.path, "--db", db, "--jobs", jobs, "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            let out = dir.appendingPathComponent("j\(jobs).jsonl").path
            #expect(try CLI.run(["export", "--db", db, "--jsonl", out]).status == 0)
            exports.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(exports[0].split(separator: "\n").count > 500)
        #expect(exports[0] == exports[1], "every entity and fact, in every document, ids aside")
        #expect(try CLI.run(["build", texts.path, "--db", dir.appendingPathComponent("x.db").path, "--jobs", "0"]).status != 0)
    }

    @Test func retractRemovesADocumentAndReportsAnUnknownOne() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("g.db").path
        _ = try CLI.run(["build", "seeds", "--db", db])
        let r = try CLI.run(["retract", "003_3041a72b7b2f02ba.txt", "nonexistent.txt", "--db", db])
        #expect(r.status == 1)
        #expect(r.stdout.contains("retracted 003_3041a72b7b2f02ba.txt"))
        #expect(r.stderr.contains("nonexistent.txt: no such document"))
        let stats = try CLI.run(["stats", "--db", db, "--format", "json"])
        #expect(stats.stdout.contains("\"documents\":4"))
    }

    @Test func statsOnAMissingStoreSaysHowToMakeOne() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["stats", "--db", dir.appendingPathComponent("none.db").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("run `guanxi build` first"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.db").path))
    }

    @Test func aBuildKilledMidwayLeavesOnlyWholeDocuments() throws {
        let dir = try CLI.tempDir()
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let seedDir = CLI.packageRoot.appendingPathComponent("seeds")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: seedDir.path).filter { $0.hasSuffix(".txt") }.sorted()
        try #require(!seeds.isEmpty)
        for i in 0..<150 {
            let text = try String(contentsOf: seedDir.appendingPathComponent(seeds[i % seeds.count]), encoding: .utf8)
            try (text + "\n\n第\(i)稿。\n").write(to: articles.appendingPathComponent(String(format: "%04d.txt", i)), atomically: true, encoding: .utf8)
        }
        let db = dir.appendingPathComponent("g.db").path
        let process = try CLI.start(["build", articles.path, "--db", db])
        // Wait until some documents are in, then kill without warning.
        CLI.waitForDocuments(in: db, atLeast: 3, seconds: 20)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let store = try GraphStore.open(path: db, create: false)
        #expect(try store.database.scalar("PRAGMA integrity_check")?.text == "ok")
        // The indexes the killed first build deferred are built by this writer's opening.
        #expect(try Self.indexes(of: store) == Self.indexes(of: try GraphStore.open(path: dir.appendingPathComponent("full.db").path)))
        let docs = try store.database.rows("SELECT id, path FROM documents")
        #expect(docs.count >= 3 && docs.count < 150, "killed too late to test anything: \(docs.count)")
        let extractor = try Extractor.standard()
        for row in docs {
            guard let id = row[0].integer, let path = row[1].text else { continue }
            let expected = extractor.extract(try DocumentDecoder.read(path: path)).entities.reduce(0) { $0 + $1.mentions.count }
            let stored = Int(try store.database.scalar("SELECT count(*) FROM mentions WHERE document = ?", [.integer(id)])?.integer ?? -1)
            #expect(stored == expected, "\(path): \(stored) of \(expected) mentions")
        }
        // No mention or provenance row belongs to a document that is not there.
        #expect(try store.database.scalar("SELECT count(*) FROM mentions WHERE document NOT IN (SELECT id FROM documents)")?.integer == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM provenance WHERE document NOT IN (SELECT id FROM documents)")?.integer == 0)
        // The build goes on where it stopped.
        let resumed = try CLI.run(["build", articles.path, "--db", db, "--format", "json"])
        #expect(resumed.status == 0)
        #expect(resumed.stdout.contains("\"unchanged\":\(docs.count)"))
    }
}

@Suite("guanxi export")
struct ExportCommandTests {
    @Test func graphMLToStandardOutputAndSummariesToStderr() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("g.db").path
        _ = try CLI.run(["build", "seeds", "--db", db])
        let r = try CLI.run(["export", "--graphml", "-", "--db", db, "--types", "Town,District"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(r.stdout.contains("横街镇"))
        #expect(!r.stdout.contains("<data key=\"n_type\">Person</data>"))
        #expect(r.stderr.contains("GraphML:"))
    }

    @Test func noOutputOrAnUnknownEntityIsAClearError() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("g.db").path
        _ = try CLI.run(["build", "seeds", "--db", db])
        let none = try CLI.run(["export", "--db", db])
        #expect(none.status != 0)
        #expect(none.stderr.contains("Name at least one output"))
        let unknown = try CLI.run(["export", "--graphml", dir.appendingPathComponent("x.graphml").path, "--around", "海锋村", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean ‘海峰村’"))
    }
}

@Suite("guanxi query and --gazetteer")
struct QueryCommandTests {
    @Test func aQueryResultExportsAsTheGraphMLOfItsSubgraph() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("g.db").path
        _ = try CLI.run(["build", "seeds", "--db", db])
        let r = try CLI.run(["query", "--db", db, "--format", "graphml", "MATCH (p:Person)-[r:leads]->(v:Village) RETURN p, r, v"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("<graphml"))
        let nodes = r.stdout.components(separatedBy: "<node id=").count - 1
        let edges = r.stdout.components(separatedBy: "<edge id=").count - 1
        #expect(nodes == 12 && edges == 6, "\(nodes) nodes, \(edges) edges")
    }

    @Test func theHopBoundIsTheUsersToRaise() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("g.db").path
        _ = try CLI.run(["build", "seeds", "--db", db])
        let query = "MATCH (a)-[*1..25]->(b) RETURN count(*) AS n"
        let refused = try CLI.run(["query", "--db", db, query])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("at most 20"), "\(refused.stderr)")
        let raised = try CLI.run(["query", "--db", db, "--max-hops", "30", query])
        #expect(raised.status == 0, "\(raised.stderr)")
        let invalid = try CLI.run(["query", "--db", db, "--max-hops", "0", query])
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("--max-hops takes 1 to 100"), "\(invalid.stderr)")
    }

    @Test func aReplacementGazetteerIsUsedInstead() throws {
        let dir = try CLI.tempDir()
        let gazetteer = dir.appendingPathComponent("gaz")
        try FileManager.default.createDirectory(at: gazetteer, withIntermediateDirectories: true)
        // Only the county-level file: villages are no longer known, but still found by suffix.
        let source = CLI.packageRoot.appendingPathComponent("Sources/GuanxiExtraction/Resources/Gazetteer/china-county.tsv")
        try FileManager.default.copyItem(at: source, to: gazetteer.appendingPathComponent("china-county.tsv"))
        let file = dir.appendingPathComponent("a.txt")
        try "在路桥区横街镇蒋家村,党总支书记王建国介绍。".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["extract", "--gazetteer", gazetteer.path, file.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"name\":\"路桥区\""))
        #expect(r.stdout.contains("\"code\":\"331004000000\""))
        #expect(r.stdout.contains("\"name\":\"横街镇\",\"aliases\":[],\"mentions\":[[4,7]],\"rules\":[\"place.suffix\"]"))
        let bad = try CLI.run(["extract", "--gazetteer", dir.appendingPathComponent("none").path, file.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("no gazetteer files here"))
    }
}
