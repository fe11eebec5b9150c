import Foundation
import Testing
@testable import GuanxiText

@Suite("Segmenter")
struct SegmenterTests {
    func segments(_ text: String) -> [Segment] {
        Segmenter().segment(SourceText(name: "t.txt", text: text))
    }

    func sentences(_ text: String) -> [String] {
        segments(text).flatMap(\.sentences).map(\.string)
    }

    @Test func joinsASentenceBrokenAcrossABlankLine() {
        let text = "镇干部带着工作专班走访辖区内各家企业,面对面宣传相关惠企\n\n政策,切实帮助解决企业生产经营中遇到的用工难等问题。"
        let s = sentences(text)
        #expect(s.count == 1)
        #expect(s[0].contains("惠企政策"))
    }

    @Test func joinedSentencesMapEveryScalarBackToTheFile() {
        let text = "镇干部带着工作专班走访辖区内各家企业,面对面宣传相关惠企\n\n政策,切实帮助解决问题。"
        let source = SourceText(name: "t.txt", text: text)
        let sentence = Segmenter().segment(source).flatMap(\.sentences)[0]
        for (i, offset) in sentence.offsets.enumerated() {
            #expect(source.scalars[offset] == sentence.text[i])
        }
        let range = sentence.originalRange(26..<30)
        #expect(source.text(range) == "惠企\n\n政策")
    }

    @Test func aShortHeadingIsNotGluedToTheParagraphBeforeIt() {
        let text = "今年以来,全区同时开展行动,明确社区大党委成员单位全体干部到小区报到的职责分工和工作\n\n探索产业联盟 赋能企业融合发展\n\n今年,一个项目落地。"
        let segs = segments(text)
        #expect(segs.count == 3)
        #expect(segs[1].kind == .heading)
    }

    @Test func aParagraphPrintedTwiceIsReadOnce() {
        let p = "共同富裕之路怎么走?路桥把主战场放在了乡村,大力推动村集体经济壮大。"
        let s = sentences(p + "\n\n" + p + "\n\n另一段话在这里结束。")
        #expect(s.filter { $0.hasPrefix("共同富裕之路怎么走?") }.count == 1)
        #expect(s.count == 3)
    }

    @Test func bylinesAndCaptionsAreSegmentsOfTheirOwn() {
        let text = "党建引领聚合力\n\n台州传媒记者王小明文 区委组织部供图\n\n2022年,全区工作取得新成效。\n\n\n\n干部在一线了解情况。\n\n\n\n正文继续,这里是很长的一段说明文字,讲述了全区各级党组织一年来在基层治理、产业发展和民生服务方面所做的大量工作。"
        let segs = segments(text)
        #expect(segs.map(\.kind) == [.headline, .byline, .body, .caption, .body])
    }

    @Test func splitsOnSentenceEndsAndKeepsClosingQuotes() {
        let s = sentences("“我们要当好推动者。”他说,“一起努力!”大家都很振奋;会议结束?是的。")
        #expect(s == ["“我们要当好推动者。”", "他说,“一起努力!”", "大家都很振奋;", "会议结束?", "是的。"])
    }

    @Test func fullWidthFormsAreUnifiedForMatching() {
        let s = sentences("企业（集团）ＡＢＣ１２３，完成。")
        #expect(s == ["企业(集团)ABC123,完成。"])
        #expect(ScalarClass.normalized("\u{3000}") == " ")
    }
}

/// The repairs on the seed articles themselves (skipped when the seeds are absent).
@Suite("Segmenter on the seeds")
struct SeedSegmenterTests {
    static var seeds: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent("seeds").path
        return FileManager.default.fileExists(atPath: dir) ? dir : nil
    }

    func sentences(_ name: String) throws -> [String] {
        guard let dir = Self.seeds else { return [] }
        let source = try DocumentDecoder.read(path: dir + "/" + name)
        return Segmenter().segment(source).flatMap(\.sentences).map(\.string)
    }

    @Test func seed000JoinsTheBrokenPolicySentence() throws {
        let s = try sentences("000_dbcc054ced6f2533.txt")
        try #require(!s.isEmpty, "seeds/ is missing")
        #expect(s.contains { $0.contains("惠企政策") })
    }

    @Test func seed001JoinsVersionTwoAndReadsTheRepeatedParagraphOnce() throws {
        let s = try sentences("001_aba15242cdde071f.txt")
        try #require(!s.isEmpty, "seeds/ is missing")
        #expect(s.contains { $0.contains("2.0版") })
        #expect(s.filter { $0 == "共同富裕之路怎么走?" }.count == 1)
    }
}

@Suite("Segmenter limits")
struct SegmenterLimitTests {
    @Test func aSentenceWithoutAFullStopIsCutAtItsCommas() {
        let clause = "镇党委书记陈国华带队走访,"
        let text = String(repeating: clause, count: 500) + "完。"
        let sentences = Segmenter().segment(SourceText(name: "t.txt", text: text)).flatMap(\.sentences)
        #expect(sentences.allSatisfy { $0.text.count <= 400 })
        #expect(sentences.map(\.text.count).reduce(0, +) == text.unicodeScalars.count)
        #expect(sentences.dropLast().allSatisfy { $0.text.last == "," })
    }
}
