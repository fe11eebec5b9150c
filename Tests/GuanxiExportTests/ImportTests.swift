import Foundation
import Testing
import GuanxiExtraction
import GuanxiExport
import GuanxiImport
import GuanxiStore
import GuanxiText

@Suite("GraphML import")
struct GraphMLImportTests {
    static func write(_ text: String, _ name: String = "g.graphml") throws -> String {
        let path = ExportFixture.temp(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func count(_ store: GraphStore, _ table: String) throws -> Int64 {
        try store.database.scalar("SELECT count(*) FROM \(table)")?.integer ?? -1
    }

    /// GraphML as NetworkX writes it: keys d0…, typed attributes, graph data, string ids.
    static let networkX = """
        <?xml version='1.0' encoding='utf-8'?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="d5" for="edge" attr.name="weight" attr.type="double"/>
          <key id="d4" for="edge" attr.name="relation" attr.type="string"/>
          <key id="d3" for="node" attr.name="active" attr.type="boolean"/>
          <key id="d2" for="node" attr.name="age" attr.type="long"/>
          <key id="d1" for="node" attr.name="type" attr.type="string"/>
          <key id="d0" for="node" attr.name="name" attr.type="string"/>
          <key id="d6" for="graph" attr.name="title" attr.type="string"/>
          <graph edgedefault="directed">
            <data key="d6">a test</data>
            <node id="alice"><data key="d0">林某某</data><data key="d1">Person</data><data key="d2">42</data><data key="d3">True</data></node>
            <node id="bob"><data key="d0">青禾村</data><data key="d1">Village</data></node>
            <node id="3"/>
            <edge source="alice" target="bob"><data key="d4">leads</data><data key="d5">0.5</data></edge>
            <edge source="bob" target="3"/>
          </graph>
        </graphml>
        """

    @Test func guanxisOwnExportReadsBackToTheSameGraphML() throws {
        let store = try ExportFixture.seedStore()
        let first = ExportFixture.temp("a.graphml")
        let summary = try GraphMLExporter(store: store).write(to: first)
        #expect(summary.nodes > 100)
        let copy = try GraphStore.open(path: ExportFixture.temp("copy.db"))
        let imported = try GraphMLImporter(store: copy).importFile(first)
        #expect(imported.nodes == summary.nodes && imported.edges == summary.edges)
        #expect(imported.notes.isEmpty, "\(imported.notes)")
        let second = ExportFixture.temp("b.graphml")
        _ = try GraphMLExporter(store: copy).write(to: second)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        // The yEd flavour reads back to the same graph too: its drawing is named, not stored.
        let yed = ExportFixture.temp("y.graphml")
        _ = try GraphMLExporter(store: store, flavor: .yed).write(to: yed)
        let third = try GraphStore.open(path: ExportFixture.temp("third.db"))
        let fromYEd = try GraphMLImporter(store: third).importFile(yed)
        #expect(fromYEd.nodes == summary.nodes && fromYEd.edges == summary.edges)
        #expect(fromYEd.notes.contains { $0.contains("yEd drawing") }, "\(fromYEd.notes)")
    }

    @Test func networkXAttributesMapToLabelsAndPropertiesAndTheRestIsNamed() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("nx.db"))
        let summary = try GraphMLImporter(store: store).importFile(try Self.write(Self.networkX))
        #expect(summary.nodes == 3 && summary.edges == 2)
        #expect(summary.notes.contains { $0.contains("no type") })
        #expect(summary.notes.contains { $0.contains("related_to") })
        #expect(summary.notes.contains { $0.contains("'title'") })
        let person = try #require(store.database.rows("""
            SELECT n.id FROM nodes n JOIN node_props p ON p.node = n.id AND p.key = (SELECT id FROM terms WHERE value = 'name')
            WHERE p.value = '林某某'
            """).first?.first?.integer)
        let props = Dictionary(try store.database.rows("""
            SELECT t.value, p.value, p.kind FROM node_props p JOIN terms t ON t.id = p.key WHERE p.node = ?
            """, [.integer(person)]).compactMap { r in r[0].text.map { ($0, PropertyValue.decode(r[1], kind: r[2].text ?? "")) } },
            uniquingKeysWith: { a, _ in a })
        #expect(props["age"] == .integer(42))
        #expect(props["active"] == .boolean(true))
        #expect(props["graphml_id"] == .string("alice"))
        #expect(try store.database.scalar("""
            SELECT count(*) FROM triples x JOIN terms t ON t.id = x.p WHERE t.value = 'leads' AND x.s = ?
            """, [.integer(person)])?.integer == 1)
        // Exported again, NetworkX's own attributes come back under their names.
        let out = ExportFixture.temp("nx-out.graphml")
        _ = try GraphMLExporter(store: store).write(to: out)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("attr.name=\"age\" attr.type=\"long\""))
        #expect(text.contains("attr.name=\"weight\" attr.type=\"double\""))
        #expect(!text.contains("imported_from"))
    }

    @Test func aNamedNodeJoinsTheStoresNodeOfTheSameTypeAndName() throws {
        let store = try ExportFixture.seedStore()
        guard try store.database.scalar("SELECT count(*) FROM nodes")?.integer ?? 0 > 0 else { return }
        let name = try #require(store.database.scalar("""
            SELECT p.value FROM node_props p JOIN node_labels l ON l.node = p.node JOIN terms t ON t.id = l.label
            JOIN nodes n ON n.id = p.node
            WHERE t.value = 'Organization' AND p.key = (SELECT id FROM terms WHERE value = 'name') AND n.key LIKE 'Organization:%' LIMIT 1
            """)?.text)
        let before = try Self.count(store, "nodes")
        let file = try Self.write("""
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="t" for="node" attr.name="type" attr.type="string"/><key id="l" for="node" attr.name="label" attr.type="string"/>
              <graph edgedefault="directed"><node id="x"><data key="t">Organization</data><data key="l">\(name)</data></node></graph>
            </graphml>
            """)
        let summary = try GraphMLImporter(store: store).importFile(file)
        #expect(summary.merged == 1)
        #expect(try Self.count(store, "nodes") == before)
    }

    /// The parser numbers documents as edges name them and the writer files each fact
    /// under its own: edges naming two documents in turn, and edges naming none (the
    /// file's own document), keep their documents apart.
    @Test func eachEdgeKeepsTheDocumentItNames() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("docs.db"))
        let file = try Self.write("""
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="l" for="node" attr.name="label" attr.type="string"/>
              <key id="r" for="edge" attr.name="relation" attr.type="string"/><key id="d" for="edge" attr.name="doc" attr.type="string"/>
              <graph edgedefault="directed">
                <node id="p"><data key="l">甲</data></node><node id="v"><data key="l">乙村</data></node>
                <node id="w"><data key="l">丙村</data></node><node id="x"><data key="l">丁村</data></node>
                <edge source="p" target="v"><data key="r">leads</data><data key="d">first.txt</data></edge>
                <edge source="p" target="w"><data key="r">leads</data><data key="d">second.txt</data></edge>
                <edge source="v" target="w"><data key="r">belongs_to</data><data key="d">first.txt</data></edge>
                <edge source="w" target="x"><data key="r">belongs_to</data></edge>
                <edge source="p" target="x"><data key="r">member_of</data><data key="d">second.txt</data></edge>
              </graph>
            </graphml>
            """, "docs.graphml")
        _ = try GraphMLImporter(store: store).importFile(file)
        let rows = try store.database.rows("""
            SELECT t.value, d.name FROM triples x JOIN terms t ON t.id = x.p JOIN provenance pr ON pr.edge = x.id
            JOIN documents d ON d.id = pr.document ORDER BY x.id
            """).map { "\($0[0].text ?? "?") \($0[1].text ?? "?")" }
        let own = (file as NSString).lastPathComponent
        #expect(rows == ["leads first.txt", "leads second.txt", "belongs_to first.txt", "belongs_to \(own)", "member_of second.txt"])
        #expect(try Self.count(store, "documents") == 3)
    }

    @Test func aNodeDeclaredTwiceNamesItsLineAndStoresNothing() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("twice.db"))
        let file = try Self.write(Self.networkX.replacingOccurrences(of: "<node id=\"3\"/>", with: "<node id=\"bob\"/>")
            .replacingOccurrences(of: "target=\"3\"", with: "target=\"bob\""), "twice.graphml")
        do {
            _ = try GraphMLImporter(store: store).importFile(file)
            Issue.record("a node declared twice was imported")
        } catch let error as ImportError {
            #expect(error.line == 14, "\(error)")
            #expect(error.description.contains("node id 'bob' declared twice"), "\(error)")
        }
        #expect(try Self.count(store, "nodes") == 0 && Self.count(store, "triples") == 0)
    }

    /// Into an empty store a node keeps the number of its id (`n7` is node 7), a fact
    /// that of its own (`e3`); an id already taken, here by an element without a
    /// number that came first, gives the later one an id of its own instead.
    @Test func aFilesIdsAreKeptWhereFreeAndReplacedWhereTaken() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("ids.db"))
        let file = try Self.write("""
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="t" for="node" attr.name="type" attr.type="string"/><key id="l" for="node" attr.name="label" attr.type="string"/>
              <key id="r" for="edge" attr.name="relation" attr.type="string"/>
              <graph edgedefault="directed">
                <node id="a"><data key="t">Company</data><data key="l">甲公司</data></node>
                <node id="n1"><data key="t">Project</data><data key="l">乙工程</data></node>
                <node id="n9"><data key="t">Village</data><data key="l">丙村</data></node>
                <edge id="x" source="a" target="n1"><data key="r">funds</data></edge>
                <edge id="e1" source="n1" target="n9"><data key="r">belongs_to</data></edge>
                <edge id="e7" source="a" target="n9"><data key="r">funds</data></edge>
              </graph>
            </graphml>
            """, "ids.graphml")
        _ = try GraphMLImporter(store: store).importFile(file)
        func name(_ id: Int64) throws -> String? {
            try store.database.scalar("SELECT value FROM node_props WHERE node = ? AND key = (SELECT id FROM terms WHERE value = 'name')", [.integer(id)])?.text
        }
        #expect(try Self.count(store, "nodes") == 3)
        #expect(try name(1) == "甲公司", "the first node, without a number, took id 1")
        #expect(try name(9) == "丙村", "n9 is node 9")
        let facts = try store.database.rows("""
            SELECT x.id, a.value, t.value, b.value FROM triples x JOIN terms t ON t.id = x.p
            JOIN node_props a ON a.node = x.s AND a.key = (SELECT id FROM terms WHERE value = 'name')
            JOIN node_props b ON b.node = x.o AND b.key = (SELECT id FROM terms WHERE value = 'name') ORDER BY x.id
            """).map { $0.map { $0.text ?? String($0.integer ?? -1) }.joined(separator: " ") }
        #expect(facts.count == 3)
        #expect(facts.first == "1 甲公司 funds 乙工程")
        #expect(facts.contains("7 甲公司 funds 丙村"), "e7 is fact 7")
        #expect(facts.contains { $0.hasSuffix(" 乙工程 belongs_to 丙村") && !$0.hasPrefix("1 ") && !$0.hasPrefix("7 ") })
    }

    @Test func anImportIntoAnEmptyStoreLeavesEveryIndexAsTheSchemaDefinesIt() throws {
        func indexes(_ store: GraphStore) throws -> [String] {
            try store.database.rows("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").compactMap { $0.first?.text }
        }
        let fresh = try indexes(GraphStore.open(path: ExportFixture.temp("fresh.db")))
        #expect(fresh.count >= 10)
        let store = try GraphStore.open(path: ExportFixture.temp("bulk.db"))
        _ = try GraphMLImporter(store: store).importFile(try Self.write(Self.networkX, "bulk.graphml"))
        #expect(try indexes(store) == fresh)
        #expect(try store.database.scalar("PRAGMA integrity_check")?.text == "ok")
        // A failed import into an empty store keeps its indexes too (the drop rolls back).
        let empty = try GraphStore.open(path: ExportFixture.temp("failed.db"))
        let broken = try Self.write(Self.networkX.replacingOccurrences(of: "</graph>", with: "</grap>"), "broken.graphml")
        #expect(throws: ImportError.self) { try GraphMLImporter(store: empty).importFile(broken) }
        #expect(try indexes(empty) == fresh)
    }

    @Test func aMalformedFileNamesItsLineAndStoresNothing() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("bad.db"))
        _ = try GraphMLImporter(store: store).importFile(try Self.write(Self.networkX, "ok.graphml"))
        let nodes = try Self.count(store, "nodes"), facts = try Self.count(store, "triples")
        let broken = Self.networkX.replacingOccurrences(of: "<node id=\"3\"/>", with: "<node id=\"4\"><data key=\"d2\">forty</data></node>")
            .replacingOccurrences(of: "target=\"3\"", with: "target=\"4\"")
        for (text, line) in [(broken, 14), (Self.networkX.replacingOccurrences(of: "</graph>", with: "</grap>"), 17),
                             (Self.networkX.replacingOccurrences(of: "target=\"3\"", with: "target=\"nobody\""), 16)] {
            let file = try Self.write(text, "bad.graphml")
            #expect(throws: ImportError.self) { try GraphMLImporter(store: store).importFile(file) }
            do {
                _ = try GraphMLImporter(store: store).importFile(file)
            } catch let error as ImportError {
                #expect(error.line == line, "\(error)")
                #expect(error.description.hasPrefix(file))
            }
        }
        #expect(try Self.count(store, "nodes") == nodes && Self.count(store, "triples") == facts)
    }

    /// The parser runs ahead of the writer: an error thousands of elements in, after
    /// several batches were written, still names its line and stores nothing; a whole
    /// file of that size stores every element.
    @Test func anErrorFarIntoALargeFileStoresNothing() throws {
        var lines = ["<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">",
                     "<key id=\"t\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/><key id=\"l\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>",
                     "<graph edgedefault=\"directed\">"]
        for i in 1...6_000 {
            lines.append("<node id=\"n\(i)\"><data key=\"t\">Village</data><data key=\"l\">第\(i)村</data></node>")
            if i > 1 { lines.append("<edge id=\"e\(i)\" source=\"n\(i)\" target=\"n\(i - 1)\"/>") }
        }
        let whole = lines + ["</graph>", "</graphml>"]
        let broken = lines + ["<edge source=\"n5\" target=\"nobody\"/>", "</graph>", "</graphml>"]
        let store = try GraphStore.open(path: ExportFixture.temp("large.db"))
        do {
            _ = try GraphMLImporter(store: store).importFile(try Self.write(broken.joined(separator: "\n"), "broken-large.graphml"))
            Issue.record("a broken file was imported")
        } catch let error as ImportError {
            #expect(error.line == broken.count - 2, "\(error)")
        }
        #expect(try Self.count(store, "nodes") == 0 && Self.count(store, "triples") == 0)
        let summary = try GraphMLImporter(store: store).importFile(try Self.write(whole.joined(separator: "\n"), "large.graphml"))
        #expect(summary.nodes == 6_000 && summary.edges == 5_999)
        #expect(try Self.count(store, "nodes") == 6_000 && Self.count(store, "triples") == 5_999)
    }

    @Test func importingAgainChangesNothingAndAChangedFileReplacesItsFacts() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("again.db"))
        let file = try Self.write(Self.networkX)
        _ = try GraphMLImporter(store: store).importFile(file)
        let facts = try Self.count(store, "triples")
        #expect(try GraphMLImporter(store: store).importFile(file).unchanged)
        try Self.networkX.replacingOccurrences(of: "0.5", with: "0.75").write(toFile: file, atomically: true, encoding: .utf8)
        let again = try GraphMLImporter(store: store).importFile(file)
        #expect(!again.unchanged && again.edges == 2)
        #expect(try Self.count(store, "triples") == facts)
        #expect(try store.database.scalar("SELECT count(*) FROM edge_props WHERE value = 0.75")?.integer == 1)
    }

    @Test func anImportedNodeOutlivesTheRetractOfAnArticle() throws {
        let store = try ExportFixture.seedStore()
        guard let first = try store.database.scalar("SELECT path FROM documents LIMIT 1")?.text else { return }
        _ = try GraphMLImporter(store: store).importFile(try Self.write(Self.networkX))
        let isolated = "SELECT count(*) FROM node_props WHERE value = '3' AND key = (SELECT id FROM terms WHERE value = 'graphml_id')"
        #expect(try store.database.scalar(isolated)?.integer == 1)
        #expect(try store.retract(document: first))
        #expect(try store.database.scalar(isolated)?.integer == 1)
    }
}

@Suite("JSON-lines import")
struct JSONLinesImportTests {
    static func facts(_ lines: [String]) -> (Set<String>, Set<String>) {
        var entities = Set<String>(), relations = Set<String>()
        for line in lines {
            guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any], let doc = o["doc"] as? String else { continue }
            switch o["kind"] as? String {
            case "entity": entities.insert("\(doc)|\(o["type"] ?? "")|\(o["name"] ?? "")")
            case "relation": relations.insert("\(doc)|\(o["subject"] ?? "")|\(o["predicate"] ?? "")|\(o["object"] ?? "")")
            default: break
            }
        }
        return (entities, relations)
    }

    @Test func extractionOutputImportedExportsTheSameEntitiesAndFacts() throws {
        guard let extractor = ExportFixture.extractor else { return }
        let dir = ExportFixture.packageRoot.appendingPathComponent("seeds").path
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where file.hasSuffix(".txt") {
            lines += JSONLines.lines(for: extractor.extract(try DocumentDecoder.read(path: dir + "/" + file)))
        }
        let input = try GraphMLImportTests.write(lines.joined(separator: "\n") + "\n", "seeds.jsonl")
        let store = try GraphStore.open(path: ExportFixture.temp("jsonl.db"))
        let summary = try JSONLinesImporter(store: store).importFile(input)
        #expect(summary.nodes > 100 && summary.edges > 50)
        let output = ExportFixture.temp("out.jsonl")
        _ = try JSONLinesExporter(store: store).write(to: output)
        let exported = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        let (e1, r1) = Self.facts(lines), (e2, r2) = Self.facts(exported)
        #expect(r1 == r2, "\(r1.symmetricDifference(r2).sorted().prefix(5))")
        #expect(e1 == e2, "\(e1.symmetricDifference(e2).sorted().prefix(5))")
        #expect(try JSONLinesImporter(store: store).importFile(input).unchanged)
    }

    @Test func aBrokenLineOrAnUndeclaredEntityNamesItsLineAndStoresNothing() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("badlines.db"))
        let good = """
            {"kind":"document","doc":"a.txt","published":"2021-02-05","outlet":"某某日报"}
            {"kind":"entity","doc":"a.txt","type":"Person","name":"林某","aliases":[]}
            {"kind":"entity","doc":"a.txt","type":"Organization","name":"青禾村党支部","aliases":[]}
            {"kind":"relation","doc":"a.txt","subject":"林某","predicate":"leads","object":"青禾村党支部","role":"书记","evidence":"青禾村党支部书记林某","start":0,"end":10,"rule":"leads.title"}
            """
        for (text, line) in [(good.replacingOccurrences(of: "\"object\":\"青禾村党支部\"", with: "\"object\":\"无名\""), 4),
                             (good.replacingOccurrences(of: "{\"kind\":\"entity\",\"doc\":\"a.txt\",\"type\":\"Person\"", with: "{\"kind\":"), 2)] {
            let file = try GraphMLImportTests.write(text, "bad.jsonl")
            do {
                _ = try JSONLinesImporter(store: store).importFile(file)
                Issue.record("no error for line \(line)")
            } catch let error as ImportError {
                #expect(error.line == line, "\(error)")
            }
        }
        #expect(try store.database.scalar("SELECT count(*) FROM nodes")?.integer == 0)
        let summary = try JSONLinesImporter(store: store).importFile(try GraphMLImportTests.write(good, "good.jsonl"))
        #expect(summary.nodes == 2 && summary.edges == 1)
        #expect(try store.database.scalar("SELECT outlet FROM documents WHERE name = 'a.txt'")?.text == "某某日报")
    }
}

@Suite("Planner statistics")
struct PlannerStatisticsTests {
    @Test func refreshingStatisticsGivesThePlannerEveryIndexOfTheFacts() throws {
        let store = try ExportFixture.seedStore()
        guard try store.database.scalar("SELECT count(*) FROM triples")?.integer ?? 0 > 0 else { return }
        try store.refreshStatistics()
        let indexes = try store.database.rows("SELECT idx FROM sqlite_stat1 WHERE tbl = 'triples'").compactMap { $0.first?.text }
        #expect(Set(indexes).isSuperset(of: ["spo", "pos", "osp"]), "\(indexes)")
    }
}
