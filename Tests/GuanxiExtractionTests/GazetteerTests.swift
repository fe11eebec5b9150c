import Testing
@testable import GuanxiExtraction

@Suite("Gazetteer")
struct GazetteerTests {
    @Test func homonymsAreTiedToTheUnitWhoseParentsTheDocumentNames() throws {
        let r = try Fixture.extract("黄岩区南城街道今年发展很快。山前村党委书记张卫东说,产业兴旺。")
        let village = try #require(r.entity("山前村"))
        #expect(village.code == "331003002217")
        #expect(village.unresolvedCandidates == nil)
    }

    @Test func aHomonymNothingDecidesStaysUnresolvedAndSaysSo() throws {
        let r = try Fixture.extract("山前村今年新建了文化礼堂。")
        let village = try #require(r.entity("山前村"))
        #expect(village.code == nil)
        #expect((village.unresolvedCandidates ?? 0) > 1)
        #expect(JSONLines.lines(for: r).contains { $0.contains("\"name\":\"山前村\"") && $0.contains("\"unresolved\":") })
    }

    @Test func shortFormsNeedTheDocumentToSupportThem() throws {
        let supported = try Fixture.extract("路桥区召开会议。路桥今年发展很快。")
        #expect(supported.entity("路桥")?.name == "路桥区")
        let unsupported = try Fixture.extract("路桥今年发展很快。")
        #expect(unsupported.entity("路桥") == nil)
    }

    @Test func aTownNamesItsDistrictInTheComposite() throws {
        let r = try Fixture.extract("路桥蓬街镇的企业纷纷扩产,路桥区委组织部表示支持。")
        #expect(r.has("蓬街镇", .belongsTo, "路桥区"))
    }

    @Test func unitsCarryTheirLineage() throws {
        let gazetteer = try #require(Fixture.extractor?.gazetteer)
        let unit = try #require(gazetteer.unit(code: "331004106316"))
        #expect(gazetteer.lineage(unit).map { gazetteer.units[Int($0)].shortName } == ["海峰村", "金清镇", "路桥区", "台州市", "浙江省"])
    }
}
