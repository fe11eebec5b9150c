import Foundation
import Testing
@testable import GuanxiText

@Suite("Simplifier")
struct SimplifierTests {
    @Test func traditionalCharactersBecomeSimplifiedOnesAndOthersStay() {
        #expect(Simplifier.simplified("國家發展") == "国家发展")
        #expect(Simplifier.simplified("村民委員會") == "村民委员会")
        // Already simplified, Latin, digits and punctuation are left alone.
        #expect(Simplifier.simplified("乡村振兴 ABC 123,。") == "乡村振兴 ABC 123,。")
    }

    /// Every entry of the shipped table is read, in the dense part (U+3400…U+9FFF)
    /// and beyond it, and nothing else maps.
    @Test func theWholeTableIsRead() throws {
        let url = try #require(Bundle.module.url(forResource: "TraditionalToSimplified", withExtension: "txt"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [(Unicode.Scalar, Unicode.Scalar)] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map { Array($0.unicodeScalars) }
            if fields.count == 2, fields[0].count == 1, fields[1].count == 1 { entries.append((fields[0][0], fields[1][0])) }
        }
        #expect(entries.count > 4_000)
        #expect(entries.contains { $0.0.value >= 0xA000 })
        for (traditional, simplified) in entries {
            #expect(Simplifier.simplified(traditional) == simplified, "\(traditional)")
        }
        let mapped = Set(entries.map(\.0))
        for v in 0x4E00..<0x4F00 {
            guard let s = Unicode.Scalar(v), !mapped.contains(s) else { continue }
            #expect(Simplifier.simplified(s) == s)
        }
    }

    /// A line simplified at once (the segmenter's way) is the same as scalar by scalar,
    /// with the preparation applied first.
    @Test func aWholeLineIsSimplifiedAsItsScalarsAre() {
        let line = Array("國家發展 ＡＢＣ 村民委員會".unicodeScalars)
        let folded = Simplifier.simplified(line[...], prepare: ScalarClass.normalized)
        #expect(folded == line.map { Simplifier.simplified(ScalarClass.normalized($0)) })
        #expect(String(String.UnicodeScalarView(folded)) == "国家发展 ABC 村民委员会")
        #expect(Simplifier.simplified(line) == line.map { Simplifier.simplified($0) })
    }
}

@Suite("Byte prefixes and suffixes")
struct BytePrefixTests {
    @Test func prefixesAndSuffixesAreComparedByTheirBytes() {
        #expect("村民委员会".hasBytePrefix("村民"))
        #expect("村民委员会".hasByteSuffix("委员会"))
        #expect("村民委员会".hasBytePrefix(""))
        #expect("村民委员会".hasByteSuffix("村民委员会"))
        #expect(!"村民委员会".hasBytePrefix("委员会"))
        #expect(!"村民委员会".hasByteSuffix("村民"))
        // Longer than the string, and a first character sharing its lead byte.
        #expect(!"村".hasBytePrefix("村民"))
        #expect(!"村民".hasByteSuffix("农村民"))
        #expect(!"杭州".hasBytePrefix("村"))
        #expect("person.title".hasBytePrefix("person"))
        #expect(!"person".hasBytePrefix("person.title"))
    }

    /// A name built from a sentence's scalars (as the analyser builds names) answers as a
    /// literal does.
    @Test func stringsBuiltFromScalarsAnswerAlike() {
        let built = String(scalars: Array("社区服务中心".unicodeScalars))
        #expect(built.hasBytePrefix("社区"))
        #expect(built.hasByteSuffix("服务中心"))
        #expect(!built.hasByteSuffix("社区"))
    }
}
