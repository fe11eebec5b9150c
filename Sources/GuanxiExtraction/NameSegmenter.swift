import GuanxiText
import Foundation

/// Finds personal names that stand with no cue beside them (`村民王建国说`,
/// `王建国和李芳`) by segmenting a sentence into the likeliest sequence of
/// ordinary words, unknown characters and names.
///
/// A word costs its log probability in the lexicon; a name costs a prior, its
/// surname's log probability and each given-name character's log probability in its
/// position. A name wins where the characters read better as a name than as words,
/// so 主席江泽民 segments as 主席 + a name, while 高兴 or 周边 stay words. A
/// candidate that is itself an ordinary word is never a name.
struct NameSegmenter {
    let lexicon: Lexicon
    let surnames: ScalarTrie<Bool>
    let stopScalars: Set<Unicode.Scalar>

    /// Costs, natural log × 100.
    static let namePrior: Int32 = Self.tune("NP", -550)
    static let unknownCharacter: Int32 = Self.tune("UNK", -1200)
    static let unseenGivenCharacter: Int32 = Self.tune("UG", -1000)
    static let rareSurnamePenalty: Int32 = Self.tune("RS", -200)
    static let foreignPrior: Int32 = Self.tune("FP", -1400)
    static let listBonus: Int32 = Self.tune("LIST", 300)
    static let leftContextBonus: Int32 = Self.tune("LB", 300)
    static let rightContextBonus: Int32 = Self.tune("RB", 300)
    static func tune(_ k: String, _ d: Int32) -> Int32 { ProcessInfo.processInfo.environment["GX_" + k].flatMap { Int32($0) } ?? d }

    /// A name found: a Chinese name, or a run of transliteration characters that
    /// may be a foreign person or a foreign place (`foreign`), which only a cue decides.
    struct Found {
        var range: Range<Int>
        var foreign: Bool
    }

    /// The names in `text`. `blocked` positions (claimed by earlier rules, or not
    /// text) are never part of a name; `strongWords` are spans that read as words
    /// (places the document supports) whatever the lexicon says.
    /// `suffixAt` tells where a place or name suffix starts (村, 公司): a name never
    /// ends right before one (杨舍镇, 张堡村 are places).
    func names(in text: [Unicode.Scalar], blocked: (Int) -> Bool, strongWords: [Range<Int>] = [],
               suffixAt: (Int) -> Bool = { _ in false }) -> [Found] {
        let n = text.count
        guard n >= 2, !lexicon.isEmpty else { return [] }
        let minusInfinity = Int32.min / 4
        // Two states per position: the token ending there is a Chinese name (1) or
        // anything else (0). A name right after a name costs less: names are listed
        // with no separator (委员:李鹏乔石李瑞环…).
        var best = [Int32](repeating: minusInfinity, count: 2 * (n + 1))
        var from = [Int32](repeating: -1, count: 2 * (n + 1))
        var kind = [UInt8](repeating: 0, count: 2 * (n + 1))   // 0 word, 1 name, 2 transliteration
        best[0] = 0
        var free = [Bool](repeating: false, count: n)
        for i in 0..<n { free[i] = ScalarClass.isHan(text[i]) && !blocked(i) }
        var strongAt: [Int: [Int]] = [:]
        for r in strongWords where r.lowerBound >= 0 && r.upperBound <= n { strongAt[r.lowerBound, default: []].append(r.count) }

        /// `from` holds the start position times two plus the state there.
        @inline(__always) func relax(_ to: Int, _ value: Int32, _ start: Int, _ startState: Int, _ k: UInt8) {
            let slot = 2 * to + (k == 1 ? 1 : 0)
            if value > best[slot] {
                best[slot] = value
                from[slot] = Int32(2 * start + startState)
                kind[slot] = k
            }
        }

        for i in 0..<n {
            for state in 0...1 {
                let b = best[2 * i + state]
                guard b > minusInfinity else { continue }
                guard free[i] else {
                    relax(i + 1, b, i, state, 0)
                    continue
                }
                relax(i + 1, b + Self.unknownCharacter, i, state, 0)
                lexicon.words.forEachMatch(in: text, from: i) { length, values in
                    guard let w = values.first, !w.isNameTagged, (i..<(i + length)).allSatisfy({ free[$0] }) else { return }
                    relax(i + length, b + w.logProbability, i, state, 0)
                }
                if let lengths = strongAt[i] {
                    for length in lengths { relax(i + length, b - 500, i, state, 0) }
                }
                // Names: a surname, then one or two given-name characters.
                surnames.forEachMatch(in: text, from: i) { surnameLength, common in
                    guard let surnameScore = surnameScore(text, i, surnameLength) else { return }
                    var base = b + Self.namePrior + surnameScore
                    if !(common.first ?? false) { base += Self.rareSurnamePenalty }
                    if state == 1 {
                        base += Self.listBonus
                    } else if !open(text, before: i, free) {
                        base -= Self.leftContextBonus
                    }
                    let g = i + surnameLength
                    guard g < n, givenAllowed(text, g, free) else { return }
                    if !isWord(text, i..<(g + 1)) && !(g + 1 < n && suffixAt(g + 1)) {
                        relax(g + 1, base + given(text[g], \.single) + close(text, at: g + 1, free), i, state, 1)
                    }
                    if g + 1 < n, givenAllowed(text, g + 1, free), !isWord(text, i..<(g + 2)), !(g + 2 < n && suffixAt(g + 2)) {
                        relax(g + 2, base + given(text[g], \.first) + given(text[g + 1], \.second) + close(text, at: g + 2, free), i, state, 1)
                    }
                }
                // Transliterations: three or more characters of transliteration, a person
                // or a place; they compete with Chinese names (莫斯科 is not 莫 + 斯科).
                var value = b + Self.foreignPrior
                var j = i
                while j < n && j - i < 8 && free[j], let s = lexicon.scores(text[j]), s.foreign != Lexicon.CharacterScores.unknown {
                    value += Int32(s.foreign)
                    j += 1
                    if j - i >= 3 && !isWord(text, i..<j) { relax(j, value, i, state, 2) }
                }
            }
        }
        var found: [Found] = []
        var slot = best[2 * n + 1] > best[2 * n] ? 2 * n + 1 : 2 * n
        while slot > 1 {
            let origin = Int(from[slot])
            guard origin >= 0 else { break }
            let end = slot / 2
            let start = origin / 2
            if kind[slot] != 0 { found.append(Found(range: start..<end, foreign: kind[slot] == 2)) }
            slot = origin
        }
        return found.reversed()
    }

    /// Whether a name may open at `i` without a cost: the sentence starts there, or
    /// punctuation, a claimed span (a title, a mention) or a joining word ends there.
    func open(_ text: [Unicode.Scalar], before i: Int, _ free: [Bool]) -> Bool {
        i == 0 || !free[i - 1] || Self.joiners.contains(text[i - 1])
    }

    /// The cost of a name closing at `end`: nothing before punctuation, a claimed span
    /// or a character that ends names (说, 和, 等); a penalty elsewhere.
    func close(_ text: [Unicode.Scalar], at end: Int, _ free: [Bool]) -> Int32 {
        end == text.count || !free[end] || stopScalars.contains(text[end]) ? 0 : -Self.rightContextBonus
    }

    static let joiners: Set<Unicode.Scalar> = ["和", "与", "及", "同", "跟", "把", "被", "让", "给", "对", "向", "由", "请", "是", "为"]

    func surnameScore(_ text: [Unicode.Scalar], _ i: Int, _ length: Int) -> Int32? {
        if length == 1 {
            guard let s = lexicon.scores(text[i]), s.surname != Lexicon.CharacterScores.unknown else { return nil }
            return Int32(s.surname)
        }
        var key = String.UnicodeScalarView()
        key.append(contentsOf: text[i..<(i + length)])
        return lexicon.compoundSurnames[String(key)].map(Int32.init)
    }

    func givenAllowed(_ text: [Unicode.Scalar], _ p: Int, _ free: [Bool]) -> Bool {
        free[p] && !stopScalars.contains(text[p])
    }

    /// The log probability of `c` in the given-name position `slot`, backing off to
    /// the character's other positions, then to a floor.
    func given(_ c: Unicode.Scalar, _ slot: KeyPath<Lexicon.CharacterScores, Int16>) -> Int32 {
        guard let s = lexicon.scores(c) else { return Self.unseenGivenCharacter }
        let own = s[keyPath: slot]
        if own != Lexicon.CharacterScores.unknown { return Int32(own) }
        let other = max(s.single, s.first, s.second)
        return other != Lexicon.CharacterScores.unknown ? Int32(other) - 100 : Self.unseenGivenCharacter
    }

    func isWord(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var found = false
        lexicon.words.forEachMatch(in: text, from: range.lowerBound, limit: range.upperBound) { length, _ in
            if length == range.count { found = true }
        }
        return found
    }
}
