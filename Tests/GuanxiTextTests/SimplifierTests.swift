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
}
