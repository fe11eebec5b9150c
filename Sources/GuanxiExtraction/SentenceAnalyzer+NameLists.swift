import GuanxiText

extension SentenceAnalyzer {
    /// Characters that close an item of a list of names (…、李芳等, …、李芳和…).
    /// (Sentence text is folded to half-width, so "," and "(" stand for their
    /// full-width forms too.)
    static let listItemEnds: ScalarSet = ["、", ",", "。", "等", "和", "与", "及", "(", " "]

    /// A list of names shares its kind: an item between two list marks (`、`) that
    /// reads as a name (a surname and one or two given-name characters, no everyday
    /// word) is a person when an item next to it is one (甲、乙、丙等).
    func findListedPersons() {
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
}
