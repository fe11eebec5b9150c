import Foundation
import Testing
@testable import GuanxiExtraction
import GuanxiText

/// Publication dates and outlets read from short articles written for the test, in
/// every form the issue names, and articles that state none.
@Suite("Document metadata")
struct DocumentMetadataTests {
    func meta(_ text: String) throws -> DocumentMetadata { try Fixture.extract(text).metadata }

    @Test func aTimestampAndASourceLine() throws {
        let m = try meta("2021年02月05日08:28  来源:钱塘日报\n青山村村民王建国说,今年收成好。")
        #expect(m.published?.description == "2021-02-05")
        #expect(m.outlet == "钱塘日报")
        #expect(m.publishedEvidence.map { $0.count } == "2021年02月05日08:28".unicodeScalars.count)
    }

    @Test func aDatelineWithoutAYearStaysWithoutOne() throws {
        let m = try meta("钱塘在线6月21日讯 青山村举行了议事会。")
        #expect(m.published?.description == "--06-21")
        #expect(m.outlet == "钱塘在线")
    }

    @Test func aLabelledDateOfAnyPrecision() throws {
        #expect(try meta("发布时间:2019-06-21\n青山村举行了议事会。").published?.description == "2019-06-21")
        #expect(try meta("日期:2021年6月\n青山村举行了议事会。").published?.description == "2021-06")
        #expect(try meta("时间:2020年\n青山村举行了议事会。").published?.description == "2020")
        #expect(try meta("青山日报 2024-1-19 08:56\n青山村举行了议事会。").published?.description == "2024-01-19")
        #expect(try meta("2023年5月6日 星期六\n青山村举行了议事会。").published?.description == "2023-05-06")
    }

    @Test func aBarePaperNamesNoOutletAndStoryDatesAreNotPublicationDates() throws {
        let m = try meta("本报讯 2020年6月,青山镇成立了乡贤理事会。2021年,理事会出资10万元设立了青山村共富基金。")
        #expect(m.published == nil, "a date inside the story is no publication date")
        #expect(m.outlet == nil, "a bare 本报 names no outlet")
    }

    @Test func aCitedSourceIsNotTheOutlet() throws {
        #expect(try meta("青山村举行了议事会。据钱塘电视台报道,会议通过了新规。").outlet == nil)
        #expect(try meta("青山村举行了议事会。(钱塘电视台记者 林小雨 报道)").outlet == "钱塘电视台")
    }

    @Test func anArticleWithNoDateAtAll() throws {
        let m = try meta("青山村党支部书记王建国介绍,村里建成了文化礼堂。")
        #expect(m.published == nil && m.outlet == nil)
    }

    @Test func bylinesBreadcrumbsAndWireDatelines() throws {
        #expect(try meta("钱塘传媒记者林小雨 青山村举行了议事会。").outlet == "钱塘传媒")
        #expect(try meta("钱塘日报讯 青山村举行了议事会。").outlet == "钱塘日报")
        #expect(try meta("某某首页 > 钱塘房产 > 正文\n青山村举行了议事会。").outlet == "钱塘房产")
        let wire = try meta("发布时间:2024-11-26 03:13:56\n   钱塘新闻网 丽水2月5日电(林小雨) 青山村举行了议事会。")
        #expect(wire.outlet == "钱塘新闻网")
        #expect(wire.published?.description == "2024-11-26", "a timestamp outranks the dateline")
    }

    @Test func theOutletIsAnOrganizationEntity() throws {
        let r = try Fixture.extract("来源:钱塘社会帮扶网\n青山村举行了议事会。")
        #expect(r.entities.contains { $0.type == .organization && $0.name == "钱塘社会帮扶网" })
    }

    @Test func factsCarryTheDateTheirSentenceGives() throws {
        let r = try Fixture.extract("2020年6月,青山镇白沙村党支部书记王建国带领村民建成了文化礼堂。")
        let fact = try #require(r.relations.first { $0.predicate == .leads })
        #expect(fact.date?.description == "2020-06")
        #expect(r.metadata.published == nil)
        #expect(JSONLines.lines(for: r).first?.hasPrefix("{\"kind\":\"document\",\"doc\":\"t.txt\",\"published\":null,\"outlet\":null") == true)
    }

    // MARK: Dates

    @Test func theScannerReadsEveryWrittenForm() {
        func dates(_ s: String) -> [String] { DateScanner.dates(in: Array(s.unicodeScalars)).map(\.date.description) }
        #expect(dates("2021年02月05日") == ["2021-02-05"])
        #expect(dates("2021年6月") == ["2021-06"])
        #expect(dates("2020年,") == ["2020"])
        #expect(dates("6月21日讯") == ["--06-21"])
        #expect(dates("2024-1-19 08:56") == ["2024-01-19"])
        #expect(dates("2021/2/5") == ["2021-02-05"])
        #expect(dates("２０２１年２月５日") == ["2021-02-05"])
        #expect(dates("2021-13-01, 2021年2月30日, 12345年") == [], "impossible dates are none")
        let hit = DateScanner.dates(in: Array("2021年04月30日 星期五 08:28".unicodeScalars)).first
        #expect(hit?.hasWeekday == true && hit?.hasTime == true)
    }

    @Test func partialDatesCoverTheirDays() throws {
        let year = try #require(PartialDate(iso: "2021"))
        #expect(year.firstDay == "2021-01-01" && year.lastDay == "2021-12-31")
        let february = try #require(PartialDate(iso: "2024-02"))
        #expect(february.lastDay == "2024-02-29")
        #expect(PartialDate(iso: "--06-21")?.firstDay == nil, "no year, no days")
        #expect(PartialDate(iso: "2021-02-30") == nil)
        for s in ["2021-02-05", "2021-02", "2021", "--06-21"] { #expect(PartialDate(iso: s)?.description == s) }
    }
}
