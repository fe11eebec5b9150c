import Foundation
import GuanxiQuery
import GuanxiStore

/// The outcome of one test case.
public enum Outcome: Sendable, Equatable {
    case passed
    case failed(String)
    /// The case needs a feature the language does not have; the reason names it.
    case outOfScope(String)
}

/// Runs TCK scenarios against a fresh in-memory store each, or against one PostgreSQL
/// store emptied before each.
public struct TCKRunner {
    public let root: String
    /// A `postgresql://` store to run on instead of SQLite; its graph is emptied before
    /// every case.
    public let database: String?
    /// The hop bound of `*` while running the TCK: `guanxi query --max-hops 100`.
    public static let maxHops = 100

    public init(root: String, database: String? = nil) {
        self.root = root
        self.database = database
    }

    /// The tables a case's graph lives in, emptied between cases on PostgreSQL.
    static let graphTables = ["terms", "nodes", "node_labels", "node_props", "triples", "edge_props", "documents", "provenance", "mentions", "merges"]

    /// The store a case runs on: a new in-memory one, or the PostgreSQL store emptied.
    func freshStore() throws -> GraphStore {
        guard let database else { return try GraphStore.open(path: ":memory:") }
        let store = try GraphStore.open(path: database)
        try store.database.execute("TRUNCATE \(Self.graphTables.joined(separator: ", ")) RESTART IDENTITY")
        return store
    }

    /// Every case of every feature file below `features/`, in path order.
    public func scenarios() throws -> [Scenario] {
        let base = (root as NSString).appendingPathComponent("features")
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let f = walker.nextObject() as? String { if f.hasSuffix(".feature") { files.append(f) } }
        var out: [Scenario] = []
        for f in files.sorted() {
            let folder = (f as NSString).deletingLastPathComponent
            out += try FeatureReader.scenarios(file: (base as NSString).appendingPathComponent(f), folder: folder)
        }
        return out
    }

    static func unsupported(_ message: String) -> Bool {
        let m = message.lowercased()
        return m.contains("not supported") || m.contains("unknown function") || m.contains("the loader runs")
            || m.contains("never changes it") || m.contains("a created")
    }

    /// Runs one case.
    public func run(_ scenario: Scenario) -> Outcome {
        do {
            return try runThrowing(scenario)
        } catch let e as TCKValue.Unsupported {
            return .outOfScope(e.what)
        } catch let e as QueryError {
            return Self.unsupported(e.message) ? .outOfScope(e.message) : .failed("\(e.stage.rawValue): \(e.message)")
        } catch {
            return .failed("\(error)")
        }
    }

    func runThrowing(_ scenario: Scenario) throws -> Outcome {
        let store = try freshStore()
        var parameters: [String: ParameterValue] = [:]
        var query: String?
        var engine: QueryEngine?
        var result: QueryResult?
        var failure: QueryError?
        for step in scenario.steps {
            let t = step.text
            if t.hasPrefix("an empty graph") || t.hasPrefix("any graph") {
                continue
            } else if t.hasPrefix("the "), t.hasSuffix(" graph") {
                let name = String(t.dropFirst(4).dropLast(6))
                let script = try String(contentsOfFile: "\(root)/graphs/\(name)/\(name).cypher", encoding: .utf8)
                do { try GraphLoader.run(script, into: store) } catch let e as QueryError { return .outOfScope("setup graph \(name): \(e.message)") }
            } else if t.hasPrefix("having executed") {
                do { try GraphLoader.run(step.docString ?? "", parameters: parameters, into: store) } catch let e as QueryError {
                    return .outOfScope("setup query: \(e.message)")
                }
            } else if t.hasPrefix("parameters are") {
                for row in step.table where row.count == 2 { parameters[row[0]] = try TCKValue.parameter(row[1]) }
            } else if t.hasPrefix("executing query") {
                query = step.docString ?? String(t.drop { $0 != ":" }.dropFirst())
                if engine == nil {
                    engine = try QueryEngine(store: store)
                    // The TCK's `*` is unbounded; its graphs are small, so the bound the
                    // CLI takes with --max-hops is raised as far as it goes.
                    engine?.limits.defaultMaxHops = Self.maxHops
                    engine?.limits.maxHops = Self.maxHops
                }
                guard let q = query, let engine else { return .failed("no query") }
                do {
                    result = try engine.run(q, parameters: parameters)
                } catch let e as QueryError {
                    failure = e
                }
            } else if t.hasPrefix("the result should be empty") {
                if let failure { return classify(failure) }
                if !(result?.rows.isEmpty ?? false) { return .failed("expected no rows, got \(result?.rows.count ?? -1)") }
            } else if t.hasPrefix("the result should be") {
                if let failure { return classify(failure) }
                guard let result else { return .failed("no result") }
                let ordered = t.contains("in order")
                let sortLists = t.contains("ignoring element order for lists")
                return try compare(step.table, result, ordered: ordered, sortLists: sortLists)
            } else if t.hasPrefix("a "), t.contains(" should be raised") {
                // The error must come when the TCK says: a compile-time error before any row
                // is read, a runtime one while running. Its TCK type is not matched.
                if let failure {
                    if t.contains("UnknownFunction") && failure.message.hasPrefix("unknown function") { return .passed }
                    if Self.unsupported(failure.message) { return .outOfScope(failure.message) }
                    if t.contains("at compile time") && (failure.stage == .runtime || failure.stage == .limit) {
                        return .failed("expected \(t), but the error came at run time: \(failure.message)")
                    }
                    return .passed
                }
                return .failed("expected \(t), but the query ran")
            } else if t.hasPrefix("no side effects") || t.hasPrefix("the side effects should be") {
                continue
            }
        }
        return failure.map(classify) ?? .passed
    }

    func classify(_ e: QueryError) -> Outcome {
        Self.unsupported(e.message) ? .outOfScope(e.message) : .failed("\(e.stage.rawValue): \(e.message)")
    }

    func compare(_ table: [[String]], _ result: QueryResult, ordered: Bool, sortLists: Bool) throws -> Outcome {
        guard let header = table.first else { return .failed("no expected table") }
        if header != result.columns { return .failed("columns \(result.columns) instead of \(header)") }
        let expected = try table.dropFirst().map { try $0.map { try TCKValue.canonical($0, sortLists: sortLists) } }
        let actual = result.rows.map { $0.map { TCKValue.canonical($0, sortLists: sortLists) } }
        if ordered {
            if expected != actual { return .failed("rows \(actual.prefix(4)) instead of \(expected.prefix(4))") }
        } else {
            let e = expected.map { $0.joined(separator: " | ") }.sorted()
            let a = actual.map { $0.joined(separator: " | ") }.sorted()
            if e != a { return .failed("rows \(a.prefix(4)) instead of \(e.prefix(4))") }
        }
        return .passed
    }
}

/// Per-folder counts and the list of out-of-scope cases.
public struct TCKReport: Sendable {
    public var byFolder: [String: (passed: Int, failed: Int, outOfScope: Int)] = [:]
    public var outOfScope: [(String, String)] = []
    public var failures: [(String, String)] = []

    public init() {}

    public var passed: Int { byFolder.values.reduce(0) { $0 + $1.passed } }
    public var failed: Int { byFolder.values.reduce(0) { $0 + $1.failed } }
    public var skipped: Int { byFolder.values.reduce(0) { $0 + $1.outOfScope } }
    public var total: Int { passed + failed + skipped }

    public mutating func record(_ s: Scenario, _ o: Outcome) {
        var c = byFolder[s.folder] ?? (0, 0, 0)
        let id = "\(s.folder)/\(s.feature): \(s.name)"
        switch o {
        case .passed: c.passed += 1
        case .failed(let why): c.failed += 1; failures.append((id, why))
        case .outOfScope(let why): c.outOfScope += 1; outOfScope.append((id, why))
        }
        byFolder[s.folder] = c
    }

    /// The report, ending with `TCK: P passed, F failed, S out of scope, T total`.
    public var text: String {
        var out = ["folder                                   passed  failed  out of scope"]
        for f in byFolder.keys.sorted() {
            guard let c = byFolder[f] else { continue }
            out.append(f.padding(toLength: 40, withPad: " ", startingAt: 0) + " " + String(format: "%6d  %6d  %12d", c.passed, c.failed, c.outOfScope))
        }
        out.append("TCK: \(passed) passed, \(failed) failed, \(skipped) out of scope, \(total) total")
        return out.joined(separator: "\n")
    }
}
