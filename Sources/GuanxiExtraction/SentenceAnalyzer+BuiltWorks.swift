import GuanxiText

extension SentenceAnalyzer {
    /// Works built by donors with no suffix to find them by (某某等侨商捐建的某某村
    /// 门前机耕路竣工通车): after a verb of donated building and 的, the name runs to the
    /// verb that completes or opens it. The canonical name keeps the last place it
    /// starts with, as an organisation's does (某市某乡某村门前机耕路 → 某村门前机耕路).
    func findBuiltWorks() {
        for p in 0..<count where BuildingVerbs.donatedStarts.contains(text[p]) {
            guard let verb = BuildingVerbs.donated.word(startingAt: p, in: text) else { continue }
            let start = p + verb.count + 1
            guard start <= count, text[start - 1] == "的" else { continue }
            var end = start
            while end < count && end - start <= 20 && owner[end] < 0 && isNameScalar(text[end]) && !opensCompletion(at: end) { end += 1 }
            guard end < count, end - start >= 4, end - start <= 20, opensCompletion(at: end), isFree(start..<end) else { continue }
            let range = start..<end
            let written = string(range)
            let name = withoutLeadingPlaces(range, keepLast: true) ?? written
            add(Mention(type: .project, sentence: index, range: range, name: name, aliases: name == written ? [] : [written],
                        rule: "name.built-work"))
        }
    }

    /// True when a verb that completes or opens a work starts at `position`.
    func opensCompletion(at position: Int) -> Bool {
        BuildingVerbs.completion.word(startingAt: position, in: text) != nil
    }
}
