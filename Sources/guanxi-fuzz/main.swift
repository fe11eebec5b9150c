// guanxi-fuzz: a seeded random fuzzer for the query parser, binder and SQL generator.
//
//   swift run -c release guanxi-fuzz [INPUTS] [--seed S] [--db STORE]
//
// Inputs are random token sequences drawn from the language's own tokens, and
// mutations (deleted, inserted, swapped, duplicated spans) of the Queries/ files.
// Each input is checked with QueryEngine.check (parse, bind, compile); every tenth that
// compiles is also run (at most 0.5 s) against a tiny store, and every tenth input goes
// through the GraphLoader (which runs its reading clauses) into a scratch store. Any
// error must be a QueryError. A crash ends the process (non-zero exit), an input
// taking over a second is reported as a hang, and peak memory is printed at the end.
import Foundation
import GuanxiQuery
import GuanxiStore

struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

let tokens = [
    "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "AS", "DISTINCT", "ORDER", "BY", "DESC", "SKIP", "LIMIT",
    "AND", "OR", "NOT", "XOR", "IS", "NULL", "IN", "STARTS", "ENDS", "CONTAINS", "UNION", "ALL", "EXPLAIN", "PROFILE", "CASE", "WHEN",
    "THEN", "ELSE", "END", "TRUE", "FALSE", "count", "collect", "type", "labels", "size", "coalesce", "toUpper", "range",
    "(", ")", "[", "]", "{", "}", ",", ":", ".", "|", "*", "+", "-", "/", "%", "=", "<>", "<", ">", "<=", ">=", "=~",
    "->", "<-", "..", ";", "^", "n", "m", "r", "p", "x", "Person", "Village", "Town", "leads", "belongs_to", "name",
    "role", "'路桥区'", "'a'", "\"b\"", "0", "1", "42", "-7", "3.5", "1e3", "$p", "`q`", "/* c */", "// c\n", "\n",
    "（", "）", "'", "\"", "`", "$", "\\", "\u{0}", "🚀", "海峰村", "CREATE", "DELETE", "DETACH", "CREATE (", ")-[:T]->(", "p = (", "nodes(p)", "length", "relationships", "[x IN ", " | x]", "percentileDisc", "stdev", "any(x IN ", "pi()", "log", "date(", "duration({days: 1})", "datetime('", "T12:00Z')",
]

func peakMiB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let l = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    return (Double(l.split(separator: " ").compactMap { Double($0) }.first ?? 0)) / 1024
}

var count = 1_000_000
var seed: UInt64 = 20_240_601
var dbPath: String?
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--seed": seed = UInt64(args.isEmpty ? "0" : args.removeFirst()) ?? seed
    case "--db": dbPath = args.isEmpty ? nil : args.removeFirst()
    default: count = Int(a) ?? count
    }
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let queries = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Queries").path)) ?? [])
    .filter { $0.hasSuffix(".cypher") }.sorted()
    .compactMap { try? String(contentsOf: root.appendingPathComponent("Queries/" + $0), encoding: .utf8) }
    + ["MATCH (n:Person)-[r:leads]->(v:Village) WHERE v.name = 'x' RETURN n.name, count(*) ORDER BY n.name LIMIT 3"]

let path = dbPath ?? FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-fuzz-\(getpid()).db").path
let store = try GraphStore.open(path: path)
let a = try store.createNode(labels: ["Person"], properties: [("name", .string("甲"))])
let b = try store.createNode(labels: ["Village"], properties: [("name", .string("海峰村"))])
_ = try store.createEdge(a, "leads", b, properties: [("role", .string("书记"))])
let engine = try QueryEngine(store: store)
engine.limits.seconds = 0.5
let scratch = try GraphStore.open(path: ":memory:")
let params: [String: ParameterValue] = ["p": .integer(1)]

var rng = Generator(state: seed)
var accepted = 0, rejected = 0, hangs = 0, loaded = 0, ran = 0
let start = Date()
for i in 0..<count {
    var text: String
    if rng.int(2) == 0 {
        text = (0..<(1 + rng.int(24))).map { _ in tokens[rng.int(tokens.count)] }.joined(separator: rng.int(4) == 0 ? "" : " ")
    } else {
        var s = Array(queries[rng.int(queries.count)].unicodeScalars)
        for _ in 0..<(1 + rng.int(4)) where !s.isEmpty {
            let at = rng.int(s.count), len = min(s.count - at, 1 + rng.int(6))
            switch rng.int(4) {
            case 0: s.removeSubrange(at..<(at + len))
            case 1: s.insert(contentsOf: tokens[rng.int(tokens.count)].unicodeScalars, at: at)
            case 2: s.insert(contentsOf: s[at..<(at + len)], at: rng.int(s.count))
            default: if at + len < s.count { s.swapAt(at, at + len) }
            }
        }
        text = String(String.UnicodeScalarView(s))
    }
    if i % 5000 == 0 { text = String(repeating: "(", count: 100_000) + "1" }
    if i % 5001 == 0 { text = "RETURN " + String(repeating: "[", count: 50_000) }
    let t0 = Date()
    do {
        try engine.check(text, parameters: params)
        accepted += 1
        if i % 10 == 0 {
            _ = try engine.run(text, parameters: params)
            ran += 1
        }
    } catch is QueryError {
        rejected += 1
    } catch {
        FileHandle.standardError.write(Data("input \(i) threw a non-query error \(error): \(text.debugDescription)\n".utf8))
        exit(1)
    }
    if i % 10 == 0 {
        do {
            try GraphLoader.run(text, parameters: params, into: scratch)
            loaded += 1
        } catch is QueryError {
        } catch {
            FileHandle.standardError.write(Data("input \(i) made the loader throw a non-query error \(error): \(text.debugDescription)\n".utf8))
            exit(1)
        }
    }
    if Date().timeIntervalSince(t0) > 1 {
        hangs += 1
        FileHandle.standardError.write(Data("input \(i) took \(Date().timeIntervalSince(t0)) s: \(text.prefix(200).debugDescription)\n".utf8))
    }
}
try? FileManager.default.removeItem(atPath: path)
let seconds = Date().timeIntervalSince(start)
print(String(format: "fuzz: %d inputs (%d compiled, %d rejected with a query error; %d run to the end, %d loaded as setup scripts), %d over 1 s, %.1f s, %.0f inputs/s, peak %.0f MiB",
             count, accepted, rejected, ran, loaded, hangs, seconds, Double(count) / seconds, peakMiB()))
exit(hangs > 0 ? 1 : 0)
