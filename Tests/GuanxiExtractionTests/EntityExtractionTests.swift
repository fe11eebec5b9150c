import Testing
@testable import GuanxiExtraction

/// Each entity type on short sentences written for the test.
@Suite("Entity extraction")
struct EntityExtractionTests {
    @Test func personsFromTitlesSpeechVerbsAndBylines() throws {
        let r = try Fixture.extract("""
            本报记者王小明 李华

            村党总支书记陈国华带队检查。“今年要再加把劲。”张建新介绍,副总经理欧阳明远也到场。市公安局某分局刘卫东同志获表彰。
            """)
        #expect(r.names(.person) == ["王小明", "李华", "陈国华", "张建新", "欧阳明远", "刘卫东"])
    }

    @Test func aTitleWithoutAHolderGivesNoPerson() throws {
        let r = try Fixture.extract("据了解,镇长表示将继续推进。员工安心住在厂区。")
        #expect(r.names(.person).isEmpty)
    }

    @Test func placesTakeTheirTypeAndLeftBoundaryFromTheGazetteer() throws {
        let r = try Fixture.extract("记者来到在峰江街道钟洋村,又去了路桥区横街镇。")
        #expect(r.names(.town) == ["峰江街道", "横街镇"])
        #expect(r.names(.village) == ["钟洋村"])
        #expect(r.names(.district) == ["路桥区"])
        #expect(r.entity("钟洋村")?.code == "331004006290")
    }

    @Test func aPlaceTheGazetteerDoesNotKnowIsStillExtracted() throws {
        let r = try Fixture.extract("在大溪镇新光社区春晖小区,居民反映问题。横街镇永丰村新建了文化礼堂。")
        #expect(r.names(.community).contains("春晖小区"))
        #expect(r.entity("春晖小区")?.code == nil)
    }

    @Test func companiesByRegisteredShapeAndShortForm() throws {
        let r = try Fixture.extract("浙江青山电子科技有限公司今年扩产。青山科技副总经理李明说,订单充足。")
        let company = try #require(r.entity("浙江青山电子科技有限公司"))
        #expect(company.type == .company)
        #expect(company.aliases.contains("青山科技"))
    }

    @Test func organisationsBySuffixAndFromTheKnownNames() throws {
        let r = try Fixture.extract("由温岭市委组织部、区委直属机关工委举办,省委高度重视。")
        #expect(r.names(.organization).isSuperset(of: ["温岭市委组织部", "区委直属机关工委", "省委"]))
    }

    @Test func programmesFromQuotesHeadsAndCues() throws {
        let r = try Fixture.extract("箬横镇深入实施“千村示范”工程,开展“清风行动”,打造“红色驿站”“暖心食堂”等品牌。")
        let programs = r.names(.program)
        #expect(programs.isSuperset(of: ["千村示范工程", "清风行动", "红色驿站"]))
        #expect(r.entity("千村示范")?.name == "千村示范工程")
    }

    @Test func slogansNobodyRunsAreNoProgrammes() throws {
        let r = try Fixture.extract("以“两个先行”打造“重要窗口”,争创“最美风景”。")
        #expect(r.names(.program).isEmpty)
    }

    @Test func projectsBySuffixAndQuotedName() throws {
        let r = try Fixture.extract("位于箬横镇的东海塑料有限公司入驻东浦生态产业园。温州商会投资建设的“瓯江科创智谷”项目开工。")
        #expect(r.names(.project).isSuperset(of: ["东浦生态产业园", "瓯江科创智谷"]))
    }

    @Test func mentionsPointAtTheOriginalText() throws {
        let text = "记者来到路桥区横街镇。\n\n陈国华说,很好。"
        let r = try Fixture.extract(text)
        for e in r.entities {
            for m in e.mentions {
                let written = r.text(m)
                #expect(written == e.name || e.aliases.contains(written), "\(written) is not a form of \(e.name)")
            }
        }
    }
}
