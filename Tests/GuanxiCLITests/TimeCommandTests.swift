import Foundation
import Testing

/// When facts were reported and by whom: stored, queried, windowed, profiled and
/// exported, on short articles written for the test (dated to the day, to the year,
/// and not at all).
@Suite("Time and source")
struct TimeCommandTests {
    static let articles = [
        "a.txt": "发布时间:2019-03-02 10:00 来源:青山日报\n浙江省台州市路桥区金清镇海峰村党总支书记王建国介绍,村里建成了文化礼堂。",
        "b.txt": "青山日报讯 2021年6月18日 星期五\n浙江省台州市路桥区金清镇海峰村党总支书记李国强说,村里的道路修好了。",
        "c.txt": "日期:2021年\n来源:钱塘晚报\n浙江省台州市路桥区金清镇联盟村党支部书记陈立群说,村里的产业园开工了。",
        "d.txt": "浙江省台州市路桥区金清镇联盟村村委会主任赵一鸣说,村里很忙。",
    ]

    static func store() throws -> (URL, String) {
        let (dir, db) = try NewUserTests.store(articles)
        return (dir, db)
    }

    func rows(_ db: String, _ query: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let r = try CLI.run(["query", "--db", db, "--format", "json"] + extra + [query])
        #expect(r.status == 0, "\(r.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func relationshipsExposeWhenAndHowOftenTheyWereReported() throws {
        let (_, db) = try Self.store()
        let found = try rows(db, "MATCH (p:Person)-[r:leads]->(v) RETURN p.name AS p, r.first_reported AS first, r.last_reported AS last, r.reports AS n ORDER BY p")
        let byName = Dictionary(uniqueKeysWithValues: found.compactMap { row in (row["p"] as? String).map { ($0, row) } })
        #expect(byName["王建国"]?["first"] as? String == "2019-03-02")
        #expect(byName["李国强"]?["last"] as? String == "2021-06-18")
        #expect(byName["陈立群"]?["first"] as? String == "2021", "as precise as the text")
        #expect(byName["赵一鸣"]?["first"] is NSNull, "no date is null, never 1970 or today")
        #expect(byName["王建国"]?["n"] as? Int == 1)
    }

    @Test func asOfAndSinceRestrictEveryPatternWithYearsCoveringTheWholeYear() throws {
        let (_, db) = try Self.store()
        let query = "MATCH (p:Person)-[:leads]->(v) RETURN p.name AS p ORDER BY p"
        func names(_ extra: [String]) throws -> [String] { try rows(db, query, extra).compactMap { $0["p"] as? String } }
        #expect(try names(["--as-of", "2020-12-31"]) == ["王建国"])
        #expect(try names(["--as-of", "2021-03-31"]) == ["王建国", "陈立群"], "a document dated 2021 may have appeared by March")
        #expect(try names(["--since", "2021-06-30"]) == ["陈立群"], "…and after June")
        #expect(try names(["--since", "2021", "--as-of", "2021"]).sorted() == ["李国强", "陈立群"])
        #expect(try names([]).count == 4, "no window: every fact, dated or not")
        let bad = try CLI.run(["query", "--db", db, "--as-of", "06-30", query])
        #expect(bad.status != 0 && bad.stderr.contains("--as-of"))
    }

    @Test func profilesReadAsTimelinesWithSuccessions() throws {
        let (_, db) = try Self.store()
        let r = try CLI.run(["profile", "海峰村", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("党总支书记: 王建国 (2019-03-02) → 李国强 (2021-06-18)"), "\(r.stdout)")
        #expect(r.stdout.contains("published 2019-03-02, 青山日报"))
        let wang = try #require(r.stdout.range(of: "王建国 (Person) leads"))
        let li = try #require(r.stdout.range(of: "李国强 (Person) leads"))
        #expect(wang.lowerBound < li.lowerBound, "facts in time order")
    }

    @Test func graphMLCarriesTheDatesAsDocumentedStrings() throws {
        let (dir, db) = try Self.store()
        let out = dir.appendingPathComponent("g.graphml")
        #expect(try CLI.run(["export", "--db", db, "--graphml", out.path]).status == 0)
        let xml = try String(contentsOf: out, encoding: .utf8)
        #expect(xml.contains("attr.name=\"first_reported\" attr.type=\"string\""))
        #expect(xml.contains("<data key=\"e_first_reported\">2019-03-02</data>"))
        #expect(xml.contains("<data key=\"e_first_reported\">2021</data>"))
    }

    @Test func evaluateScoresDocumentLinesAgainstAReference() throws {
        let dir = try CLI.tempDir()
        let texts = dir.appendingPathComponent("t")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        for (name, text) in Self.articles { try text.write(to: texts.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let reference = dir.appendingPathComponent("docs.jsonl")
        try """
            {"doc": "a", "published": "2019-03-02", "outlet": "青山日报"}
            {"doc": "b", "published": "2021-06-18", "outlet": "青山日报"}
            {"doc": "c", "published": "2021", "outlet": "钱塘晚报"}
            {"doc": "d", "published": null, "outlet": null}
            """.write(to: reference, atomically: true, encoding: .utf8)
        let r = try CLI.run(["evaluate", "--documents", reference.path, texts.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("published  3/3 correct (1.000), 0 invented"), "\(r.stdout)")
        #expect(r.stdout.contains("outlet     3/3 correct (1.000), 0 invented"))
    }
}
