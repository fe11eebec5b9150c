import Foundation
import Testing
import GuanxiTestSupport
@testable import GuanxiQuery
import GuanxiStore

/// Where the planner starts a pattern: the answers must not depend on it, and the SQL
/// must show the cheaper start.
@Suite("Planner")
struct PlannerTests {
    /// Two towns, each with villages, each village with a company: places in a
    /// hierarchy, so that walks have somewhere to go in both directions.
    static func engine() throws -> QueryEngine {
        let path = Scratch.path("planner", ".db")
        let store = try GraphStore.open(path: path)
        let district = try store.createNode(labels: ["District"], properties: [("name", .string("某区"))])
        for town in ["甲镇", "乙镇"] {
            let t = try store.createNode(labels: ["Town"], properties: [("name", .string(town))])
            _ = try store.createEdge(t, "belongs_to", district, properties: [])
            for i in 1...3 {
                let v = try store.createNode(labels: ["Village"], properties: [("name", .string("\(town)\(i)村"))])
                _ = try store.createEdge(v, "belongs_to", t, properties: [])
                let c = try store.createNode(labels: ["Company"], properties: [("name", .string("\(town)\(i)公司"))])
                _ = try store.createEdge(c, "belongs_to", v, properties: [])
            }
        }
        return try QueryEngine(store: store)
    }

    static func rows(_ engine: QueryEngine, _ q: String) throws -> [String] {
        try engine.run(q).rows.map { $0.map(\.display).joined(separator: "|") }
    }

    static func sql(_ engine: QueryEngine, _ q: String) throws -> String {
        try engine.run("EXPLAIN " + q).rows[1][1].display
    }

    @Test func aWalkBoundAtItsFarEndRunsBackwardsWithTheSameRows() throws {
        let engine = try Self.engine()
        let fromEnd = "MATCH (x)-[:belongs_to*1..3]->(t:Town {name: '甲镇'}) RETURN x.name ORDER BY x.name"
        let fromStart = "MATCH (t:Town {name: '甲镇'})<-[:belongs_to*1..3]-(x) RETURN x.name ORDER BY x.name"
        let expected = ["甲镇1公司", "甲镇1村", "甲镇2公司", "甲镇2村", "甲镇3公司", "甲镇3村"]
        #expect(try Self.rows(engine, fromEnd) == expected)
        #expect(try Self.rows(engine, fromStart) == expected)
        // The walk is seeded at the town and follows belongs_to from its object back.
        let sql = try Self.sql(engine, fromEnd)
        #expect(sql.contains("JOIN triples t ON t.o = w.node"))
        #expect(!sql.contains("JOIN triples t ON t.s = w.node"))
    }

    @Test func aWalkWhoseRelationshipsAreReadKeepsItsDirection() throws {
        let engine = try Self.engine()
        // The list of relationships is in walking order, so this walk starts at x.
        let q = "MATCH (x:Company)-[r:belongs_to*2]->(t:Town {name: '乙镇'}) RETURN x.name, size(r) ORDER BY x.name"
        #expect(try Self.rows(engine, q) == ["乙镇1公司|2", "乙镇2公司|2", "乙镇3公司|2"])
        #expect(try Self.sql(engine, q).contains("JOIN triples t ON t.s = w.node"))
    }

    @Test func aStartBoundByAnEarlierClauseSeedsTheWalkEvenWhenOptional() throws {
        let engine = try Self.engine()
        let q = """
            MATCH (c:Company) WHERE c.name STARTS WITH '甲镇1'
            OPTIONAL MATCH (c)-[:belongs_to*1..2]->(t:Town)
            RETURN c.name, t.name
            """
        #expect(try Self.rows(engine, q) == ["甲镇1公司|甲镇"])
        // The walk begins at the companies of the first clause, not at every fact.
        #expect(try Self.sql(engine, q).contains("FROM triples WHERE p IN (") && Self.sql(engine, q).contains("AND triples.s IN (SELECT"))
    }

    @Test func aLabelledNodeIsReadFromTheLabelIndex() throws {
        let engine = try Self.engine()
        #expect(try Self.rows(engine, "MATCH (v:Village) RETURN count(*)") == ["6"])
        #expect(try Self.rows(engine, "MATCH (v:Village:Town) RETURN count(*)") == ["0"])
        #expect(try Self.rows(engine, "MATCH (v:Nothing) RETURN count(*)") == ["0"])
        let plan = try engine.run("EXPLAIN MATCH (v:Village) RETURN v.name").rows[2][1].display
        #expect(plan.contains("node_labels_by_label"))
    }

    @Test func profileGivesEachStepItsRowsAndTime() throws {
        let engine = try Self.engine()
        let r = try engine.run("PROFILE MATCH (v:Village) OPTIONAL MATCH (c:Company)-[:belongs_to]->(v) WITH v, count(c) AS n WHERE n > 0 RETURN v.name")
        #expect(r.columns == ["step", "operator", "rows", "ms", "total_ms"])
        let steps = r.rows.map { $0[1].display }
        #expect(steps.count == 5)
        #expect(steps.first?.hasPrefix("Match (v:Village)") == true)
        #expect(steps.last?.hasPrefix("Return") == true)
        // Rows per step: 6 villages, each with its company, grouped, kept, returned.
        #expect(r.rows.map { $0[2].display } == ["6", "6", "6", "6", "6"])
        for row in r.rows {
            guard case .float(let ms) = row[3], case .float(let total) = row[4] else { Issue.record("times are numbers"); continue }
            #expect(ms >= 0 && total >= ms)
        }
        // A union profiles each part, then the union; the last step's rows are the answer's.
        let union = try engine.run("PROFILE MATCH (t:Town) RETURN t.name AS n UNION MATCH (d:District) RETURN d.name AS n")
        #expect(union.rows.map { $0[1].display }.filter { $0.hasPrefix("part ") }.count == 4)
        #expect(union.rows.last?[2].display == "3")
        // PROFILE is a keyword only where a query starts.
        #expect(try Self.rows(engine, "MATCH (profile:District) RETURN profile.name") == ["某区"])
    }

    @Test func aRegularExpressionAppliesToEveryRow() throws {
        let engine = try Self.engine()
        // The pattern is compiled once per statement and must still hold for each row.
        #expect(try Self.rows(engine, "MATCH (n) WHERE n.name =~ '.*[23](村|公司)' RETURN count(*)") == ["8"])
        #expect(throws: (any Error).self) { try engine.run("MATCH (n) WHERE n.name =~ '(' RETURN n") }
    }
}
