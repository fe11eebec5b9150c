import Foundation
import Testing
@testable import GuanxiTCK
@testable import GuanxiQuery
import GuanxiStore

/// `../shared/tck` beside the package, when present (CI has it; a user's clone does not).
private let tckRoot: String? = {
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let root = package.deletingLastPathComponent().appendingPathComponent("shared/tck").path
    return FileManager.default.fileExists(atPath: root + "/features") ? root : nil
}()

private let repositoryList = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("TCK-out-of-scope.tsv")

@Suite("openCypher TCK")
struct TCKTests {
    /// The pass count may only go up; the committed out-of-scope list is the one the runner produces.
    @Test func theReadOnlyTCKPassesAtLeastTheRecordedBaseline() throws {
        guard let root = tckRoot else {
            print("skipped: ../shared/tck is absent (a user's clone); CI runs the TCK")
            return
        }
        let runner = TCKRunner(root: root)
        var report = TCKReport()
        for s in try runner.scenarios() { report.record(s, runner.run(s)) }
        #expect(report.total == 1307, "the TCK's read-only subset expands to 1,307 cases")
        #expect(report.passed >= 1298, "TCK passes fell below the baseline: \(report.passed)")
        #expect(report.failed == 0, "every in-scope TCK case passes; \(report.failed) failed (guanxi-tck --failures lists them)")
        #expect(Double(report.passed) / Double(report.total) >= 0.70)
        let committed = try String(contentsOf: repositoryList, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        let produced = report.outOfScope.map { "\($0.0)\t\($0.1)" }
        let firstDifference = zip(committed, produced).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" }
            ?? (committed.count == produced.count ? nil : "\(committed.count) lines vs \(produced.count)")
        #expect(firstDifference == nil, "Tests/TCK-out-of-scope.tsv is stale (regenerate with guanxi-tck --out-of-scope): \(firstDifference ?? "")")
    }

    @Test func scenarioOutlinesExpandIntoOneCasePerExample() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("Outline.feature")
        try """
        Feature: Outline
          Scenario Outline: [1] Add
            Given any graph
            When executing query:
              \"\"\"
              RETURN <a> + 1 AS r
              \"\"\"
            Then the result should be, in any order:
              | r   |
              | <r> |

            Examples:
              | a | r |
              | 1 | 2 |
              | 2 | 4 |
        """.write(to: file, atomically: true, encoding: .utf8)
        let cases = try FeatureReader.scenarios(file: file.path, folder: "x")
        #expect(cases.count == 2)
        let runner = TCKRunner(root: dir.path)
        #expect(runner.run(cases[0]) == .passed)
        // The second example expects a wrong sum: the runner must say so.
        guard case .failed = runner.run(cases[1]) else {
            Issue.record("a wrong expected value passed")
            return
        }
    }

    @Test func tckValuesCompareByMeaningNotSpelling() throws {
        #expect(try TCKValue.canonical("[1, 'a', null]") == TCKValue.canonical(.list([.integer(1), .string("a"), .null])))
        #expect(try TCKValue.canonical("{b: 2, a: 1}") == TCKValue.canonical("{a: 1, b: 2}"))
        #expect(try TCKValue.canonical("[2, 1]", sortLists: true) == TCKValue.canonical("[1, 2]", sortLists: true))
        #expect(try TCKValue.canonical("[2, 1]") != TCKValue.canonical("[1, 2]"))
        // A path reads as written, each relationship pointing the way it does.
        let a = QueryValue.NodeValue(id: 1, labels: ["A"], properties: [:]), b = QueryValue.NodeValue(id: 2, labels: [], properties: ["k": .integer(1)])
        let t = QueryValue.RelationshipValue(id: 9, type: "T", start: 2, end: 1, properties: [:])
        let path = QueryValue.path(.init(nodes: [a, b], relationships: [t]))
        #expect(try TCKValue.canonical("<(:A)<-[:T]-({k: 1})>") == TCKValue.canonical(path))
        #expect(try TCKValue.canonical("<(:A)-[:T]->({k: 1})>") != TCKValue.canonical(path))
    }

    @Test func theLoaderCreatesLabelsPropertiesAndRelationshipsInTheGuanxiStore() throws {
        let store = try GraphStore.open(path: ":memory:")
        try GraphLoader.run("CREATE (a:Person:End {name: 'x', n: [1, 2]})-[:KNOWS {since: 2020}]->(b:Person {name: 'y'})", into: store)
        let engine = try QueryEngine(store: store)
        let r = try engine.run("MATCH (a:End)-[k:KNOWS]->(b) RETURN a.name AS a, a.n AS n, k.since AS since, b.name AS b")
        #expect(r.rows.count == 1)
        #expect(r.rows.first.map { $0.map { TCKValue.canonical($0) } } == [try TCKValue.canonical("'x'"), try TCKValue.canonical("[1, 2]"), try TCKValue.canonical("2020"), try TCKValue.canonical("'y'")])
        #expect(throws: QueryError.self) { try GraphLoader.run("MATCH (n) SET n.x = 1", into: store) }
    }

    @Test func theLoaderFeedsCreateAndDeleteFromReadingClauses() throws {
        let store = try GraphStore.open(path: ":memory:")
        func rows(_ q: String) throws -> [[String]] { try QueryEngine(store: store).run(q).rows.map { $0.map(\.display) } }
        try GraphLoader.run("UNWIND range(1, 3) AS i CREATE (:N {n: i, sq: i * i})", into: store)
        #expect(try rows("MATCH (x:N) RETURN x.n, x.sq ORDER BY x.n") == [["1", "1"], ["2", "4"], ["3", "9"]])
        // Reading clauses see what earlier clauses created; maps may read a node made just before.
        try GraphLoader.run("""
            CREATE (a:A {id: 7}), (:B {ref: a.id})
            WITH a MATCH (x:N) WHERE x.n > 1
            CREATE (a)-[:HAS {tag: 'n' + x.n}]->(x)
            """, into: store)
        #expect(try rows("MATCH (b:B) RETURN b.ref") == [["7"]])
        #expect(try rows("MATCH (:A)-[h:HAS]->(x) RETURN h.tag, x.n ORDER BY x.n") == [["n2", "2"], ["n3", "3"]])
        // DELETE takes relationships, and nodes only without any (unless DETACH).
        try GraphLoader.run("MATCH (:A)-[h:HAS]->(x {n: 2}) DELETE h", into: store)
        #expect(try rows("MATCH (:A)-[:HAS]->(x) RETURN x.n") == [["3"]])
        #expect(throws: QueryError.self) { try GraphLoader.run("MATCH (a:A) DELETE a", into: store) }
        try GraphLoader.run("MATCH (a:A) DETACH DELETE a", into: store)
        #expect(try rows("MATCH (a:A) RETURN count(a)") == [["0"]])
        // A refused script leaves the store as it was.
        #expect(throws: QueryError.self) { try GraphLoader.run("CREATE (:Z) WITH 1 AS one MERGE (:Y)", into: store) }
        do {
            try GraphLoader.run("CREATE (:Z)\nWITH 1 AS one MATCH (q) CREATE ({v: q.name + no_such})", into: store)
            Issue.record("an undefined variable was accepted")
        } catch let e as QueryError {
            // The error points at the reading clauses of the script, not at generated text.
            #expect(e.line == 2 && e.column == 1 && e.message.contains("no_such"), "\(e)")
        }
        #expect(try rows("MATCH (z:Z) RETURN count(z)") == [["0"]])
    }
}
