import Foundation
import Testing

/// `guanxi profile` on a store built from the seeds.
@Suite("guanxi profile")
struct ProfileCommandTests {
    static func seedStore() throws -> String {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("seeds.db").path
        let r = try CLI.run(["build", "seeds", "--db", db])
        guard r.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return db
    }

    @Test func aPersonsProfileListsEachRoleWithItsEvidence() throws {
        let db = try Self.seedStore()
        let r = try CLI.run(["profile", "丁瑞峰", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Roles held"))
        #expect(r.stdout.contains("member_of 黄岩区委组织部 (Organization)  role: 副部长"))
        #expect(r.stdout.contains("member_of 区委直属机关工委 (Organization)  role: 常务副书记"))
        #expect(r.stdout.contains("黄岩区委组织部副部长、区委直属机关工委常务副书记丁瑞峰说"))
        #expect(r.stdout.contains("003_3041a72b7b2f02ba.txt:"))
    }

    @Test func aTownsProfileListsItsVillagesAndItsPlace() throws {
        let db = try Self.seedStore()
        let r = try CLI.run(["profile", "金清镇", "--db", db])
        #expect(r.status == 0)
        #expect(r.stdout.contains("place:    浙江省 › 台州市 › 路桥区 › 金清镇"))
        let contains = r.stdout.components(separatedBy: "Contains").last ?? ""
        for village in ["海峰村", "上塘村"] { #expect(contains.contains("\(village) (Village) belongs_to")) }
    }

    @Test func aVillageShowsItsWholeHierarchyFromTheGazetteer() throws {
        let db = try Self.seedStore()
        let r = try CLI.run(["profile", "海峰村", "--db", db])
        #expect(r.stdout.contains("浙江省 › 台州市 › 路桥区 › 金清镇 › 海峰村"))
        #expect(r.stdout.contains("gazetteer:331004106316"))
    }

    @Test func anAmbiguousNameGivesTheCandidatesAndANonZeroExit() throws {
        let db = try Self.seedStore()
        let r = try CLI.run(["profile", "葛星星", "--db", db])
        #expect(r.status != 0)
        #expect(r.stderr.contains("names 2 entities; pick one with --pick N"))
        #expect(r.stderr.contains("1  #"))
        let picked = try CLI.run(["profile", "葛星星", "--pick", "1", "--db", db])
        #expect(picked.status == 0)
        #expect(picked.stdout.hasPrefix("葛星星"))
    }

    @Test func anUnknownNameSuggestsTheClosest() throws {
        let db = try Self.seedStore()
        let r = try CLI.run(["profile", "海锋村", "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("did you mean ‘海峰村’"))
    }

    @Test func jsonCarriesTheSameFactsAsText() throws {
        let db = try Self.seedStore()
        let text = try CLI.run(["profile", "林荣富", "--db", db])
        let json = try CLI.run(["profile", "林荣富", "--db", db, "--format", "json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let facts = try #require(obj["facts"] as? [[String: Any]])
        #expect(!facts.isEmpty)
        for f in facts {
            let other = try #require(f["other"] as? [String: Any])
            let name = try #require(other["name"] as? String)
            #expect(text.stdout.contains(name))
            for s in (f["sources"] as? [[String: Any]]) ?? [] {
                if let sentence = s["sentence"] as? String {
                    #expect(text.stdout.replacingOccurrences(of: "\n      ", with: "").contains(sentence))
                }
            }
        }
        let markdown = try CLI.run(["profile", "林荣富", "--db", db, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# 林荣富"))
    }

    @Test func svgDrawsTheNeighbourhoodOrSaysWhatIsMissing() throws {
        let db = try Self.seedStore()
        let out = try CLI.tempDir().appendingPathComponent("n.svg").path
        let r = try CLI.run(["profile", "金清镇", "--db", db, "--svg", out])
        if r.stderr.contains("--svg needs Graphviz") {
            #expect(r.status == 1)
            return
        }
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("海峰村"))
    }
}
