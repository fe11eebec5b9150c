import GuanxiText

/// Finds the entity mentions of one sentence by the rules of a `RuleSet`.
///
/// The passes run in a fixed order, each claiming the spans it names so that later,
/// weaker passes do not name them again: titles, known names, names closed by a
/// suffix (organisations, companies, projects), works built by donors, programmes
/// from quotes, bare place names in a list closed by a level word (甲溪、乙溪等村),
/// persons, then places (gazetteer first, suffix rules last).
///
/// A class: its passes ask helpers at every position of the sentence, and as a struct
/// each such call from a mutating pass copied the whole analyser. One analyser reads
/// every sentence of a document in turn (`load`), so that the rules, the gazetteer
/// (a struct of a dozen arrays, each retained on a copy) and the document's context
/// are taken once a document, and the owner table keeps its memory.
final class SentenceAnalyzer {
    let rules: RuleSet
    let gazetteer: Gazetteer
    let context: DocumentContext

    /// The sentence being read, set by `load`.
    private(set) var text: [Unicode.Scalar] = []
    private(set) var index = 0
    private(set) var kind = SegmentKind.body
    private(set) var candidatePlaces: [PlaceHit] = []

    var places: [PlaceHit] = []
    var titles: [TitleHit] = []
    /// For each scalar, the index of the mention that claims it, or -1.
    var owner: [Int32] = []
    var openOf: [Int: Int] = [:]
    var closeOf: [Int: Int] = [:]
    var mentions: [Mention] = []

    init(rules: RuleSet, gazetteer: Gazetteer, context: DocumentContext) {
        self.rules = rules
        self.gazetteer = gazetteer
        self.context = context
    }

    /// Makes `sentence`, with its gazetteer matches `places`, the one to read, and
    /// forgets everything found in the one before.
    func load(_ sentence: Sentence, places: [PlaceHit]) {
        text = sentence.text
        index = sentence.index
        kind = sentence.kind
        candidatePlaces = places
        // Handed out by `analyze` and read after it: new arrays, not emptied ones.
        self.places = []
        titles = []
        mentions = []
        owner.removeAll(keepingCapacity: true)
        owner.append(contentsOf: repeatElement(-1, count: sentence.text.count))
        openOf.removeAll(keepingCapacity: true)
        closeOf.removeAll(keepingCapacity: true)
    }

    /// Runs every pass over the loaded sentence and returns the mentions found, in
    /// text order.
    func analyze() -> [Mention] {
        findQuotes()
        selectPlaces()
        findTitles()
        findKnownNames()
        findSuffixNames()
        findBuiltWorks()
        findPrograms()
        findListedPlaces()
        findPersons()
        emitGazetteerPlaces()
        findSuffixPlaces()
        // Sorted in place, handed over rather than copied: the analyser is done with them.
        var found: [Mention] = []
        swap(&found, &mentions)
        found.sort { $0.range.lowerBound < $1.range.lowerBound }
        return found
    }

    // MARK: - Shared helpers

    var count: Int { text.count }

    func string(_ range: Range<Int>) -> String {
        String(scalars: text[range].lazy.filter { !Self.isQuoteMark($0) })
    }

    /// True when `string(range)` ends with one of `words`, compared in place: no
    /// string is built for the test.
    func endsWithAny(of words: [String], _ range: Range<Int>) -> Bool {
        words.contains { word in
            var i = range.upperBound
            for s in word.unicodeScalars.reversed() {
                repeat { i -= 1 } while i >= range.lowerBound && Self.isQuoteMark(text[i])
                guard i >= range.lowerBound, text[i] == s else { return false }
            }
            return true
        }
    }

    static func isQuoteMark(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D, 0x300E, 0x300F, 0x300A, 0x300B, 0x22, 0x27: return true
        default: return false
        }
    }

    func isFree(_ range: Range<Int>) -> Bool {
        range.allSatisfy { owner[$0] < 0 }
    }

    @discardableResult
    func add(_ mention: Mention, claim: Bool = true) -> Int {
        mentions.append(mention)
        let id = Int32(mentions.count - 1)
        if claim { for i in mention.range where owner[i] < 0 { owner[i] = id } }
        return Int(id)
    }

    /// True when a boundary word ends exactly at `position`.
    func boundaryEnds(at position: Int) -> Bool {
        var found = false
        rules.boundaryWordsReversed.forEachMatchBackward(in: text, endingAt: position) { length, _ in
            // A one-character boundary word inside a longer word or place is none (云和县, 对口).
            if length > 1 || !insideWord(position - 1) { found = true }
        }
        if found { return true }
        rules.anaphoraReversed.forEachMatchBackward(in: text, endingAt: position) { _, _ in found = true }
        return found
    }

    /// True when a verb of investing ends at `position` and only words of a firm's
    /// business stand between it and the suffix at `suffixStart`: the verb is then the
    /// firm's trade, part of its name (某县国有资产投资管理有限公司, 某某投资集团), not the
    /// clause's verb (某公司投资建设的…).
    func businessFollows(at position: Int, upTo suffixStart: Int) -> Bool {
        guard Self.investmentVerbs.word(endingAt: position, in: text) != nil else { return false }
        var p = position
        while p < suffixStart, let word = Self.businessWords.word(startingAt: p, in: text, limit: suffixStart) { p += word.count }
        return p == suffixStart
    }

    static let investmentVerbs = ["投资"].map { Array($0.unicodeScalars) }
    static let businessWords = ["管理", "发展", "控股", "开发", "建设", "经营", "咨询", "运营", "实业", "集团", "服务", "置业", "担保", "基金"]
        .map { Array($0.unicodeScalars) }

    /// True when the character at `index` belongs to a lexicon word or a place of two
    /// or more characters that also covers a neighbour.
    func insideWord(_ index: Int) -> Bool {
        if places.contains(where: { $0.range.contains(index) && $0.range.count >= 2 }) { return true }
        for start in max(0, index - 3)...index {
            var covers = false
            rules.lexicon.words.forEachMatch(in: text, from: start) { length, _ in
                if length >= 2 && start + length > index { covers = true }
            }
            if covers { return true }
        }
        return false
    }

    /// True when an everyday word (not a proper name) of two to four characters ends
    /// at `end` and starts at or after `earliest` and before `latest`: 举办 or 互联网
    /// before a one-character suffix, 家乡 or 自然村 around a place suffix.
    func everydayWordEnds(at end: Int, startingFrom earliest: Int, before latest: Int) -> Bool {
        for length in 2...4 where end - length >= max(0, earliest) && end - length < latest {
            if let word = rules.lexicon.words.word(text[(end - length)..<end]), !word.isProper { return true }
        }
        return false
    }

    func titleEnds(at position: Int) -> Bool {
        titles.contains { $0.range.upperBound == position }
    }

    func mentionEnds(at position: Int) -> Bool {
        position > 0 && owner[position - 1] >= 0 && (position == count || owner[position] != owner[position - 1])
    }

    /// True when a false-suffix word (`格局`, `村民`) covers any part of `range`.
    func falseSuffixCovers(_ range: Range<Int>) -> Bool {
        var covered = false
        for p in max(0, range.lowerBound - 3)..<range.upperBound {
            rules.falseSuffixes.forEachMatch(in: text, from: p) { length, _ in
                if p + length > range.lowerBound && p < range.upperBound && (p < range.lowerBound || p + length > range.upperBound) {
                    covered = true
                }
            }
            if covered { return true }
        }
        return false
    }

    /// Han, digits, Latin letters (with the tone marks of a romanisation left by a
    /// page, 機關(guān)事務局) and the middle dot.
    func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        ScalarClass.isHan(s) || ScalarClass.isDigit(s) || ScalarClass.isLatin(s) || s == "\u{B7}"
            || (s.value >= 0xC0 && s.value < 0x250 && s.properties.isAlphabetic)
    }

    /// How far left a name closed at `suffixStart` extends: up to a boundary word,
    /// punctuation, a title or another mention, at most `maximumStem` scalars.
    /// Returns nil when the limit is reached with name characters still to the left.
    func leftExtent(from suffixStart: Int, maximumStem: Int, throughQuotes: Bool, stopAtPlaces: Bool = false,
                    stopAt stops: [Bool] = [], forCompany: Bool = false) -> Int? {
        var i = suffixStart
        var depth = 0
        // Characters inside parentheses do not count towards the stem
        // (苏州市老区开发(乡村振兴)促进会), up to a parenthetical of 12.
        var parenthetical = 0
        while i > 0 {
            // A name never runs back over a title and the name after it
            // (全旺镇党委书记甲代表镇|党委): such a stretch is no name at all.
            if (boundaryEnds(at: i) && !(forCompany && businessFollows(at: i, upTo: suffixStart))) || (stopAtPlaces && titleEnds(at: i)) { break }
            // …and starts after a title followed by an everyday word (部长|代表某某县委
            // 统战部).
            if !stopAtPlaces && i < suffixStart - 1 && titleEnds(at: i) && titles.contains(where: { $0.range.upperBound == i && $0.kind == .head }) {
                let word = rules.lexicon.words.longestMatch(in: text, from: i, limit: suffixStart)
                let everyday = word.map { $0.length >= 2 && !$0.word.isNameTagged && !$0.word.isProper } ?? false
                if everyday { break }
                if rules.surnames.longestMatch(in: text, from: i) != nil { return nil }
            }
            if i < suffixStart && i < stops.count && stops[i] { break }
            if i < suffixStart && mentionEnds(at: i) && (stopAtPlaces || !isPlaceMention(owner[i - 1]))
                && mentions[Int(owner[i - 1])].rule != "name.known" { break }
            if stopAtPlaces && i < suffixStart && places.contains(where: { $0.range.upperBound == i }) { break }
            let c = text[i - 1]
            if suffixStart - i - parenthetical >= maximumStem || parenthetical > 12 {
                return isNameScalar(c) && depth == 0 ? nil : closedStart(i, suffixStart)
            }
            if depth > 0 || c == ")" { parenthetical += 1 }
            if c == ")" {
                depth += 1
            } else if c == "(" {
                guard depth > 0 else { break }
                depth -= 1
            } else if throughQuotes && (c == "\u{201D}" || c == "\u{300D}"), let open = openOf[i - 1], i - 1 - open <= 16 {
                // A quoted verb (“牵线”某区工商联) is the clause's, not the name's.
                if rules.lexicon.words.word(text[(open + 1)..<(i - 1)])?.isVerb == true { break }
                i = open
                continue
            } else if !isNameScalar(c) || rules.nameBlockers.contains(c) {
                break
            }
            i -= 1
        }
        return closedStart(i, suffixStart)
    }

    /// `start` moved past any parenthesis left open or closed in `start..<end`: a
    /// name never holds half a parenthetical (gè)中心, 资料图)某某指挥部).
    func closedStart(_ start: Int, _ end: Int) -> Int {
        var i = start
        var depth = 0
        for p in start..<end {
            if text[p] == "(" {
                depth += 1
            } else if text[p] == ")" {
                if depth == 0 { i = p + 1 } else { depth -= 1 }
            }
        }
        if depth > 0, let open = (i..<end).last(where: { text[$0] == "(" }) {
            // An opening parenthesis never closed before the suffix: the name starts after it.
            i = open + 1
        }
        while i < end && (text[i] == ")" || text[i] == "(") { i += 1 }
        return i
    }

    func isPlaceMention(_ id: Int32) -> Bool {
        id >= 0 && Int(id) < mentions.count && mentions[Int(id)].type.isPlace
    }

    // MARK: - Quotes

    func findQuotes() {
        var stack: [(Unicode.Scalar, Int)] = []
        for (i, s) in text.enumerated() {
            switch s {
            case "\u{201C}", "\u{300C}", "\u{300E}", "\u{2018}":
                stack.append((s, i))
            case "\u{201D}", "\u{300D}", "\u{300F}", "\u{2019}":
                let want: Unicode.Scalar = s == "\u{201D}" ? "\u{201C}" : s == "\u{300D}" ? "\u{300C}" : s == "\u{300F}" ? "\u{300E}" : "\u{2018}"
                if let at = stack.lastIndex(where: { $0.0 == want }) {
                    let open = stack[at].1
                    stack.removeSubrange(at...)
                    closeOf[open] = i
                    openOf[i] = open
                }
            default:
                break
            }
        }
    }

    // MARK: - Titles

    /// Titles with their modifiers and unit bodies: `党总支书记`, `常务副部长`.
    func findTitles() {
        var i = 0
        while i < count {
            if mayStartTitle(text[i]), let hit = title(at: i) {
                titles.append(hit)
                i = hit.range.upperBound
            } else {
                i += 1
            }
        }
    }

    /// False when no title starts with `first`: most positions start none, and two
    /// bit tables say so.
    @inline(__always)
    func mayStartTitle(_ first: Unicode.Scalar) -> Bool {
        first == "副" || rules.titles.mayStart(with: first) || rules.titleModifiers.mayStart(with: first)
    }

    /// The title starting at `start`; `findTitles`, its caller, has already asked
    /// `mayStartTitle`.
    func title(at start: Int) -> TitleHit? {
        var p = start
        // Modifiers and unit bodies (常务, 党委, 村委会), any number.
        var progressed = true
        while progressed {
            progressed = false
            if let m = rules.titleModifiers.longestMatch(in: text, from: p),
               rules.titles.longestMatch(in: text, from: p).map({ $0.length < m.length }) ?? true {
                p += m.length
                progressed = true
            }
        }
        var deputy = false
        if p < count && text[p] == "副" {
            deputy = true
            p += 1
        }
        guard let t = rules.titles.longestMatch(in: text, from: p), let kind = t.values.first else { return nil }
        let end = p + t.length
        // A title word that is the start of a longer name suffix is no title (委员 in 委员会).
        for q in p..<end {
            if let suffix = rules.nameSuffixes.longestMatch(in: text, from: q), q + suffix.length > end { return nil }
        }
        // 院士 inside 工程院院士 is a title, but 书记 inside 书记讲 is fine: a title is a word.
        return TitleHit(range: start..<end, kind: deputy ? .member : kind, coreStart: deputy ? p - 1 : p)
    }
}
