import Testing
@testable import GuanxiExtraction

/// Each relation family on short sentences written for the test, negatives included.
@Suite("Relation extraction")
struct RelationExtractionTests {
    @Test func aChainOfTitlesIsOneFactWithTheRolesJoined() throws {
        let r = try Fixture.extract("温岭市箬横镇东浦村党总支书记、村委会主任陈国华介绍,收入突破200万元。")
        #expect(r.facts(.leads).map { "\($0.0)|\($0.1)|\($0.2 ?? "")" } == ["陈国华|东浦村|党总支书记、村委会主任"])
    }

    @Test func theUnitCanStandBeforeTheTitleOrInAnEarlierClause() throws {
        let r = try Fixture.extract("杭州青山电子科技有限公司总经理李明说,订单充足。")
        #expect(r.has("李明", .leads, "杭州青山电子科技有限公司"))
    }

    @Test func deputyAndOtherTitlesMakeMembersNotHeads() throws {
        let r = try Fixture.extract("箬横镇党委副书记林海带队走访。黄岩区委组织部副部长、区委直属机关工委常务副书记丁一峰说。")
        #expect(r.has("林海", .memberOf, "箬横镇"))
        #expect(!r.has("林海", .leads, "箬横镇"))
        #expect(r.facts(.memberOf).filter { $0.0 == "丁一峰" }.map(\.1).sorted() == ["区委直属机关工委", "黄岩区委组织部"])
    }

    @Test func aTitleWithNoNamedHolderGivesNoFact() throws {
        let r = try Fixture.extract("箬横镇副镇长带着工作专班走访企业。")
        #expect(r.relations.filter { $0.predicate == .leads || $0.predicate == .memberOf }.isEmpty)
    }

    @Test func anaphoraResolveToTheNearestCompatibleUnit() throws {
        let r = try Fixture.extract("在箬横镇东浦村,村民忙着收割。该村党支部书记王建国说,今年丰收。")
        #expect(r.has("王建国", .leads, "东浦村"))
    }

    @Test func belongsToFromCompositeNamesAndLocationPhrases() throws {
        let r = try Fixture.extract("在大溪镇新光社区春晖小区,居民反映问题。位于箬横镇的东海塑料有限公司扩产。金清镇党委书记所在的金清镇综合市场建设项目开工。")
        #expect(r.has("新光社区", .belongsTo, "大溪镇"))
        #expect(r.has("春晖小区", .belongsTo, "新光社区"))
        #expect(r.has("东海塑料有限公司", .belongsTo, "箬横镇"))
    }

    @Test func fundsCarryTheAmountAsWrittenAndInYuan() throws {
        let r = try Fixture.extract("由温州商会投资1.2亿元设立的“瓯江科创智谷”项目开工。")
        let fact = try #require(r.relations.first { $0.predicate == .funds })
        #expect(r.entities[fact.subject].name == "温州商会")
        #expect(r.entities[fact.object].name == "瓯江科创智谷")
        #expect(fact.amount == "1.2亿元")
        #expect(fact.amountYuan == 120_000_000)
    }

    @Test func everyFactHasProvenanceInTheOriginalFile() throws {
        let r = try Fixture.extract("温岭市箬横镇东浦村党总支书记陈国华说。")
        #expect(!r.relations.isEmpty)
        for fact in r.relations {
            #expect(!fact.evidence.rule.isEmpty)
            let evidence = r.text(fact.evidence)
            #expect(evidence.contains(r.entities[fact.subject].name) || r.entities[fact.subject].aliases.contains { evidence.contains($0) })
        }
    }
}

@Suite("Amounts")
struct AmountParserTests {
    @Test(arguments: [
        ("51亿元", 5_100_000_000.0, "元"), ("3000多万元", 30_000_000, "元"), ("1.4万余", 14_000, ""),
        ("六十四万元", 640_000, "元"), ("17万元", 170_000, "元"), ("4000多万元", 40_000_000, "元"),
        ("10亩", 10, "亩"), ("14多亩", 14, "亩"), ("一百零五元", 105, "元"), ("两千三百万元", 23_000_000, "元"),
        ("约50亩", 50, "亩"), ("十二万", 120_000, ""),
    ])
    func amounts(text: String, value: Double, unit: String) throws {
        let a = try #require(AmountParser.parse(text), "\(text) did not parse")
        #expect(a.value == value)
        #expect(a.unit == unit)
        #expect(a.text == text)
    }

    @Test func onlyMoneyHasAYuanValue() throws {
        #expect(AmountParser.parse("10亩")?.yuan == nil)
        #expect(AmountParser.parse("51亿元")?.yuan == 5_100_000_000)
        #expect(AmountParser.parse("元") == nil)
    }
}
