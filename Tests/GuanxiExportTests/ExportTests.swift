import Foundation
import Testing
import GuanxiTestSupport
import GuanxiExtraction
@testable import GuanxiExport
import GuanxiStore
import GuanxiText

enum ExportFixture {
    static let extractor: Extractor? = try? Extractor.standard()

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var graphmlXSD: String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/graphml/graphml.xsd").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static func temp(_ name: String) -> String {
        URL(fileURLWithPath: Scratch.path("export", "-\(name)")).path
    }

    /// A store built from the seeds.
    static func seedStore() throws -> GraphStore {
        let store = try GraphStore.open(path: temp("seeds.db"))
        guard let extractor else { return store }
        let dir = packageRoot.appendingPathComponent("seeds").path
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where file.hasSuffix(".txt") {
            _ = try store.ingest(extractor.extract(try DocumentDecoder.read(path: dir + "/" + file)), gazetteer: extractor.gazetteer)
        }
        return store
    }

    /// Runs a program; nil when it is not installed.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> (Int32, String, String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        do { try process.run() } catch { return nil }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 { return nil }
        return (process.terminationStatus, o, e)
    }

    /// Validates `file` against `schema` with xmllint; nil when xmllint is missing.
    static func xmllint(_ file: String, schema: String) throws -> (Bool, String)? {
        guard let (status, _, err) = try run(["xmllint", "--noout", "--nonet", "--schema", schema, file]) else { return nil }
        return (status == 0, err)
    }

    /// Runs Python with `modules` importable, or returns nil with a skip message.
    static func python(_ script: String, needs modules: [String]) throws -> String? {
        guard let (status, _, _) = try run(["python3", "-c", modules.map { "import \($0)" }.joined(separator: "; ")]), status == 0 else {
            print("skipped: python3 with \(modules.joined(separator: ", ")) is not installed (pip install \(modules.joined(separator: " "))); CI installs it")
            return nil
        }
        guard let (code, out, err) = try run(["python3", "-c", script]) else { return nil }
        return code == 0 ? out : "ERROR \(err)"
    }
}

@Suite("GraphML export")
struct GraphMLExportTests {
    @Test func seedsExportValidatesAndReadsBackInNetworkXAndIgraph() throws {
        let store = try ExportFixture.seedStore()
        let file = ExportFixture.temp("g.graphml")
        let summary = try GraphMLExporter(store: store).write(to: file)
        #expect(summary.nodes > 100 && summary.edges > 50)
        if let xsd = ExportFixture.graphmlXSD, let (valid, message) = try ExportFixture.xmllint(file, schema: xsd) {
            #expect(valid, "\(message)")
        } else {
            print("skipped: xmllint (apt libxml2-utils) or ../shared/bench/graphml is absent; CI runs this check")
        }
        let script = """
            import warnings, networkx as nx, igraph as ig
            warnings.simplefilter("error")
            g = nx.read_graphml("\(file)")
            h = ig.Graph.Read_GraphML("\(file)")
            print(g.number_of_nodes(), g.number_of_edges(), h.vcount(), h.ecount())
            """
        if let out = try ExportFixture.python(script, needs: ["networkx", "igraph"]) {
            #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(summary.nodes) \(summary.edges) \(summary.nodes) \(summary.edges)")
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains("for=\"all\""))
        #expect(text.contains("<data key=\"n_label\">海峰村</data>"))
        #expect(!text.contains("&#"))
    }

    @Test func hostileNamesSurviveAndControlCharactersAreDroppedAndCounted() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("h.db"))
        let a = try store.createNode(labels: ["Organization"], properties: [("name", .string("A<B>&\"C\" 'D' 🚀 \u{07}公司"))])
        let b = try store.createNode(labels: ["Person"], properties: [("name", .string("王\u{01}芳"))])
        _ = try store.createEdge(b, "member_of", a, properties: [("role", .string("经理"))])
        _ = try store.createEdge(b, "member_of", a, properties: [("role", .string("董事"))])
        let file = ExportFixture.temp("h.graphml")
        let summary = try GraphMLExporter(store: store).write(to: file)
        #expect(summary.droppedCharacters == 2)
        #expect(summary.edges == 2)
        if let xsd = ExportFixture.graphmlXSD, let (valid, message) = try ExportFixture.xmllint(file, schema: xsd) { #expect(valid, "\(message)") }
        let script = """
            import warnings, networkx as nx, igraph as ig
            warnings.simplefilter("error")
            g = nx.read_graphml("\(file)", force_multigraph=True)
            names = sorted(d["label"] for _, d in g.nodes(data=True))
            h = ig.Graph.Read_GraphML("\(file)")
            print(names == ["A<B>&\\"C\\" 'D' 🚀 公司", "王芳"], g.number_of_edges(), h.ecount())
            """
        if let out = try ExportFixture.python(script, needs: ["networkx", "igraph"]) {
            #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "True 2 2")
        }
    }

    /// Each exporter tells its caller, on the caller's thread, how far it has written:
    /// every 8,192 elements, nodes first.
    @Test func progressIsToldAsElementsAreWritten() throws {
        let store = try GraphStore.open(path: ExportFixture.temp("p.db"))
        try store.database.transaction {
            var previous: Int64?
            for i in 0..<9_000 {
                let node = try store.createNode(labels: ["Village"], properties: [("name", .string("村\(i)"))])
                if let previous { _ = try store.createEdge(node, "belongs_to", previous, properties: []) }
                previous = node
            }
        }
        let caller = Thread.current
        var told: [ExportProgress] = []
        var onCaller = true
        func listen(_ done: ExportProgress) {
            told.append(done)
            onCaller = onCaller && Thread.current == caller
        }
        let summary = try GraphMLExporter(store: store, progress: listen).write(to: ExportFixture.temp("p.graphml"))
        #expect(summary.nodes == 9_000 && summary.edges == 8_999)
        let expected = [8_192, 16_384]
        #expect(told.map { $0.nodes + $0.edges } == expected)
        #expect(told.first?.edges == 0 && told.last?.nodes == 9_000)
        told = []
        _ = try Neo4jExporter(store: store, progress: listen).write(to: ExportFixture.temp("p-neo4j"))
        #expect(told.map { $0.nodes + $0.edges } == expected, "Neo4j")
        told = []
        _ = try NQuadsExporter(store: store, progress: listen).write(to: ExportFixture.temp("p.nq"))
        #expect(told.map { $0.nodes + $0.edges } == expected, "N-Quads")
        #expect(onCaller)
    }

    @Test func idsAreStableAndEdgeIdsUnique() throws {
        let store = try ExportFixture.seedStore()
        let first = ExportFixture.temp("1.graphml"), second = ExportFixture.temp("2.graphml")
        _ = try GraphMLExporter(store: store).write(to: first)
        _ = try GraphMLExporter(store: store).write(to: second)
        #expect(try String(contentsOfFile: first, encoding: .utf8) == String(contentsOfFile: second, encoding: .utf8))
        let text = try String(contentsOfFile: first, encoding: .utf8)
        let ids = text.components(separatedBy: "<edge id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count)
    }

    @Test func filtersByTypeRelationAndNeighbourhood() throws {
        let store = try ExportFixture.seedStore()
        var selection = GraphSelection()
        selection.types = ["Person", "Village"]
        let file = ExportFixture.temp("f.graphml")
        let summary = try GraphMLExporter(store: store, selection: selection).write(to: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let types = Set(text.components(separatedBy: "<data key=\"n_type\">").dropFirst().map { String($0.prefix { $0 != "<" }) })
        #expect(types == ["Person", "Village"])
        #expect(summary.edges > 0)
        var around = GraphSelection()
        around.around = try store.candidates(named: "金清镇").map(\.node.id)
        around.depth = 1
        let a = try GraphMLExporter(store: store, selection: around).write(to: ExportFixture.temp("a.graphml"))
        #expect(a.nodes >= 5 && a.nodes < 20)
    }

    @Test func theYEdFlavourDrawsLabelsAndStaysValidGraphML() throws {
        let store = try ExportFixture.seedStore()
        let file = ExportFixture.temp("y.graphml")
        _ = try GraphMLExporter(store: store, flavor: .yed).write(to: file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("<y:NodeLabel visible=\"true\""))
        #expect(text.contains("<y:Fill color=\"#CDEAC0\""))
        guard let xsd = ExportFixture.graphmlXSD else { return }
        // GraphML's extension mechanism: a schema that redefines data-extension.type to
        // admit foreign elements and adds yfiles.type to key, as yEd's own schema does.
        let extended = ExportFixture.temp("ygraphml.xsd")
        try """
            <?xml version="1.0"?>
            <xs:schema targetNamespace="http://graphml.graphdrawing.org/xmlns" xmlns="http://graphml.graphdrawing.org/xmlns"
                       xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" attributeFormDefault="unqualified">
              <xs:redefine schemaLocation="\(URL(fileURLWithPath: xsd).absoluteString)">
                <xs:complexType name="data-extension.type" mixed="true">
                  <xs:complexContent mixed="true"><xs:extension base="data-extension.type">
                    <xs:sequence><xs:any namespace="##other" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                  </xs:extension></xs:complexContent>
                </xs:complexType>
                <xs:attributeGroup name="key.extra.attrib">
                  <xs:attributeGroup ref="key.extra.attrib"/>
                  <xs:attribute name="yfiles.type" type="xs:NMTOKEN" use="optional"/>
                </xs:attributeGroup>
              </xs:redefine>
            </xs:schema>
            """.write(toFile: extended, atomically: true, encoding: .utf8)
        if let (valid, message) = try ExportFixture.xmllint(file, schema: extended) { #expect(valid, "\(message)") }
    }
}

@Suite("RDF and JSON-lines export")
struct OtherExportTests {
    @Test func nQuadsLoadIntoOxigraphWithTheSameCount() throws {
        let store = try ExportFixture.seedStore()
        let file = ExportFixture.temp("g.nq")
        let count = try NQuadsExporter(store: store).write(to: file)
        #expect(count > 300)
        let script = """
            import pyoxigraph as ox
            s = ox.Store()
            s.load(path="\(file)", format=ox.RdfFormat.N_QUADS)
            print(len(s), len(list(s.named_graphs())))
            """
        if let out = try ExportFixture.python(script, needs: ["pyoxigraph"]) {
            let parts = out.split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
            #expect(parts.first == count)
            #expect((parts.last ?? 0) >= 6)  // five documents and the gazetteer
        }
    }

    @Test func nQuadsWriteEachFactAfterItsEvidenceAndFactsWithoutAnyLast() throws {
        let store = try ExportFixture.seedStore()
        // A fact no document states (as a query's CREATE leaves it): no evidence, no graph.
        let a = try store.createNode(labels: ["Person"], properties: [("name", .string("甲"))])
        let b = try store.createNode(labels: ["Village"], properties: [("name", .string("乙村"))])
        let bare = try store.createEdge(a, "leads", b, properties: [])
        let file = ExportFixture.temp("order.nq")
        _ = try NQuadsExporter(store: store).write(to: file)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        // Where each fact's reified statement starts, and where its evidence is.
        let typeLine = " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>"
        var statementAt: [String: Int] = [:]
        var lastEvidenceAt: [String: Int] = [:]
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("<urn:guanxi:fact:"), line.contains(typeLine) {
                statementAt[String(line.prefix { $0 != ">" }.dropFirst("<urn:guanxi:fact:".count))] = i
            }
            if line.hasPrefix("<urn:guanxi:evidence:"), let r = line.range(of: "<urn:guanxi:vocab:supports> <urn:guanxi:fact:") {
                lastEvidenceAt[String(line[r.upperBound...].prefix { $0 != ">" })] = i
            }
        }
        #expect(statementAt.count > 100)
        for (fact, evidence) in lastEvidenceAt { #expect(evidence < statementAt[fact] ?? -1, "fact \(fact)") }
        // Facts in id order; the one without provenance after all the others.
        let order = statementAt.sorted { $0.value < $1.value }.map { Int64($0.key) ?? -1 }
        #expect(order.last == bare)
        #expect(Array(order.dropLast()) == order.dropLast().sorted())
        #expect(lastEvidenceAt[String(bare)] == nil)
    }

    @Test func jsonLinesFromTheStoreScoreLikeExtractionItself() throws {
        let shared = ExportFixture.packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        guard FileManager.default.fileExists(atPath: shared + "/eval/score.py") else {
            print("skipped: ../shared is absent (a user's clone); CI runs this check")
            return
        }
        let store = try ExportFixture.seedStore()
        let file = ExportFixture.temp("g.jsonl")
        _ = try JSONLinesExporter(store: store).write(to: file)
        let direct = ExportFixture.temp("direct.jsonl")
        let extractor = try #require(ExportFixture.extractor)
        var lines: [String] = []
        let dir = ExportFixture.packageRoot.appendingPathComponent("seeds").path
        for f in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where f.hasSuffix(".txt") {
            lines += JSONLines.lines(for: extractor.extract(try DocumentDecoder.read(path: dir + "/" + f)))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: direct, atomically: true, encoding: .utf8)
        let a = try #require(try ExportFixture.run(["python3", shared + "/eval/score.py", shared + "/gold", file]))
        let b = try #require(try ExportFixture.run(["python3", shared + "/eval/score.py", shared + "/gold", direct]))
        #expect(a.1.split(separator: "\n").last == b.1.split(separator: "\n").last)
    }
}
