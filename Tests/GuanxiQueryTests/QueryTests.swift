import Foundation
import Testing
import GuanxiTestSupport
import GuanxiExtraction
@testable import GuanxiQuery
import GuanxiStore
import GuanxiText

enum QueryFixture {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A store built from the seeds, shared by the tests of this file.
    static let seedStorePath: String? = {
        guard let extractor = try? Extractor.standard() else { return nil }
        let path = Scratch.path("query", ".db")
        guard let store = try? GraphStore.open(path: path) else { return nil }
        let dir = packageRoot.appendingPathComponent("seeds").path
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() where file.hasSuffix(".txt") {
            guard let source = try? DocumentDecoder.read(path: dir + "/" + file) else { return nil }
            _ = try? store.ingest(extractor.extract(source), gazetteer: extractor.gazetteer)
        }
        return path
    }()

    static func engine() throws -> QueryEngine {
        guard let path = seedStorePath else { throw CocoaError(.fileNoSuchFile) }
        return try QueryEngine(store: try GraphStore.open(path: path))
    }

    /// A fresh store holding a small graph made with the store's own API.
    static func tinyEngine() throws -> QueryEngine {
        let path = Scratch.path("tiny", ".db")
        let store = try GraphStore.open(path: path)
        let a = try store.createNode(labels: ["Person"], properties: [("name", .string("甲")), ("age", .integer(30))])
        let b = try store.createNode(labels: ["Person"], properties: [("name", .string("乙")), ("age", .integer(40))])
        let c = try store.createNode(labels: ["Village"], properties: [("name", .string("东村"))])
        let d = try store.createNode(labels: ["Town"], properties: [("name", .string("西镇"))])
        _ = try store.createEdge(a, "leads", c, properties: [("role", .string("书记"))])
        _ = try store.createEdge(b, "member_of", c, properties: [("role", .string("委员"))])
        _ = try store.createEdge(c, "belongs_to", d, properties: [])
        return try QueryEngine(store: store)
    }
}

@Suite("Queries folder")
struct QueriesFolderTests {
    /// `// param: name=value` lines of a query file.
    static var files: [String] {
        let dir = QueryFixture.packageRoot.appendingPathComponent("Queries").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".cypher") }.sorted().map { dir + "/" + $0 }
    }

    @Test func thereAreAtLeastTwelveQueriesEachStatingItsQuestion() throws {
        #expect(Self.files.count >= 12)
        for f in Self.files {
            let text = try String(contentsOfFile: f, encoding: .utf8)
            #expect(text.hasPrefix("// "), "\(f) does not open with its question")
        }
    }

    @Test(arguments: QueriesFolderTests.files)
    func everyQueryReturnsItsExpectedRows(file: String) throws {
        let engine = try QueryFixture.engine()
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let result = try engine.run(text, parameters: QueryParameters.defaults(in: text, source: file))
        let actual = "[" + result.rows.map { row in
            "{" + zip(result.columns, row).map { QueryValue.string($0).json + ":" + $1.json }.joined(separator: ",") + "}"
        }.joined(separator: ",\n") + "]"
        let expectedPath = file.replacingOccurrences(of: ".cypher", with: ".expected.json")
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        let a = try JSONSerialization.jsonObject(with: Data(actual.utf8)) as? [NSDictionary] ?? []
        let e = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [NSDictionary] ?? []
        if text.uppercased().contains("ORDER BY") {
            #expect(a == e, "\(file)")
        } else {
            #expect(NSCountedSet(array: a) == NSCountedSet(array: e), "\(file)")
        }
        #expect(!e.isEmpty, "\(file) returns nothing on the seeds")
    }
}

@Suite("Query language")
struct QueryLanguageTests {
    func rows(_ q: String, _ params: [String: ParameterValue] = [:]) throws -> [[String]] {
        try QueryFixture.tinyEngine().run(q, parameters: params).rows.map { $0.map(\.display) }
    }

    @Test func patternsDirectionsAndTypes() throws {
        #expect(try rows("MATCH (p:Person)-[r:leads]->(v:Village) RETURN p.name, r.role, v.name") == [["甲", "书记", "东村"]])
        #expect(try rows("MATCH (v:Village)<-[:MEMBER_OF]-(p) RETURN p.name") == [["乙"]])
        #expect(try rows("MATCH (v:Village)-[:leads|member_of]-(p) RETURN p.name ORDER BY p.name") == [["乙"], ["甲"]])
        #expect(try rows("MATCH (p)-->(x) RETURN count(*)") == [["3"]])
    }

    @Test func variableLengthAndRelationshipUniqueness() throws {
        #expect(try rows("MATCH (p:Person)-[:leads|belongs_to*1..2]->(t:Town) RETURN p.name") == [["甲"]])
        #expect(try rows("MATCH (a {name: '甲'})-[*]-(b) RETURN b.name ORDER BY b.name") == [["东村"], ["乙"], ["西镇"]])
        #expect(try rows("MATCH (a {name: '甲'})-[r*0..1]->(b) RETURN b.name, size(r) ORDER BY b.name") == [["东村", "1"], ["甲", "0"]])
        // A relationship is used once per match: 甲-东村-甲 is not a path.
        #expect(try rows("MATCH (a {name: '甲'})-[*2]-(b) RETURN b.name ORDER BY b.name") == [["乙"], ["西镇"]])
    }

    @Test func whereWithNullLogicAndStringPredicates() throws {
        #expect(try rows("MATCH (p:Person) WHERE p.age > 35 RETURN p.name") == [["乙"]])
        #expect(try rows("MATCH (p:Person) WHERE p.missing IS NULL AND p.name STARTS WITH '甲' RETURN p.name") == [["甲"]])
        #expect(try rows("MATCH (p:Person) WHERE p.name IN ['乙', 'x'] OR p.name ENDS WITH 'z' RETURN p.name") == [["乙"]])
        #expect(try rows("MATCH (p:Person) WHERE p.name =~ '甲|丙' RETURN p.name") == [["甲"]])
        #expect(try rows("RETURN null = null AS a, NOT null AS b, null OR true AS c, true XOR false AS d, 1 < 'a' AS e") == [["null", "null", "true", "true", "null"]])
    }

    @Test func aggregationOrderSkipLimitWithUnwindUnion() throws {
        #expect(try rows("MATCH (p:Person) RETURN count(*) AS n, collect(p.name) AS names, sum(p.age) AS s, avg(p.age) AS a") == [["2", "['甲', '乙']", "70", "35.0"]])
        #expect(try rows("MATCH (p:Person) RETURN p.name ORDER BY p.age DESC SKIP 1 LIMIT 1") == [["甲"]])
        #expect(try rows("MATCH (p:Person) WITH p.age AS age WHERE age < 35 RETURN age") == [["30"]])
        #expect(try rows("UNWIND [3, 1, 2] AS x RETURN x ORDER BY x") == [["1"], ["2"], ["3"]])
        #expect(try rows("MATCH (p:Person) RETURN p.name AS n UNION MATCH (v:Village) RETURN v.name AS n").count == 3)
        #expect(try rows("UNWIND [1, 1, 2] AS x RETURN x UNION ALL UNWIND [2] AS x RETURN x").count == 4)
        #expect(try rows("MATCH (p:Person) RETURN $x AS x, p.name ORDER BY p.name LIMIT $n", ["x": .integer(7), "n": .integer(1)]) == [["7", "乙"]])
    }

    @Test func optionalMatchKeepsRowsWithNulls() throws {
        #expect(try rows("MATCH (t:Town) OPTIONAL MATCH (p:Person)-[:leads]->(t) RETURN t.name, p.name") == [["西镇", "null"]])
        #expect(try rows("MATCH (v:Village) OPTIONAL MATCH (p:Person)-[:leads]->(v) RETURN v.name, p.name") == [["东村", "甲"]])
    }

    @Test func functionsOnNodesAndRelationships() throws {
        #expect(try rows("MATCH (p {name: '甲'})-[r]->(v) RETURN type(r), labels(v), toUpper('a'), size('东村'), coalesce(p.x, 'd')") == [["leads", "['Village']", "A", "2", "d"]])
        #expect(try rows("MATCH (p {name: '甲'}) RETURN p") == [["甲 (Person)"]])
    }

    @Test func syntaxErrorsPointAtTheColumn() throws {
        do {
            _ = try rows("MATCH (p:Person)\nRETURN p.name,, p")
            Issue.record("expected an error")
        } catch let e as QueryError {
            #expect(e.description == """
                syntax error: expected an expression, found ‘,’
                 --> query:2:15
                2 | RETURN p.name,, p
                  |               ^
                """)
        }
    }

    @Test func namesTheStoreDoesNotHoldWarnAndMatchNothing() throws {
        let r = try QueryFixture.tinyEngine().run("MATCH (v:Vilage) RETURN v")
        #expect(r.rows.isEmpty)
        #expect(r.warnings.contains { $0.contains("unknown label :Vilage") && $0.contains("did you mean ‘Village’?") })
    }

    @Test func runawayPatternsAndResultsAreStopped() throws {
        let engine = try QueryFixture.tinyEngine()
        #expect(throws: QueryError.self) { try engine.run("MATCH (a)-[*1..50]->(b) RETURN count(*)") }
        engine.limits.maxRows = 2
        do {
            _ = try engine.run("UNWIND range(1, 10) AS x RETURN x")
            Issue.record("expected a limit")
        } catch let e as QueryError {
            #expect(e.stage == .limit)
            #expect(e.message.contains("more than 2 rows"))
        }
    }

    @Test func undefinedVariablesWritesAndUnknownFunctionsAreClearErrors() throws {
        #expect(throws: QueryError.self) { try rows("MATCH (a) RETURN b") }
        #expect(throws: QueryError.self) { try rows("CREATE (a:Person) RETURN a") }
        do { _ = try rows("RETURN toUppr('a')") } catch let e as QueryError { #expect(e.message.contains("did you mean toupper()")) }
    }

    @Test func valuesCompareAsInCypher() throws {
        // Lists and maps compare by value; a null inside makes the answer unknown.
        #expect(try rows("RETURN [1, 2] = [1, 2] AS a, [1, null] = [1, 2] AS b, [1, null] = [2, 2] AS c, {k: 1} = {k: 1} AS d") == [["true", "null", "false", "true"]])
        #expect(try rows("RETURN [1, 0] > [1] AS a, [1, 2] < [1, 'a'] AS b") == [["true", "null"]])
        // Equality across kinds is false; ordering across kinds is null.
        #expect(try rows("RETURN '1' = 1 AS a, '1' <> 1 AS b, '1' < 1 AS c") == [["false", "true", "null"]])
        // IS NULL binds tighter than =.
        #expect(try rows("RETURN null IS NULL = null IS NULL AS r") == [["true"]])
        #expect(try rows("UNWIND [[1], ['a'], [], [1, 'a']] AS l RETURN l ORDER BY l") == [["[]"], ["['a']"], ["[1]"], ["[1, 'a']"]])
        // Kinds known only at run time still never compare across: true is not 1.
        #expect(try rows("UNWIND [1, true, '1', [1]] AS x RETURN x = 1 AS a, x = true AS b, x < 2 AS c, x IN [1] AS d") == [["true", "false", "true", "true"], ["false", "true", "null", "false"], ["false", "false", "null", "false"], ["false", "false", "null", "false"]])
        #expect(try rows("RETURN true = 1 AS a, true < 1 AS b, 1 IN [true, 1] AS c, null IN [] AS d, 2 IN [1, null] AS e, 4611686018427387905 = 4611686018427387904 AS f") == [["false", "null", "true", "false", "null", "false"]])
        #expect(try rows("UNWIND [true, 1, date('2024-01-01')] AS x RETURN toString(x) AS s, toString(x = 1) AS t") == [["true", "false"], ["1", "true"], ["2024-01-01", "false"]])
        // ORDER BY over mixed kinds: maps, lists, strings, booleans, numbers, then null.
        #expect(try rows("UNWIND [1, 'a', true, [1], {a: 1}, null, 0.5, false] AS x RETURN x ORDER BY x").map { $0[0] } == ["{a: 1}", "[1]", "a", "false", "true", "0.5", "1", "null"])
        #expect(try rows("UNWIND [1, 'a', true, null] AS x WITH x ORDER BY x DESC RETURN collect(x) AS c") == [["[1, true, 'a']"]])
        // min and max follow Cypher's order across kinds: lists first, numbers last.
        #expect(try rows("UNWIND [1, 'a', null, [1, 2], 0.2, 'b'] AS x RETURN min(x) AS lo, max(x) AS hi") == [["[1, 2]", "1"]])
        #expect(try rows("UNWIND [[1], [2], [2, 1]] AS x RETURN max(x) AS hi") == [["[2, 1]"]])
        // Elements of a mixed list keep their kinds.
        let mixed = try QueryFixture.tinyEngine().run("UNWIND [1, 'a', [1, 2], true, {k: 1}] AS x WITH x RETURN x").rows.map { $0[0] }
        #expect(mixed == [.integer(1), .string("a"), .list([.integer(1), .integer(2)]), .boolean(true), .map(["k": .integer(1)])])
    }

    @Test func arithmeticFollowsCypher() throws {
        // `+` decides by the values' kinds when only the data knows them.
        #expect(try rows("UNWIND [[1, 2], 'a', 3, true] AS x RETURN x + [9] AS l") == [["[1, 2, 9]"], ["['a', 9]"], ["[3, 9]"], ["[true, 9]"]])
        #expect(try rows("UNWIND [[1, 2], 'a', 3, null] AS x RETURN x + 1 AS y") == [["[1, 2, 1]"], ["a1"], ["4"], ["null"]])
        #expect(try rows("MATCH (p:Person {name: '甲'}) RETURN p.name + p.age AS s, [true] + [1] AS l") == [["甲30", "[true, 1]"]])
        // A long chain is one call, not a nesting SQLite's parser would refuse.
        let chain = "UNWIND ['x', 1] AS s RETURN " + Array(repeating: "s", count: 40).joined(separator: " + ") + " AS r"
        #expect(try rows(chain) == [[String(repeating: "x", count: 40)], ["40"]])
        #expect(try rows("UNWIND [1, 2] AS y RETURN [0] + collect(y) AS l") == [["[0, 1, 2]"]])
        #expect(throws: QueryError.self) { try rows("UNWIND [true] AS b RETURN b + 1") }
        #expect(throws: QueryError.self) { try rows("MATCH (p:Person) RETURN p + 1") }
        // NaN equals nothing and is neither below nor above anything, also through WITH.
        #expect(try rows("RETURN 0.0 / 0.0 = 0.0 / 0.0 AS a, 0.0 / 0.0 <> 1 AS b, 0.0 / 0.0 < 1 AS c, 0.0 / 0.0 >= 1 AS d, 0.0 / 0.0 < 'a' AS e") == [["false", "true", "false", "false", "null"]])
        #expect(try rows("WITH 0.0 / 0.0 AS n RETURN n, n = n AS a, n + 1 AS b, -n AS c, toString(n) AS d, 1.0 / 0.0 AS e") == [["NaN", "false", "NaN", "NaN", "NaN", "Infinity"]])
        #expect(try rows("RETURN 7 / 2 AS a, -7 % 3 AS b, 7.5 % 2 AS c") == [["3", "-1", "1.5"]])
        #expect(try rows("UNWIND [0.0 / 0.0, 1] AS x RETURN x, x + 1, x = x") == [["NaN", "NaN", "false"], ["1", "2", "true"]])
        #expect(throws: QueryError.self) { try rows("RETURN 1 / 0") }
        // A value and its kind group together: 1 and true are two groups.
        #expect(try rows("UNWIND [1, true, 1] AS x RETURN x, count(*) AS c ORDER BY c") == [["true", "1"], ["1", "2"]])
    }

    @Test func pathVariablesHoldNodesAndRelationshipsInWalkingOrder() throws {
        #expect(try rows("MATCH p = (t:Town)<-[:belongs_to]-(v)<-[:leads]-(a) RETURN p, length(p)") == [["西镇 (Town) <-[:belongs_to]- 东村 (Village) <-[:leads]- 甲 (Person)", "2"]])
        #expect(try rows("MATCH p = (a {name: '甲'})-[*]->(t:Town) RETURN nodes(p), size(relationships(p))") == [["[甲 (Person), 东村 (Village), 西镇 (Town)]", "2"]])
        // Undirected steps show the way each relationship points.
        #expect(try rows("MATCH p = (a {name: '甲'})--(v)--(b:Person) RETURN p") == [["甲 (Person) -[:leads]-> 东村 (Village) <-[:member_of]- 乙 (Person)"]])
        #expect(try rows("MATCH p = (a:Person {name: '乙'}) RETURN length(p), nodes(p)") == [["0", "[乙 (Person)]"]])
        #expect(try rows("MATCH (a:Person {name: '乙'}) OPTIONAL MATCH p = (a)-[:leads]->() RETURN p, nodes(p)") == [["null", "null"]])
        let json = try QueryFixture.tinyEngine().run("MATCH p = (:Person {name: '甲'})-->(:Village) RETURN p").rows.first?.first?.json ?? ""
        #expect(json.contains("\"nodes\":[{\"id\"") && json.contains("\"relationships\":[{\"id\""), "\(json)")
        // Shortest paths: one per pair of ends, or all as short; bound ends seed the walk.
        #expect(try rows("MATCH p = shortestPath((a:Person {name: '甲'})-[*]-(b:Person {name: '乙'})) RETURN length(p), p") == [["2", "甲 (Person) -[:leads]-> 东村 (Village) <-[:member_of]- 乙 (Person)"]])
        #expect(try rows("MATCH (a {name: '甲'}), (t:Town) MATCH p = allShortestPaths((a)-[*..5]-(t)) RETURN length(p), count(*)") == [["2", "1"]])
        #expect(try rows("MATCH (a {name: '甲'}) MATCH (a)-[*1..3]-(x) RETURN count(*)") == rows("MATCH (a {name: '甲'})-[*1..3]-(x) RETURN count(*)"))
        #expect(throws: QueryError.self) { try rows("MATCH p = shortestPath((a)-->(b)-->(c)) RETURN p") }
        // Lists of one kind of entity are columns; a bound list of relationships is walked as given.
        #expect(try rows("MATCH (a:Person {name: '甲'})-[:leads]->(v) RETURN [a, v] AS pair") == [["[甲 (Person), 东村 (Village)]"]])
        #expect(try rows("MATCH ()-[r1:leads]->()-[r2:belongs_to]->() WITH [r1, r2] AS rs MATCH (x)-[rs*]->(y) RETURN x.name, y.name") == [["甲", "西镇"]])
        #expect(try rows("MATCH ()-[r1:leads]->()-[r2:belongs_to]->() WITH [r2, r1] AS rs MATCH (x)-[rs*]->(y) RETURN x.name") == [])
        // Beside other kinds, entities are tagged in lists and maps, and stay what they are.
        #expect(try rows("MATCH (a:Person {name: '甲'})-[r:leads]->() RETURN {who: a, how: r} AS m, [a, r, 1, 0.0 / 0.0] AS l") == [["{how: [:leads], who: 甲 (Person)}", "[甲 (Person), [:leads], 1, NaN]"]])
        #expect(try rows("MATCH (v:Village)<-[:leads|member_of]-(p) WITH v, collect(p.name) AS names, collect(p) AS ps RETURN {village: v.name, people: size(ps)} AS m, [ps[0], 1][0].name IN names AS known") == [["{people: 2, village: '东村'}", "true"]])
        #expect(try rows("MATCH (v:Village)<-[:leads]-(p) WITH v, collect(p) AS ps RETURN {v: v.name, ps: ps} AS m, [ps, 1] AS l") == [["{ps: [甲 (Person)], v: '东村'}", "[[甲 (Person)], 1]"]])
        #expect(try rows("MATCH (a:Person {name: '甲'})-[r:leads]->() UNWIND [a, 1, r] AS x RETURN x.name, x = a, x IN [a], x = r") == [["甲", "true", "true", "false"], ["null", "false", "false", "false"], ["null", "false", "false", "true"]])
        #expect(try rows("MATCH p = (a:Person {name: '甲'})-[r:leads]->() UNWIND [p, r, 'x', a, {k: 1}, [1], false, 2] AS t RETURN t ORDER BY t").map { $0[0] } == ["{k: 1}", "甲 (Person)", "[:leads]", "[1]", "甲 (Person) -[:leads]-> 东村 (Village)", "x", "false", "2"])
        // A path has no properties; a path variable must be new.
        #expect(throws: QueryError.self) { try rows("MATCH p = (a)-->(b) RETURN p.name") }
        #expect(throws: QueryError.self) { try rows("MATCH (p) MATCH p = ()-->() RETURN p") }

    }

    @Test func comprehensionsAndStatisticalAggregates() throws {
        #expect(try rows("RETURN [x IN range(1, 6) WHERE x % 2 = 0 | x * 10] AS a, [x IN [1, 2]] AS b, [x IN null | x] AS c") == [["[20, 40, 60]", "[1, 2]", "null"]])
        // Elements keep their kinds, nested lists stay lists.
        #expect(try rows("RETURN [x IN [[1], true, 'a'] | x] AS a, [x IN [[1, 2], [3]] | size(x)] AS b") == [["[[1], true, 'a']", "[2, 1]"]])
        let people = try rows("MATCH (v:Village) RETURN [(p)-[:leads|member_of]->(v) | p.name] AS people")
        #expect(people == [["['甲', '乙']"]] || people == [["['乙', '甲']"]], "\(people)")
        #expect(try rows("MATCH (p:Person {name: '甲'}) RETURN [q = (p)-->()-->(t:Town) | length(q)] AS hops, size([(p)-->(x) WHERE x.name = '无' | x]) AS none") == [["[2]", "0"]])
        #expect(throws: QueryError.self) { try rows("RETURN [x IN [1] | y] AS a") }
        // Slices: negative bounds count from the end; nested values and booleans survive.
        #expect(try rows("RETURN [1, 2, 3, 4][1..3] AS a, [1, 2, 3, 4][-2..] AS b, [1, 2, 3][..-1] AS c, [1][null..] AS d, tail([[1], true, {k: [2]}]) AS t") == [["[2, 3]", "[3, 4]", "[1, 2]", "null", "[true, {k: [2]}]"]])
        // A map's values and a mixed list's elements keep their kinds.
        #expect(try rows("WITH {a: true, b: [1, 2]} AS m RETURN m.a, m.b, m['b'] AS c, [true, [1]][0] AS d, head([false, 1]) AS e") == [["true", "[1, 2]", "[1, 2]", "true", "false"]])
        // List predicates with Cypher's nulls.
        #expect(try rows("RETURN any(x IN [1, 2, 3] WHERE x > 2) AS a, all(x IN [1, null] WHERE x > 0) AS b, none(x IN [1, null] WHERE x > 1) AS c, single(x IN [1, 2, 3] WHERE x = 2) AS d, any(x IN [] WHERE x > 0) AS e") == [["true", "null", "null", "true", "false"]])
        #expect(throws: QueryError.self) { try rows("RETURN any(x IN [1])") }
        // Mathematical functions; NaN where undefined, a clear error on a string.
        #expect(try rows("RETURN round(pi() * 100) AS p, log10(1000) AS l, log(-1) AS n, degrees(atan2(1, 1)) AS d, isEmpty([]) AS i, isEmpty('a') AS j") == [["314.0", "3.0", "NaN", "45.0", "true", "false"]])
        #expect(throws: QueryError.self) { try rows("RETURN log('a')") }
        // Percentiles and standard deviations; a percentile outside 0 to 1 is an error.
        #expect(try rows("UNWIND [10, 20, 30, 40] AS x RETURN percentileDisc(x, 0.5) AS d, percentileCont(x, 0.5) AS c, stdevp(x) AS sp") == [["20", "25.0", "11.180339887498949"]])
        #expect(try rows("UNWIND [2, 4, 4, 4, 5, 5, 7, 9] AS x RETURN stdev(x) AS s") == [["2.138089935299395"]])
        #expect(throws: QueryError.self) { try rows("UNWIND [1, 2] AS x RETURN percentileDisc(x, 1.5)") }
    }

    @Test func datesTimesAndDurations() throws {
        #expect(try rows("RETURN date({year: 1984, month: 10, day: 11}) AS d, localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123}) AS t, time({hour: 10, minute: 35, timezone: '-08:00'}) AS z, datetime('2024-05-01T08:00:00.5+08:00') AS dt") == [["1984-10-11", "12:31:14.645876123", "10:35-08:00", "2024-05-01T08:00:00.500+08:00"]])
        // Times with offsets order by their instant, in lists too.
        #expect(try rows("UNWIND [time('10:35-08:00'), time('12:35:15+05:00'), time('12:30:14+01:01')] AS t RETURN t ORDER BY t") == [["12:35:15+05:00"], ["12:30:14+01:01"], ["10:35-08:00"]])
        #expect(try rows("WITH date('2024-02-29') AS d RETURN d.year, d.month, toString(d), d < date('2024-03-01')") == [["2024", "2", "2024-02-29", "true"]])
        // Durations: months keep the day or take the month's last; time wraps or carries into days.
        #expect(try rows("RETURN date('2024-01-31') + duration({months: 1}) AS a, localtime('23:58') + duration({minutes: 6}) AS b, datetime('2024-12-31T23:00Z') + duration('PT2H') AS c, date('2024-03-01') - duration({days: 1}) AS e, duration({days: 4, minutes: 6}) AS f") == [["2024-02-29", "00:04", "2025-01-01T01:00Z", "2024-02-29", "P4DT6M"]])
        for bad in ["RETURN date({year: 2023, month: 2, day: 29})", "RETURN date('2024-01-01') + 1", "RETURN datetime({year: 2024, timezone: 'Europe/Paris'})", "RETURN duration({hours: 10000000000000})"] {
            #expect(throws: QueryError.self, "\(bad)") { try rows(bad) }
        }
    }

    @Test func projectionsKeepTheirMeaning() throws {
        // WITH … WHERE may read a variable the projection drops.
        #expect(try rows("MATCH (p:Person) WITH p.name AS n WHERE p.age > 35 RETURN n") == [["乙"]])
        // A boolean property stays a boolean through WITH.
        #expect(try rows("MATCH (p:Person {name: '甲'}) WITH p.name IS NOT NULL AS b RETURN b") == [["true"]])
        // Beside an aggregate only grouping keys may stand.
        #expect(throws: QueryError.self) { try rows("MATCH (p:Person) RETURN p.age + count(*)") }
        #expect(try rows("MATCH (p:Person) RETURN p.age, p.age + count(*) AS x ORDER BY x") == [["30", "31"], ["40", "41"]])
        #expect(throws: QueryError.self) { try rows("MATCH (p:Person) RETURN DISTINCT p.name ORDER BY p.age") }
        #expect(throws: QueryError.self) { try rows("MATCH (a)-[r]->()-[r]->() RETURN a") }
        #expect(throws: QueryError.self) { try rows("RETURN 1 AS x UNION ALL RETURN 2 AS x UNION RETURN 3 AS x") }
        #expect(throws: QueryError.self) { try rows("WITH 1 AS n MATCH (n) RETURN n") }
        // SKIP and LIMIT take expressions that read no variables, checked when they run.
        #expect(try rows("MATCH (p:Person) RETURN p.name ORDER BY p.name LIMIT toInteger(ceil(0.5))") == [["乙"]])
        #expect(throws: QueryError.self) { try rows("MATCH (p:Person) RETURN p.name LIMIT toInteger(1 - 2)") }
        #expect(throws: QueryError.self) { try rows("MATCH (p:Person) RETURN p.name LIMIT p.age") }
        #expect(throws: QueryError.self) { try rows("RETURN count(rand())") }
    }

    @Test func explainShowsThePlanTheSQLAndSQLitesPlan() throws {
        let r = try QueryFixture.tinyEngine().run("EXPLAIN MATCH (p:Person)-[:leads]->(v) RETURN v.name")
        #expect(r.isExplain)
        let parts = r.rows.map { $0[0].display }
        #expect(parts == ["logical plan", "SQL", "SQLite plan"])
        #expect(r.rows[1][1].display.hasPrefix("SELECT"))
    }
}

@Suite("Hostile queries")
struct HostileQueryTests {
    @Test func deepNestingIsASyntaxErrorNotAStackOverflow() throws {
        let engine = try QueryFixture.tinyEngine()
        for text in [String(repeating: "(", count: 100_000) + "1", "RETURN " + String(repeating: "[", count: 50_000),
                     "RETURN " + String(repeating: "NOT ", count: 10_000) + "true", "RETURN " + String(repeating: "-", count: 10_000) + "1"] {
            do {
                try engine.check(text)
                Issue.record("expected a syntax error")
            } catch let e as QueryError {
                #expect(e.stage == .syntax)
            }
        }
    }

    @Test func oddCharactersAreReportedWithTheirPlace() throws {
        let engine = try QueryFixture.tinyEngine()
        do { try engine.check("MATCH （n） RETURN n") } catch let e as QueryError {
            #expect(e.message == "full-width ‘（’; use ASCII ‘(’")
            #expect(e.column == 7)
        }
        do { try engine.check("RETURN 'unterminated") } catch let e as QueryError { #expect(e.message.contains("unterminated string")) }
        do { try engine.check("RETURN \u{0}") } catch let e as QueryError { #expect(e.message.contains("unexpected character")) }
    }
}
