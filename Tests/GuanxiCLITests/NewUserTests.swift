import Foundation
import Testing

/// The rough edges a new user met from a fresh clone, each checked as the user
/// would meet it: through the `guanxi` binary.
@Suite("What a new user trips over")
struct NewUserTests {
    static func store(_ articles: [String: String]) throws -> (dir: URL, db: String) {
        let dir = try CLI.tempDir()
        let texts = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        for (name, text) in articles { try text.write(to: texts.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let db = dir.appendingPathComponent("store.db").path
        let r = try CLI.run(["build", texts.path, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, db)
    }

    static let twoNamesakes = [
        "a.txt": "浙江省台州市路桥区金清镇青山村党支部书记陈立群介绍,今年村里建成了文化礼堂。",
        "b.txt": "浙江省台州市黄岩区院桥镇白沙村党支部书记陈立群说,村里的道路修好了。",
    ]

    // 1. The contract lives in the clone; help names what the user has.
    @Test func theOntologyIsInTheRepositoryAndHelpNamesNothingOutsideIt() throws {
        let doc = CLI.packageRoot.appendingPathComponent("docs/ONTOLOGY.md").path
        let text = try String(contentsOfFile: doc, encoding: .utf8)
        for section in ["## Entity types", "## Relations", "## The JSON-lines shape", "## Scoring"] {
            #expect(text.contains(section), "docs/ONTOLOGY.md lacks \(section)")
        }
        for command in ["build", "query", "extract", "evaluate", "export", "stats", "profile", "retract"] {
            let help = try CLI.run([command, "--help"])
            #expect(!help.stdout.contains("../shared") && !help.stdout.contains("eval/score.py"), "\(command) --help")
            for path in help.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }) where path.hasPrefix("Queries/") {
                #expect(FileManager.default.fileExists(atPath: CLI.packageRoot.appendingPathComponent(String(path)).path), "\(command) --help names \(path)")
            }
        }
    }

    // 2. Dependencies pinned.
    @Test func packageResolvedIsCommittedNotIgnored() throws {
        #expect(FileManager.default.fileExists(atPath: CLI.packageRoot.appendingPathComponent("Package.resolved").path))
        let ignore = (try? String(contentsOfFile: CLI.packageRoot.appendingPathComponent(".gitignore").path, encoding: .utf8)) ?? ""
        #expect(!ignore.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "Package.resolved" })
        // Tracked by git, whatever a machine's global ignore file says.
        guard FileManager.default.fileExists(atPath: CLI.packageRoot.appendingPathComponent(".git").path) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", CLI.packageRoot.path, "ls-files", "--error-unmatch", "Package.resolved"]
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "Package.resolved is not tracked by git")
    }

    // 3. Query input.
    @Test func paramLinesAreDefaultsAndAQueryComesOnStandardInput() throws {
        let (dir, db) = try Self.store(Self.twoNamesakes)
        let file = dir.appendingPathComponent("q.cypher")
        try "// Who leads the village?\n// param: village=\"青山村\"\nMATCH (p:Person)-[:leads]->(v:Village {name: $village}) RETURN p.name AS who\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let defaults = try CLI.run(["query", "-f", file.path, "--db", db, "--format", "json"])
        #expect(defaults.status == 0, "\(defaults.stderr)")
        #expect(defaults.stdout.contains("陈立群"))
        let overridden = try CLI.run(["query", "-f", file.path, "--param", "village=白沙村", "--db", db, "--format", "json"])
        #expect(overridden.stdout.contains("陈立群"))
        let none = try CLI.run(["query", "-f", file.path, "--param", "village=无名村", "--db", db, "--format", "json"])
        #expect(none.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let piped = try CLI.run(["query", "--db", db, "--format", "csv"], input: "MATCH (v:Village) RETURN count(v) AS n")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("n\n2"))
        let dash = try CLI.run(["query", "-f", "-", "--db", db, "--format", "csv"], input: "MATCH (v:Village) RETURN count(v) AS n")
        #expect(dash.stdout.contains("n\n2"))
        let bad = try CLI.run(["query", "-f", file.path, "--param", "=x", "--db", db])
        #expect(bad.status == 2 && bad.stderr.contains("--param"))
    }

    // 4. Options that say what they accept.
    @Test func eachCommandAcceptsExactlyTheFormatsItPrints() throws {
        let (_, db) = try Self.store(Self.twoNamesakes)
        let dir = try CLI.tempDir()
        try "青山村村民说。".write(to: dir.appendingPathComponent("c.txt"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["build", dir.path, "--db", db, "--format", "text"]).status == 0)
        #expect(try CLI.run(["build", dir.path, "--db", db, "--format", "json"]).status == 0)
        #expect(try CLI.run(["build", dir.path, "--db", db, "--format", "table"]).status != 0)
        #expect(try CLI.run(["stats", "--db", db, "--format", "jsonl"]).status != 0)
        #expect(try CLI.run(["stats", "--db", db, "--format", "table"]).status == 0)
        #expect(try CLI.run(["extract", dir.path, "--format", "json"]).status != 0)
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.range(of: #"guanxi \d+\.\d+\.\d+ \(store schema \d+\)"#, options: .regularExpression) != nil, "\(version.stdout)")
    }

    // 5. Counts named for what they count, equal where they count the same.
    @Test func theBuildSummaryAndStatsAgreeOnWhatTheStoreHolds() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("s.db").path
        let build = try CLI.run(["build", "seeds", "--db", db, "--format", "json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [String: Any])
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["stats", "--db", db, "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(summary["store_nodes"] as? Int == stats["nodes"] as? Int)
        #expect(summary["store_distinct_facts"] as? Int == stats["distinct_facts"] as? Int)
        #expect(summary["fact_statements"] as? Int == stats["provenance"] as? Int, "one provenance row per fact statement")
        let text = try CLI.run(["build", "seeds", "--db", db, "--rebuild"]).stdout
        #expect(text.contains("counted per document") && text.contains("nodes and") && text.contains("distinct facts"))
    }

    // 6. --rebuild on unchanged content.
    @Test func rebuildingUnchangedContentReplacesAndKeepsOneMergeRowPerMerge() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("s.db").path
        _ = try CLI.run(["build", "seeds", "--db", db])
        func merges() throws -> Int? {
            let s = try JSONSerialization.jsonObject(with: Data(try CLI.run(["stats", "--db", db, "--format", "json"]).stdout.utf8)) as? [String: Any]
            return s?["merges"] as? Int
        }
        let before = try merges()
        #expect((before ?? 0) > 0)
        let again = try CLI.run(["build", "seeds", "--db", db, "--rebuild", "--format", "json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(summary["replaced"] as? Int == 5)
        #expect(summary["added"] as? Int == 0)
        #expect(try merges() == before)
        _ = try CLI.run(["build", "seeds", "--db", db, "--rebuild"])
        #expect(try merges() == before)
    }

    // 7. Ids as profile prints them.
    @Test func profileAcceptsTheIdFormItPrints() throws {
        let (_, db) = try Self.store(Self.twoNamesakes)
        let first = try CLI.run(["profile", "青山村", "--db", db])
        let id = try #require(first.stdout.range(of: #"#\d+"#, options: .regularExpression).map { String(first.stdout[$0]) })
        let byId = try CLI.run(["profile", id, "--db", db])
        #expect(byId.status == 0, "\(byId.stderr)")
        #expect(byId.stdout.contains("青山村"))
        #expect(try CLI.run(["profile", "#999999", "--db", db]).stderr.contains("no entity with id #999999"))
    }

    // 8. No silent no-ops.
    @Test func unknownTypesAndSharedNamesAreErrorsNotEmptyExports() throws {
        let (dir, db) = try Self.store(Self.twoNamesakes)
        let out = dir.appendingPathComponent("x.graphml").path
        let types = try CLI.run(["export", "--db", db, "--types", "Persn", "--graphml", out])
        #expect(types.status != 0)
        #expect(types.stderr.contains("‘Person’"))
        let relations = try CLI.run(["export", "--db", db, "--relations", "lead", "--graphml", out])
        #expect(relations.status != 0 && relations.stderr.contains("‘leads’"))
        let shared = try CLI.run(["export", "--db", db, "--around", "陈立群", "--graphml", out])
        #expect(shared.status == 3)
        #expect(shared.stderr.contains("--pick"))
        let picked = try CLI.run(["export", "--db", db, "--around", "陈立群", "--pick", "2", "--graphml", out])
        #expect(picked.status == 0, "\(picked.stderr)")
        let strict = try CLI.run(["query", "--db", db, "--strict", "MATCH (p:Persn) RETURN p"])
        #expect(strict.status == 1 && strict.stderr.contains("Persn"))
        #expect(try CLI.run(["query", "--db", db, "MATCH (p:Persn) RETURN p"]).status == 0)
    }

    // 9. Tables stay tables.
    @Test func controlCharactersInCellsAreEscaped() throws {
        let (_, db) = try Self.store(Self.twoNamesakes)
        let r = try CLI.run(["query", "--db", db, "RETURN '盖\\n\\n北社区' AS x, 1 AS y"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(r.stdout)")
        #expect(r.stdout.contains("盖\\n\\n北社区"))
    }

    // 10. Foreign files are named right and never written by a read.
    @Test func aForeignOrEmptyFileIsRefusedByNameAndLeftUntouched() throws {
        let dir = try CLI.tempDir()
        let empty = dir.appendingPathComponent("empty.db").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for command in [["stats"], ["query", "MATCH (n) RETURN n"], ["profile", "x"], ["export", "--jsonl", "-"]] {
            let r = try CLI.run(command + ["--db", empty])
            #expect(r.status != 0, "\(command)")
            let size = (try FileManager.default.attributesOfItem(atPath: empty)[.size] as? NSNumber)?.intValue
            #expect(size == 0, "\(command) wrote into an empty file")
        }
        let text = dir.appendingPathComponent("notes.db").path
        try "plain text".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["stats", "--db", text]).stderr.contains("not an SQLite database"))
        let (_, db) = try Self.store(Self.twoNamesakes)
        let copy = dir.appendingPathComponent("foreign.db").path
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        // An SQLite file whose tables are someone else's.
        let sqlite = try CLI.run(["query", "--db", copy, "MATCH (n) RETURN count(n)"])
        #expect(sqlite.status == 0)
    }

    // 11. Ctrl-C says what it kept.
    @Test func anInterruptedBuildSaysWhatItStoredAndResumes() throws {
        let dir = try CLI.tempDir()
        let texts = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        let seed = try String(contentsOf: CLI.packageRoot.appendingPathComponent("seeds/001_aba15242cdde071f.txt"), encoding: .utf8)
        for i in 0..<300 { try "第\(i)期\n\(seed)".write(to: texts.appendingPathComponent(String(format: "%04d.txt", i)), atomically: true, encoding: .utf8) }
        let db = dir.appendingPathComponent("s.db").path
        guard let binary = CLI.binary else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["build", texts.path, "--db", db]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // Interrupt once the store exists, that is, while documents are being written.
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: db) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGINT)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(message)")
        #expect(message.contains("interrupted:") && message.contains("Run the same command again to resume"), "\(message)")
        let resumed = try CLI.run(["build", texts.path, "--db", db, "--format", "json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect((summary["unchanged"] as? Int ?? 0) > 0, "the documents stored before Ctrl-C are kept")
        #expect((summary["added"] as? Int ?? 0) + (summary["unchanged"] as? Int ?? 0) == 300)
    }

    // 12. RDF carries the provenance.
    @Test func nQuadsCarryRolesAndEvidenceThatSPARQLReadsBack() throws {
        let (dir, db) = try Self.store(Self.twoNamesakes)
        let nq = dir.appendingPathComponent("g.nq").path
        #expect(try CLI.run(["export", "--db", db, "--nquads", nq]).status == 0)
        let script = """
            import sys
            try:
                import pyoxigraph as ox
            except ImportError:
                print("SKIP"); sys.exit(0)
            s = ox.Store()
            s.load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
            q = '''PREFIX gx: <urn:guanxi:vocab:>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            SELECT ?role ?evidence WHERE { ?fact rdf:predicate <urn:guanxi:rel:leads> ; gx:role ?role .
              GRAPH ?g { ?row gx:supports ?fact ; gx:evidence ?evidence } }'''
            for r in s.query(q): print(r[0].value, r[1].value)
            """
        let r = try Python.run(script, [nq])
        guard !r.contains("SKIP") else {
            print("skipped: pyoxigraph is not installed (pip install pyoxigraph)")
            return
        }
        #expect(r.contains("党支部书记 青山村党支部书记陈立群"), "\(r)")
    }

    // 13. Neo4j users.
    @Test func neo4jFilesHaveTheImportHeadersAndKuzuCopiesThem() throws {
        let (dir, db) = try Self.store(Self.twoNamesakes)
        let out = dir.appendingPathComponent("neo4j")
        let r = try CLI.run(["export", "--db", db, "--neo4j", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let nodes = try String(contentsOf: out.appendingPathComponent("nodes.csv"), encoding: .utf8)
        let relationships = try String(contentsOf: out.appendingPathComponent("relationships.csv"), encoding: .utf8)
        #expect(nodes.hasPrefix("id:ID,:LABEL,name,key,aliases:string[],code,mentions:int,documents:int\n"))
        #expect(relationships.hasPrefix(":START_ID,:END_ID,:TYPE,role,amount,amount_yuan:double,evidence,document,rule\n"))
        let script = try String(contentsOf: out.appendingPathComponent("import.cypher"), encoding: .utf8)
        #expect(script.contains("CREATE (:`Person`:`Entity` {guanxi_id:") && script.contains("CREATE (a)-[:`leads`"))
        let kuzu = """
            import sys
            try:
                import kuzu
            except ImportError:
                print("SKIP"); sys.exit(0)
            c = kuzu.Connection(kuzu.Database(sys.argv[1] + "/kuzu"))
            c.execute("CREATE NODE TABLE Entity(id INT64, labels STRING, name STRING, key STRING, aliases STRING, code STRING, mentions INT64, documents INT64, PRIMARY KEY(id))")
            c.execute("CREATE REL TABLE Fact(FROM Entity TO Entity, type STRING, role STRING, amount STRING, amount_yuan DOUBLE, evidence STRING, document STRING, rule STRING)")
            c.execute("COPY Entity FROM '" + sys.argv[1] + "/nodes.csv' (HEADER=true, PARALLEL=false)")
            c.execute("COPY Fact FROM '" + sys.argv[1] + "/relationships.csv' (HEADER=true, PARALLEL=false)")
            res = c.execute("MATCH (p:Entity)-[f:Fact]->(v:Entity) WHERE f.type = 'leads' RETURN p.name, f.role, v.name ORDER BY v.name")
            while res.has_next(): print(*res.get_next())
            """
        let k = try Python.run(kuzu, [out.path])
        guard !k.contains("SKIP") else {
            print("skipped: kuzu is not installed (pip install kuzu==0.11.3)")
            return
        }
        #expect(k.contains("陈立群 党支部书记 白沙村") && k.contains("陈立群 党支部书记 青山村"), "\(k)")
    }

    // 14. One entity in two scripts.
    @Test func traditionalAndSimplifiedFormsAcrossDocumentsAreOneNode() throws {
        let (_, db) = try Self.store([
            "hk.txt": "浙江省溫嶺市的海川貿易有限公司捐款十萬元。",
            "a.txt": "浙江省温岭市的海川贸易有限公司投资了新项目。",
            "b.txt": "海川贸易有限公司再次捐款。",
        ])
        let r = try CLI.run(["query", "--db", db, "--format", "json", "MATCH (c:Company) RETURN c.name AS name, c.aliases AS aliases"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1, "\(r.stdout)")
        #expect(rows.first?["name"] as? String == "海川贸易有限公司", "the form more documents write")
        #expect((rows.first?["aliases"] as? [String])?.contains("海川貿易有限公司") == true)
    }
}

/// Runs a Python snippet (cross-checks with pyoxigraph and Kuzu).
enum Python {
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: o, as: UTF8.self) + String(decoding: e, as: UTF8.self)
    }
}
