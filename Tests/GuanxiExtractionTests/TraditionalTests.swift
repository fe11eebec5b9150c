import Foundation
import Testing
@testable import GuanxiExtraction
import GuanxiText

/// Articles reprinted in traditional characters give the facts of their simplified twin.
@Suite("Traditional characters")
struct TraditionalTests {
    static let pairs = ["001_aba15242cdde071f", "003_3041a72b7b2f02ba"]

    func facts(_ r: DocumentExtraction) -> Set<String> {
        Set(r.relations.map { "\(Simplifier.simplified(r.entities[$0.subject].name)) -\($0.predicate.rawValue)-> \(Simplifier.simplified(r.entities[$0.object].name)) [\($0.role ?? "")\($0.amount ?? "")]" })
    }

    func entities(_ r: DocumentExtraction) -> Set<String> {
        Set(r.entities.map { "\($0.type.rawValue) \(Simplifier.simplified($0.name))" })
    }

    @Test(arguments: TraditionalTests.pairs)
    func theSameEntitiesAndFactsAsTheSimplifiedTwin(name: String) throws {
        let extractor = try #require(Fixture.extractor)
        let simplified = extractor.extract(try DocumentDecoder.read(path: Fixture.packageRoot.appendingPathComponent("seeds/\(name).txt").path))
        let traditional = extractor.extract(try DocumentDecoder.read(
            path: Fixture.packageRoot.appendingPathComponent("Tests/GuanxiExtractionTests/Fixtures/\(name)_traditional.txt").path))
        #expect(entities(traditional) == entities(simplified))
        #expect(facts(traditional) == facts(simplified))
        #expect(!traditional.relations.isEmpty)
    }

    @Test func namesAndEvidenceStayAsWrittenWithTheSimplifiedFormAsAlias() throws {
        let r = try Fixture.extract("路橋區橫街鎮黨委書記陳國華介紹,該村去年集體經濟收入突破200萬元。")
        let person = try #require(r.entities.first { $0.type == .person })
        #expect(person.name == "陳國華")
        #expect(person.aliases.contains("陈国华"))
        let town = try #require(r.entities.first { $0.type == .town })
        #expect(town.name == "橫街鎮" && town.aliases.contains("横街镇") && town.code == "331004104000")
        for m in person.mentions { #expect(r.text(m) == "陳國華") }
        let fact = try #require(r.relations.first { $0.predicate == .leads })
        #expect(r.text(fact.evidence).contains("陳國華"))
    }
}
