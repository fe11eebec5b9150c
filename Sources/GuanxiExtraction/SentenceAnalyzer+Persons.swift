import GuanxiText

extension SentenceAnalyzer {
    /// Persons: after a title (`党总支书记沈心国`), before a verb of saying
    /// (`林荣富介绍`), before an honorific (`柯伟力同志`), in a byline list
    /// (`唐笑笑 吴芝颖`), or alone on a credit line.
    mutating func findPersons() {
        // After titles, and the names listed after them in bylines.
        for title in titles {
            var p = title.range.upperBound
            if p < count && (text[p] == " " || text[p] == "\u{201D}") { p += 1 }
            let weak = rules.weakTitles.contains(Array(text[title.coreStart..<title.range.upperBound]))
            guard let length = nameLength(at: p, commonSurnameOnly: weak), isFree(p..<(p + length)) else { continue }
            addPerson(p..<(p + length), rule: "person.title")
            var q = p + length
            while q + 1 < count && text[q] == " ", let next = nameLength(at: q + 1),
                  q + 1 + next == count || text[q + 1 + next] == " " {
                addPerson((q + 1)..<(q + 1 + next), rule: "person.byline")
                q = q + 1 + next
            }
        }
        // Before verbs of saying and honorifics.
        var speechVerbStarts: [Int] = []
        for v in 1..<max(1, count) {
            let speech = rules.speechVerbs.longestMatch(in: text, from: v) != nil
            if speech { speechVerbStarts.append(v) }
            let honorific = Self.honorifics.contains { word in
                v + word.count <= count && text[v..<(v + word.count)].elementsEqual(word)
            }
            guard speech || honorific else { continue }
            for length in [4, 3, 2] where v - length >= 0 {
                let start = v - length
                guard nameLength(at: start, exact: length) == length, isFree(start..<v), openingBoundary(at: start) else { continue }
                addPerson(start..<v, rule: speech ? "person.speech" : "person.honorific")
                break
            }
        }
        // Names with no cue: where the sentence reads better with a name than with words.
        let strong = places.map(\.range)
        let suffixAt: (Int) -> Bool = { p in
            rules.placeSuffixes.longestMatch(in: text, from: p) != nil || rules.nameSuffixes.longestMatch(in: text, from: p) != nil
        }
        // Where a name may stand beside a cue: after a title, four characters before a
        // verb of saying (a transliteration has no common surname to start the model).
        // Only where a transliteration could start or end: a common surname opens
        // the model's window anyway.
        let cues = NameSegmenter.Cues(
            starts: titles.map(\.range.upperBound).filter { $0 < count && isTransliterationCharacter($0) },
            ends: (speechVerbStarts + titles.map(\.range.lowerBound)).filter { $0 > 0 && isTransliterationCharacter($0 - 1) })
        for found in rules.nameSegmenter.names(in: text, blocked: { owner[$0] >= 0 }, strongWords: strong, cues: cues, suffixAt: suffixAt)
        where isFree(found.range) && !insideLongerQuote(found.range) {
            if found.foreign {
                // A transliteration is a person only beside a cue: a title before or
                // after it, a verb of saying or an honorific after it.
                let end = found.range.upperBound
                guard titleEnds(at: found.range.lowerBound) || rules.speechVerbs.longestMatch(in: text, from: end) != nil
                    || titles.contains(where: { $0.range.lowerBound == end })
                    || Self.honorifics.contains(where: { end + $0.count <= count && text[end..<(end + $0.count)].elementsEqual($0) })
                else { continue }
                addPerson(found.range, rule: "person.model.foreign")
            } else {
                addPerson(found.range, rule: "person.model")
            }
        }
        // A credit line that is only a name.
        if kind != .body && count >= 2 && count <= 4, nameLength(at: 0, exact: count) == count, isFree(0..<count) {
            addPerson(0..<count, rule: "person.credit")
        }
        joinDottedNames()
        findListedPersons()
    }

    /// Characters that close an item of a list of names (…、李芳等, …、李芳和…).
    static let listItemEnds: ScalarSet = ["、", "，", ",", "。", "；", "等", "和", "与", "及", "（", "(", " "]

    /// A list of names shares its kind: an item between two list marks (`、`) that
    /// reads as a name (a surname and one or two given-name characters, no everyday
    /// word) is a person when an item next to it is one (甲、乙、丙等).
    mutating func findListedPersons() {
        var items: [Range<Int>] = []
        var p = 0
        while p < count {
            guard text[p] == "、" else { p += 1; continue }
            // The item after this mark…
            var end = p + 1
            while end < count && ScalarClass.isHan(text[end]) && !Self.listItemEnds.contains(text[end]) && end - p <= 5 { end += 1 }
            if end > p + 1 && (end == count || Self.listItemEnds.contains(text[end]) || !ScalarClass.isHan(text[end])) { items.append((p + 1)..<end) }
            // …and the one before it, when a list mark or a boundary opens it.
            var start = p
            while start > 0 && ScalarClass.isHan(text[start - 1]) && !Self.listItemEnds.contains(text[start - 1]) && p - start < 4 { start -= 1 }
            if start < p && (start == 0 || text[start - 1] == "、" || !ScalarClass.isHan(text[start - 1])) { items.append(start..<p) }
            p += 1
        }
        guard !items.isEmpty else { return }
        var changed = true
        while changed {
            changed = false
            for item in items where item.count >= 2 && item.count <= 3 && isFree(item) {
                let neighbourIsPerson = mentions.contains { m in
                    m.type == .person && (m.range.upperBound + 1 == item.lowerBound || item.upperBound + 1 == m.range.lowerBound)
                        && (m.range.upperBound < count && text[m.range.upperBound] == "、" || item.upperBound < count && text[item.upperBound] == "、")
                }
                guard neighbourIsPerson, nameLength(at: item.lowerBound, exact: item.count) == item.count,
                      !rules.lexicon.words.containsOrdinaryWord(text[item]) else { continue }
                let before = mentions.count
                addPerson(item, rule: "person.list")
                if mentions.count > before { changed = true }
            }
        }
    }

    /// The separators of a foreign or minority name's parts (柯林·钱德勒).
    static func isNameDot(_ s: Unicode.Scalar) -> Bool {
        s == "\u{B7}" || s == "\u{2022}" || s == "\u{2027}" || s == "\u{30FB}" || s == "\u{FF0E}"
    }

    /// A person's name written in parts with a dot between them is one name: two
    /// persons found on either side join, and a person's name reads on across a dot
    /// through a run of transliteration characters (保罗·肖莫德).
    mutating func joinDottedNames() {
        var changed = false
        var k = 0
        while k < mentions.count {
            let m = mentions[k]
            guard m.type == .person else { k += 1; continue }
            var end = m.range.upperBound
            while end + 1 < count && Self.isNameDot(text[end]) {
                let next = end + 1
                if let other = mentions.firstIndex(where: { $0.type == .person && $0.range.lowerBound == next }) {
                    end = mentions[other].range.upperBound
                    mentions.remove(at: other)
                    if other < k { k -= 1 }
                } else {
                    let run = transliterationRun(from: next)
                    guard run >= 2, isFree(next..<(next + run)) else { break }
                    end = next + run
                }
            }
            var start = m.range.lowerBound
            while start >= 3 && Self.isNameDot(text[start - 1]) {
                let run = transliterationRunBackward(endingAt: start - 1)
                guard run >= 2, isFree((start - 1 - run)..<(start - 1)) else { break }
                start = start - 1 - run
            }
            if start != m.range.lowerBound || end != m.range.upperBound {
                mentions[k].range = start..<end
                mentions[k].name = string(start..<end)
                changed = true
            }
            k += 1
        }
        if changed { reindexOwners() }
        // Parts of transliteration joined by dots, none of them an everyday word
        // (玛哈·哇集拉隆功): a dot joins parts of a person's name, not of a place's.
        var p = 1
        while p + 2 < count {
            guard Self.isNameDot(text[p]), owner[p - 1] < 0 else { p += 1; continue }
            let first = transliterationRunBackward(endingAt: p)
            var parts = [(p - first)..<p]
            var q = p
            while q + 2 < count && Self.isNameDot(text[q]) {
                let run = transliterationRun(from: q + 1)
                guard run >= 1 else { break }
                parts.append((q + 1)..<(q + 1 + run))
                q = q + 1 + run
            }
            let range = (p - first)..<q
            if parts.count >= 2, first >= 1, parts.allSatisfy({ !$0.isEmpty && !rules.lexicon.words.containsOrdinaryWord(text[$0]) }),
               range.count >= 5, isFree(range), !insideLongerQuote(range) {
                add(Mention(type: .person, sentence: index, range: range, name: string(range), rule: "person.dotted"))
            }
            p = max(q, p + 1)
        }
    }

    /// The length of the run of transliteration characters from `start` (at most eight).
    func transliterationRun(from start: Int) -> Int {
        var p = start
        while p < count && p - start < 8 && isTransliterationCharacter(p) { p += 1 }
        return p - start
    }

    /// True when the character at `p` is free and common in transliterated names,
    /// and no stop character (的 in …肯尼迪的…).
    func isTransliterationCharacter(_ p: Int) -> Bool {
        guard ScalarClass.isHan(text[p]), owner[p] < 0, let s = rules.lexicon.scores(text[p]),
              s.foreign != Lexicon.CharacterScores.unknown, s.foreign >= Self.transliterationFloor else { return false }
        return !rules.nameStopScalars.contains(text[p]) || rules.nameSoftStopScalars.contains(text[p])
    }

    /// Log probability (× 100) under which a character is too rare in transliterated
    /// names to extend one.
    static let transliterationFloor: Int16 = -1000

    /// The length of the run of transliteration characters that ends at `end`.
    func transliterationRunBackward(endingAt end: Int) -> Int {
        var p = end
        while p > 0 && end - p < 8 && isTransliterationCharacter(p - 1) { p -= 1 }
        return end - p
    }

    /// True when a name may take the soft stop character at `position` (长 in 李长春,
    /// 全 in 张全景) as given-name character number `given` + 1: the name then ends
    /// (after it, or after one more character that is no stop) and its given name is
    /// no common word (全面 in 张全面部署).
    func readsOn(through position: Int, given: Int) -> Bool {
        if given == 1 {
            return endsName(at: position + 1) && !isCommonWord(position - 1..<position + 1)
        }
        let next = position + 1
        guard next < count, ScalarClass.isHan(text[next]), owner[next] < 0, !rules.nameStopScalars.contains(text[next]) else { return false }
        return endsName(at: next + 1) && !isCommonWord(position..<next + 1)
    }

    /// True when a name may end before `position`: the sentence, a claimed span or a
    /// character that is no Han character ends there, or a stop character, a verb of
    /// saying or a title starts there.
    func endsName(at position: Int) -> Bool {
        guard position < count, ScalarClass.isHan(text[position]), owner[position] < 0 else { return true }
        return rules.nameStopScalars.contains(text[position]) || rules.speechVerbs.longestMatch(in: text, from: position) != nil
            || titles.contains { $0.range.lowerBound == position }
    }

    func isCommonWord(_ range: Range<Int>) -> Bool {
        guard let word = rules.lexicon.words.word(text[range]) else { return false }
        return !word.isNameTagged && word.logProbability > Self.commonWordThreshold
    }

    /// True when a common everyday verb or function word of two or more characters
    /// starts at `position` (报道 in 记者龚雯报道; not 华表 in 陈国华表示).
    func startsWord(at position: Int) -> Bool {
        var found = false
        rules.lexicon.words.forEachMatch(in: text, from: position) { length, word in
            if length >= 2 && (word.isVerb || word.opensNoName) && word.logProbability > Self.commonWordThreshold { found = true }
        }
        return found
    }

    /// Log probability (× 100) above which a word is common enough to end a name before it.
    static let commonWordThreshold: Int32 = -1200

    /// True when `range` lies inside a quotation that holds more than it (“共富田园”).
    func insideLongerQuote(_ range: Range<Int>) -> Bool {
        closeOf.contains { open, close in open < range.lowerBound && close >= range.upperBound && close - open - 1 > range.count }
    }

    static let awardMarks: ScalarSet = ["奖", "杯"]

    static let honorifics: [[Unicode.Scalar]] = ["同志", "总书记"].map { Array($0.unicodeScalars) }

    mutating func addPerson(_ range: Range<Int>, rule: String) {
        let name = string(range)
        guard !rules.notEntities.contains(name), !rules.lexicon.worldPlaces.contains(name) else { return }
        // An award or a cup is named after people, places and things (金桥奖).
        if Self.awardMarks.contains(text[range.upperBound - 1])
            || (range.upperBound < count && Self.awardMarks.contains(text[range.upperBound])) { return }
        // An everyday word (文章, 强调) is no name, whatever cue stands beside it.
        if rule != "person.title" && rules.lexicon.words.containsOrdinaryWord(text[range]) { return }
        add(Mention(type: .person, sentence: index, range: range, name: name, rule: rule))
    }

    /// True when a name may start at `start`: the sentence starts there, or
    /// punctuation, a space, a title, a mention or a boundary word ends there.
    func openingBoundary(at start: Int) -> Bool {
        if start == 0 { return true }
        let c = text[start - 1]
        if !ScalarClass.isHan(c) && !ScalarClass.isLatin(c) && !ScalarClass.isDigit(c) { return true }
        return titleEnds(at: start) || mentionEnds(at: start) || boundaryEnds(at: start)
    }

    /// The length of a personal name starting at `start`: a surname (compound first)
    /// and a given name of one or two characters that are not stop characters.
    /// With `exact`, only a name of exactly that length is accepted.
    func nameLength(at start: Int, exact: Int? = nil, commonSurnameOnly: Bool = false) -> Int? {
        guard start < count, ScalarClass.isHan(text[start]) else { return nil }
        // A place or organisation starting here is not a person (主任黄岩区…).
        if owner[start] >= 0 || places.contains(where: { $0.range.lowerBound == start }) { return nil }
        var best: Int?
        rules.surnames.forEachMatch(in: text, from: start) { surnameLength, common in
            if commonSurnameOnly && !(common.first ?? false) { return }
            var given = 0
            var p = start + surnameLength
            while given < 2 && p < count && ScalarClass.isHan(text[p]) && owner[p] < 0 {
                if rules.nameStopScalars.contains(text[p]) {
                    guard rules.nameSoftStopScalars.contains(text[p]), readsOn(through: p, given: given) else { break }
                }
                given += 1
                p += 1
            }
            // A second given character that starts a common verb with what follows
            // (记者龚雯报道: 报道) is not part of the name.
            if exact == nil && given == 2 && startsWord(at: start + surnameLength + 1) { given = 1 }
            if let exact {
                let want = exact - surnameLength
                if want >= 1 && want <= given { best = exact }
            } else if given >= 1 {
                best = max(best ?? 0, surnameLength + given)
            }
        }
        return best
    }
}
