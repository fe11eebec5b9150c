import GuanxiText

/// Finds personal names that stand with no cue beside them (`村民王建国说`,
/// `王建国和李芳`) by segmenting a sentence into the likeliest sequence of
/// ordinary words, unknown characters and names.
///
/// A word costs its log probability in the lexicon; a name costs a prior, its
/// surname's log probability and each given-name character's log probability in its
/// position. A name wins where the characters read better as a name than as words,
/// so 主席江泽民 segments as 主席 + a name, while 高兴 or 周边 stay words. A
/// candidate that is itself an ordinary word is never a name. Two states per
/// position (the last token is a Chinese name or not) let a name right after a name
/// cost less: names are listed with no separator (委员:甲乙丙…, each a name). A class, so
/// that the closures of its inner loop capture one reference, not its tables.
final class NameSegmenter: Sendable {
    let lexicon: Lexicon
    let surnames: ScalarTrie<Bool>
    let stopScalars: ScalarSet
    /// Stop characters that are common in given names too (长, 全): allowed in a
    /// name, where the model weighs them like any other character (a cost for them
    /// measured no better on news sentences or the development set).
    let softStopScalars: ScalarSet

    /// For each CJK character (U+3400…U+9FFF), whether a common surname starts with it.
    let startsCommonSurname: [Bool]

    init(lexicon: Lexicon, surnames: ScalarTrie<Bool>, commonSurnames: [String], stopScalars: ScalarSet, softStopScalars: ScalarSet = []) {
        self.lexicon = lexicon
        self.surnames = surnames
        self.stopScalars = stopScalars
        self.softStopScalars = softStopScalars
        var starts = [Bool](repeating: false, count: Int(Lexicon.tableEnd - Lexicon.tableBase))
        for name in commonSurnames {
            if let first = name.unicodeScalars.first, first.value >= Lexicon.tableBase, first.value < Lexicon.tableEnd {
                starts[Int(first.value - Lexicon.tableBase)] = true
            }
        }
        startsCommonSurname = starts
    }

    /// Costs and bonuses, natural log × 100.
    static let namePrior: Int32 = -420
    static let unknownCharacter: Int32 = -1200
    static let unseenGivenCharacter: Int32 = -1000
    static let foreignPrior: Int32 = -1400
    static let strongWord: Int32 = -500
    static let listBonus: Int32 = 300
    static let leftContextPenalty: Int32 = 300
    static let rightContextPenalty: Int32 = 300
    static let foreignCueBonus: Int32 = 800

    /// Where cues place a name: starts (a title ends there) and ends (a verb of
    /// saying or a title starts there).
    struct Cues {
        var starts: [Int] = []
        var ends: [Int] = []
    }

    /// A name found: a Chinese name, or a run of transliteration characters that
    /// may be a foreign person or a foreign place (`foreign`), which only a cue decides.
    struct Found {
        var range: Range<Int>
        var foreign: Bool
    }

    /// Words for people that a name often follows (村民王建国), and phrases that
    /// introduce one (45岁的, 名叫): they open a name without a cost, and unlike
    /// titles they relate the person to no unit. Each of two characters.
    static let personWords = ["村民", "居民", "市民", "农民", "党员", "群众", "老人", "师傅", "乡贤", "游客", "岁的", "名叫"]

    /// The person words packed two scalars to a key, compared in one step each.
    static let personWordKeys: [UInt64] = personWords.map { $0.unicodeScalars.reduce(0) { $0 << 32 | UInt64($1.value) } }

    /// Characters that open a name without a cost when they stand before it.
    static let joiners: ScalarSet = ["和", "与", "及", "同", "跟", "把", "被", "让", "给", "对", "向", "由", "请", "是", "为"]

    /// The names in `text`. `blocked` positions (claimed by earlier rules, or not
    /// text) are never part of a name; `strongWords` are spans that read as words
    /// (places the document supports) whatever the lexicon says; `suffixAt` tells
    /// where a place or name suffix starts (村, 公司): a name never ends right before
    /// one (杨舍镇, 张堡村 are places).
    /// `cues` say where a name would stand beside a cue: names start where a title
    /// ends and end where a verb of saying starts. The model also reads around them,
    /// so that a transliteration (约翰逊) is found with no common surname near it,
    /// and a transliteration right there costs less.
    func names(in text: [Unicode.Scalar], blocked: (Int) -> Bool, strongWords: [Range<Int>] = [], cues: Cues = Cues(),
               suffixAt: (Int) -> Bool = { _ in false }) -> [Found] {
        let n = text.count
        guard n >= 2, !lexicon.isEmpty else { return [] }
        // Scratch space for the sentence on the stack: this runs once a sentence, and
        // three heap arrays a sentence were a measurable part of extraction.
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n) { free in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { strongLength in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { cueAt in
                withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: n) { windowSpace in
                    // The model runs only around common surnames: a rare one (高, 文, 海) starts a
                    // name only beside a cue, which the rules before this one read. At most
                    // one window opens at each position.
                    var windows = WindowList(space: windowSpace)
                    for i in 0..<n { free[i] = ScalarClass.isHan(text[i]) && !blocked(i) }
                    var cueIndex = 0
                    let sortedCues = (cues.starts + cues.ends.map { max(0, $0 - Self.windowBefore) }).sorted()
                    for i in 0..<n where free[i] {
                        var atCue = false
                        while cueIndex < sortedCues.count && sortedCues[cueIndex] <= i {
                            atCue = atCue || sortedCues[cueIndex] == i
                            cueIndex += 1
                        }
                        let v = text[i].value
                        guard atCue || (v >= Lexicon.tableBase && v < Lexicon.tableEnd && startsCommonSurname[Int(v - Lexicon.tableBase)]) else { continue }
                        let window = max(0, i - Self.windowBefore)..<min(n, i + Self.windowAfter)
                        if let last = windows.last, last.upperBound >= window.lowerBound {
                            windows.replaceLast(with: last.lowerBound..<window.upperBound)
                        } else {
                            windows.append(window)
                        }
                    }
                    guard !windows.isEmpty else { return [] }
                    strongLength.initialize(repeating: 0)
                    for r in strongWords where r.lowerBound >= 0 && r.upperBound <= n {
                        strongLength[r.lowerBound] = max(strongLength[r.lowerBound], Int32(r.count))
                    }
                    cueAt.initialize(repeating: 0)
                    for p in cues.starts where p >= 0 && p <= n { cueAt[p] |= 1 }
                    for p in cues.ends where p >= 0 && p <= n { cueAt[p] |= 2 }
                    let scratch = Scratch(free: UnsafeBufferPointer(free), strongLength: UnsafeBufferPointer(strongLength),
                                          cueAt: UnsafeBufferPointer(cueAt))
                    var found: [Found] = []
                    for window in windows.all {
                        let names = segment(text, window, scratch, suffixAt: suffixAt)
                        if found.isEmpty { found = names } else { found += names }
                    }
                    return found
                }
                }
            }
        }
    }

    /// The windows of one sentence, in space on the stack.
    struct WindowList {
        let space: UnsafeMutableBufferPointer<Range<Int>>
        var count = 0

        var isEmpty: Bool { count == 0 }
        var last: Range<Int>? { count > 0 ? space[count - 1] : nil }
        var all: UnsafeMutableBufferPointer<Range<Int>>.SubSequence { space[0..<count] }

        mutating func append(_ window: Range<Int>) {
            space[count] = window
            count += 1
        }

        mutating func replaceLast(with window: Range<Int>) { space[count - 1] = window }
    }

    /// What `names` works out once a sentence for every window: which positions may
    /// be part of a name, the strong words starting at each position and the cues.
    struct Scratch {
        var free: UnsafeBufferPointer<Bool>
        var strongLength: UnsafeBufferPointer<Int32>
        var cueAt: UnsafeBufferPointer<UInt8>
    }

    /// Characters of context the model reads before and after a surname.
    static let windowBefore = 4
    static let windowAfter = 8

    /// The names of the likeliest segmentation of `text[window]`.
    func segment(_ text: [Unicode.Scalar], _ window: Range<Int>, _ scratch: Scratch, suffixAt: (Int) -> Bool) -> [Found] {
        let slots = 2 * (window.count + 1)
        // best[2 * p + state]: the best score of a segmentation of text[..<p] whose last
        // token is a Chinese name (state 1) or anything else (0); from: the slot it came
        // from; kind: 0 word, 1 name, 2 transliteration. On the stack, like the scratch.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots) { best in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots) { from in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slots) { kind in
                    segment(text, window, scratch, suffixAt: suffixAt, best: best, from: from, kind: kind)
                }
            }
        }
    }

    func segment(_ text: [Unicode.Scalar], _ window: Range<Int>, _ scratch: Scratch, suffixAt: (Int) -> Bool,
                 best: UnsafeMutableBufferPointer<Int32>, from: UnsafeMutableBufferPointer<Int32>,
                 kind: UnsafeMutableBufferPointer<UInt8>) -> [Found] {
        let n = text.count
        let lo = window.lowerBound, hi = window.upperBound
        let minusInfinity = Int32.min / 4
        let free = scratch.free, strongLength = scratch.strongLength, cueAt = scratch.cueAt
        best.initialize(repeating: minusInfinity)
        from.initialize(repeating: -1)
        kind.initialize(repeating: 0)
        best[0] = 0

        // Slots are local to the window: 2 * (p - lo) + state.
        @inline(__always) func relax(_ to: Int, _ value: Int32, _ origin: Int, _ k: UInt8) {
            let slot = 2 * (to - lo) + (k == 1 ? 1 : 0)
            if value > best[slot] {
                best[slot] = value
                from[slot] = Int32(origin)
                kind[slot] = k
            }
        }

        for i in lo..<hi {
            let b0 = best[2 * (i - lo)], b1 = best[2 * (i - lo) + 1]
            guard b0 > minusInfinity || b1 > minusInfinity else { continue }
            // Edges that do not depend on the state start from the better one.
            let (b, origin) = b1 > b0 ? (b1, 2 * (i - lo) + 1) : (b0, 2 * (i - lo))
            guard free[i] else {
                relax(i + 1, b, origin, 0)
                continue
            }
            relax(i + 1, b + Self.unknownCharacter, origin, 0)
            lexicon.words.forEachMatch(in: text, from: i, limit: hi) { length, w in
                guard !w.isNameTagged else { return }
                for p in i..<(i + length) where !free[p] { return }
                relax(i + length, b + w.logProbability, origin, 0)
            }
            let strong = Int(strongLength[i])
            if strong > 0 && i + strong <= hi { relax(i + strong, b + Self.strongWord, origin, 0) }
            // Names: a surname, then one or two given-name characters.
            surnames.forEachMatch(in: text, from: i, limit: hi) { surnameLength, common in
                guard let surnameScore = lexicon.surnameScore(text, i, surnameLength) else { return }
                let opens = i == 0 || !free[i - 1] || Self.joiners.contains(text[i - 1])
                    || (i >= 2 && Self.personWordKeys.contains(UInt64(text[i - 2].value) << 32 | UInt64(text[i - 1].value)))
                let fromWord = b0 + (opens ? 0 : -Self.leftContextPenalty)
                let fromName = b1 + Self.listBonus
                let (start, startSlot) = fromName > fromWord ? (fromName, 2 * (i - lo) + 1) : (fromWord, 2 * (i - lo))
                guard start > minusInfinity / 2, common.first ?? false else { return }
                let base = start + Self.namePrior + surnameScore
                let g = i + surnameLength
                guard g < hi, givenAllowed(text, g, free) else { return }
                // A surname and 氏 is a family or a style (胡氏, 胡氏始迁祖, 某氏宗祠): in the
                // county news this reads, far more often than a name written with 氏 (阮氏梅).
                guard text[g] != "氏" else { return }
                if !isWordNotName(text, i..<(g + 1), inList: fromName > fromWord) && !(g + 1 < n && suffixAt(g + 1)) {
                    relax(g + 1, base + given(text[g], 0) + close(text, at: g + 1, free), startSlot, 1)
                }
                if g + 1 < hi, givenAllowed(text, g + 1, free), !lexicon.words.containsOrdinaryWord(text[i..<(g + 2)]), !(g + 2 < n && suffixAt(g + 2)) {
                    relax(g + 2, base + given(text[g], 1) + given(text[g + 1], 2) + close(text, at: g + 2, free), startSlot, 1)
                }
            }
            // Transliterations: three or more characters of transliteration, a person
            // or a place; they compete with Chinese names (莫斯科 is not 莫 + 斯科).
            var value = b + Self.foreignPrior
            var j = i
            let cuedStart = cueAt[i] & 1 != 0
            while j < hi && j - i < 8 && free[j], let s = lexicon.scores(text[j]), s.foreign != Lexicon.CharacterScores.unknown {
                value += Int32(s.foreign)
                j += 1
                // A transliteration never ends on a stop character (库克和, 哈佛来).
                if j - i >= 3 && !stopScalars.contains(text[j - 1]) && !lexicon.words.containsOrdinaryWord(text[i..<j]) {
                    let cued = cuedStart || cueAt[j] & 2 != 0
                    relax(j, value + (cued ? Self.foreignCueBonus : 0), origin, 2)
                }
            }
        }
        var found: [Found] = []
        let last = 2 * (hi - lo)
        var slot = best[last + 1] > best[last] ? last + 1 : last
        while slot > 1 {
            let origin = Int(from[slot])
            guard origin >= 0 else { break }
            if kind[slot] != 0 { found.append(Found(range: (lo + origin / 2)..<(lo + slot / 2), foreign: kind[slot] == 2)) }
            slot = origin
        }
        found.reverse()
        return found
    }

    /// True when `text[range]` is a word that is no name here: an everyday word, or a
    /// word jieba tags as a name (a famous name, but also 周密, 朱砂) unless it follows another
    /// name in a list.
    func isWordNotName(_ text: [Unicode.Scalar], _ range: Range<Int>, inList: Bool) -> Bool {
        guard let word = lexicon.words.word(text[range]) else { return false }
        guard word.isNameTagged else { return true }
        return !inList
    }

    @inline(__always)
    func givenAllowed(_ text: [Unicode.Scalar], _ p: Int, _ free: UnsafeBufferPointer<Bool>) -> Bool {
        free[p] && (!stopScalars.contains(text[p]) || softStopScalars.contains(text[p]))
    }

    /// The cost of a name closing at `end`: nothing before punctuation, a claimed span
    /// or a character that ends names (说, 和, 等); a penalty elsewhere.
    @inline(__always)
    func close(_ text: [Unicode.Scalar], at end: Int, _ free: UnsafeBufferPointer<Bool>) -> Int32 {
        end == text.count || !free[end] || stopScalars.contains(text[end]) ? 0 : -Self.rightContextPenalty
    }

    /// The log probability of `c` in the given-name position `slot` (0 a one-character
    /// given name, 1 and 2 the characters of a two-character one), backing off to the
    /// character's other positions, then to a floor.
    @inline(__always)
    func given(_ c: Unicode.Scalar, _ slot: Int) -> Int32 {
        guard let s = lexicon.scores(c) else { return Self.unseenGivenCharacter }
        let own = slot == 0 ? s.single : slot == 1 ? s.first : s.second
        if own != Lexicon.CharacterScores.unknown { return Int32(own) }
        let other = max(s.single, s.first, s.second)
        return other != Lexicon.CharacterScores.unknown ? Int32(other) - 100 : Self.unseenGivenCharacter
    }
}
