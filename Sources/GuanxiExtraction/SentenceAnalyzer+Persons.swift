import GuanxiText

extension SentenceAnalyzer {
    /// Persons: after a title (`党总支书记沈心国`), before a verb of saying
    /// (`林荣富介绍`), before an honorific (`柯伟力同志`), in a byline list
    /// (`唐笑笑 吴芝颖`), or alone on a credit line.
    func findPersons() {
        // After titles, and the names listed after them in bylines.
        for title in titles {
            var p = title.range.upperBound
            // A credit line's colon (作者:某某, 作者 : 某某) stands between title and name.
            // The name then stands alone, before a space or the line's end (not
            // 记者:谈北大,… where the colon opens an interview's question).
            var colon = p
            var credit = false
            while colon < count && text[colon] == " " { colon += 1 }
            if colon < count && text[colon] == ":" && rules.newsroomTitles.contains(Array(text[title.coreStart..<title.range.upperBound])) {
                p = colon + 1
                while p < count && text[p] == " " { p += 1 }
                credit = true
            } else if p < count && (text[p] == " " || text[p] == "\u{201D}") {
                p += 1
            }
            let weak = rules.weakTitles.contains(Array(text[title.coreStart..<title.range.upperBound]))
            guard let length = nameLength(at: p, commonSurnameOnly: weak), isFree(p..<(p + length)) else { continue }
            if credit && p + length < count && !(text[p + length] == " " || text[p + length] == "]" || text[p + length] == "\n") { continue }
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
            let honorific = Self.honorificStarts.contains(text[v]) && Self.honorifics.word(startingAt: v, in: text) != nil
            guard speech || honorific else { continue }
            // 地 right before a verb of saying makes an adverb of what precedes it
            // (高兴地说, 郑重地表示): no name ends there.
            if speech && text[v - 1] == "地" { continue }
            for length in [4, 3, 2] where v - length >= 0 {
                let start = v - length
                guard nameLength(at: start, exact: length) == length, isFree(start..<v), openingBoundary(at: start) else { continue }
                addPerson(start..<v, rule: speech ? "person.speech" : "person.honorific")
                break
            }
        }
        // Names with no cue: where the sentence reads better with a name than with words.
        let strong = places.map(\.range)
        // Where a name may stand beside a cue: right after a title, right before a verb
        // of saying or a title (a transliteration has no common surname to open the
        // model's window), and only where a transliteration character stands.
        let cues = NameSegmenter.Cues(
            starts: titles.map(\.range.upperBound).filter { $0 < count && isTransliterationCharacter($0) },
            ends: (speechVerbStarts + titles.map(\.range.lowerBound)).filter { $0 > 0 && isTransliterationCharacter($0 - 1) })
        // The closures capture what they read, not a copy of the whole analyser, and
        // are written in the call: a closure kept in a variable is boxed on the heap.
        let names = rules.nameSegmenter.names(
            in: text, blocked: { [owner] in owner[$0] >= 0 }, strongWords: strong, cues: cues,
            suffixAt: { [rules, text] p in
                rules.placeSuffixes.longestMatch(in: text, from: p) != nil || rules.nameSuffixes.longestMatch(in: text, from: p) != nil
            })
        for found in names where isFree(found.range) && !insideLongerQuote(found.range) {
            if found.foreign {
                // A transliteration is a person only beside a cue: a title before or
                // after it, a verb of saying or an honorific after it.
                let end = found.range.upperBound
                guard titleEnds(at: found.range.lowerBound) || rules.speechVerbs.longestMatch(in: text, from: end) != nil
                    || titles.contains(where: { $0.range.lowerBound == end })
                    || Self.honorifics.word(startingAt: end, in: text) != nil
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

    /// True when a name may take the soft stop character at `position` (长 in 李长根,
    /// 全 in 张全福) as given-name character number `given` + 1: the name then ends
    /// (after it, or after one more character that is no stop) and its given name is
    /// no common word (全面 in 张全面部署).
    func readsOn(through position: Int, given: Int) -> Bool {
        if given == 1 {
            return endsName(at: position + 1) && !blocksGivenName(position - 1..<position + 1)
        }
        let next = position + 1
        guard next < count, ScalarClass.isHan(text[next]), owner[next] < 0, !rules.nameStopScalars.contains(text[next]) else { return false }
        return endsName(at: next + 1) && !blocksGivenName(position..<next + 1)
    }

    /// True when the two characters of `range` are a common word that cannot be a given
    /// name there: any common word before more text (全面 in 张全面部署), and before
    /// punctuation one that is not a plain noun (和平 in 副市长李和平, is a name).
    func blocksGivenName(_ range: Range<Int>) -> Bool {
        guard isCommonWord(range), let word = rules.lexicon.words.word(text[range]) else { return false }
        let closed = range.upperBound == count || !ScalarClass.isHan(text[range.upperBound])
        return !closed || word.isVerb || word.opensNoName || word.isAdjective || word.isTimeOrNumeral
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
            let threshold = word.isVerb && length == 2 ? Self.commonVerbThreshold : Self.commonWordThreshold
            if length >= 2 && (word.isVerb || word.opensNoName) && word.logProbability > threshold { found = true }
        }
        return found
    }

    /// Log probability (× 100) above which a word is common enough to end a name before it.
    static let commonWordThreshold: Int32 = -1200
    /// The same for two-character verbs, which end a name more often than other words
    /// (负责人某兵|商讨).
    static let commonVerbThreshold: Int32 = -1300

    /// True when `range` lies inside a quotation that holds more than it (“共富田园”).
    func insideLongerQuote(_ range: Range<Int>) -> Bool {
        closeOf.contains { open, close in open < range.lowerBound && close >= range.upperBound && close - open - 1 > range.count }
    }

    static let awardMarks: ScalarSet = ["奖", "杯"]

    static let honorifics: [[Unicode.Scalar]] = ["同志", "总书记", "先生", "女士", "教授"].map { Array($0.unicodeScalars) }
    /// The first characters of the honorifics, to pass most positions by at once.
    static let honorificStarts = ScalarSet(honorifics.compactMap(\.first))

    func addPerson(_ range: Range<Int>, rule: String) {
        let name = string(range)
        guard !range.isEmpty, !rules.notEntities.contains(name), !rules.lexicon.worldPlaces.contains(name) else { return }
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
            // A surname and one character that spell a common everyday word (班子 in
            // 村领导班子, 金额) are that word.
            if given == 1 && (exact == nil || exact == surnameLength + 1) && isCommonWord(start..<(start + surnameLength + 1)) { return }
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
