import GuanxiText

extension SentenceAnalyzer {
    /// The separators of a foreign or minority name's parts (柯林·钱德勒); folded
    /// sentence text writes the katakana and half-width middle dots as U+00B7.
    static func isNameDot(_ s: Unicode.Scalar) -> Bool {
        s == "\u{B7}" || s == "\u{2022}" || s == "\u{2027}"
    }

    /// A person's name written in parts with a dot between them is one name: two
    /// persons found on either side join, and a person's name reads on across a dot
    /// through a run of transliteration characters (保罗·肖莫德).
    func joinDottedNames() {
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
}
