import GuanxiText

extension DocumentExtraction {
    /// Reads the publication date and outlet, makes the outlet an Organization entity
    /// when the sentences did not already name it, and gives each fact the date its
    /// sentence states (`2020年6月,华埠镇成立了…`).
    mutating func readMetadata(outletSuffixes: [String], lexicon: Lexicon) {
        metadata = MetadataReader(text: source.scalars, outletSuffixes: outletSuffixes).read()
        if let outlet = metadata.outlet, let range = metadata.outletEvidence {
            let simplified = Simplifier.simplified(outlet)
            let outletID: Int
            if let e = entities.firstIndex(where: { $0.type == .organization && ($0.name == outlet || Simplifier.simplified($0.name) == simplified || $0.aliases.contains(outlet)) }) {
                if !entities[e].mentions.contains(where: { $0.start == range.lowerBound }) {
                    entities[e].mentions.append(Evidence(start: range.lowerBound, end: range.upperBound, sentence: sentenceIndex(at: range.lowerBound), rule: "document.outlet"))
                    entities[e].mentions.sort { $0.start < $1.start }
                }
                outletID = entities[e].id
            } else if let e = entities.firstIndex(where: { entity in
                entity.type == .organization && entity.mentions.contains {
                    $0.end == range.upperBound && $0.start > range.lowerBound && opensWithTimeWord(range.lowerBound..<$0.start, lexicon: lexicon)
                }
            }) {
                // The sentence rules drop a time word that opens a name (四季度|重大项目),
                // but an outlet's name may open with one (今日|某某周刊): the whole name the
                // metadata reader found is the name.
                entities[e].aliases = ([entities[e].name] + entities[e].aliases).filter { $0 != outlet }
                entities[e].name = outlet
                entities[e].mentions.append(Evidence(start: range.lowerBound, end: range.upperBound, sentence: sentenceIndex(at: range.lowerBound), rule: "document.outlet"))
                entities[e].mentions.sort { $0.start < $1.start }
                outletID = entities[e].id
            } else {
                outletID = entities.count
                entities.append(Entity(id: entities.count, type: .organization, name: outlet, aliases: simplified == outlet ? [] : [simplified],
                                       mentions: [Evidence(start: range.lowerBound, end: range.upperBound, sentence: sentenceIndex(at: range.lowerBound), rule: "document.outlet")],
                                       code: nil, unresolvedCandidates: nil))
            }
            addDatelineReporters(outlet: outletID, after: range.upperBound)
            // The name model may have read the outlet's name as a person's (华讯网: a
            // surname and two characters); a person written only there is none.
            let misread = entities.indices.filter { e in
                entities[e].type == .person && !entities[e].mentions.isEmpty
                    && entities[e].mentions.allSatisfy { $0.start >= range.lowerBound && $0.end <= range.upperBound }
            }
            dropEntities(Set(misread))
        }
        // Dates inside the story: the latest absolute date of a fact's sentence that
        // stands before the fact's evidence ends; never the publication timestamp.
        var datesBySentence: [Int: [DateScanner.Hit]] = [:]
        for i in relations.indices {
            let s = relations[i].evidence.sentence
            guard s < sentences.count else { continue }
            if datesBySentence[s] == nil {
                datesBySentence[s] = DateScanner.dates(in: source.scalars, within: sentences[s].start..<sentences[s].end)
                    .filter { $0.date.year != nil && $0.range != metadata.publishedEvidence }
            }
            if let hit = datesBySentence[s]?.last(where: { $0.range.lowerBound < relations[i].evidence.end }) {
                relations[i].date = hit.date
                relations[i].dateEvidence = hit.range
            }
        }
    }

    /// The reporters a wire dateline names after the outlet the metadata reader found
    /// (`中新网 丽水2月5日电(甲 乙)`: no title, only the names in parentheses) are the
    /// outlet's members. The sentence rules do this where the outlet is a name they
    /// know by its suffix (某某日报); this is for outlets known only from the header.
    mutating func addDatelineReporters(outlet: Int, after outletEnd: Int) {
        let text = source.scalars
        var q = outletEnd
        while q + 1 < text.count && q - outletEnd <= 16 && !(text[q] == "\n") {
            if (text[q] == "电" || text[q] == "讯") && text[q + 1] == "(" { break }
            q += 1
        }
        guard q + 1 < text.count, q - outletEnd <= 16, text[q] == "电" || text[q] == "讯", text[q + 1] == "(" else { return }
        let open = q + 1
        guard let close = text[open...].prefix(24).firstIndex(of: ")") else { return }
        // Only names and spaces inside: a parenthesis of another kind names no reporters.
        let reporters = entities.filter { $0.type == .person }.compactMap { person in
            person.mentions.first { $0.start > open && $0.end <= close }.map { (person.id, $0) }
        }
        let covered = reporters.reduce(0) { $0 + $1.1.end - $1.1.start }
        let spaces = text[(open + 1)..<close].filter { $0 == " " || $0 == "\u{3000}" }.count
        guard !reporters.isEmpty, covered + spaces == close - open - 1 else { return }
        for (person, mention) in reporters
        where !relations.contains(where: { $0.subject == person && $0.object == outlet && $0.predicate == .memberOf }) {
            relations.append(Relation(subject: person, predicate: .memberOf, object: outlet, role: nil, amount: nil, amountYuan: nil,
                                      evidence: Evidence(start: metadata.outletEvidence?.lowerBound ?? outletEnd, end: mention.end,
                                                         sentence: mention.sentence, rule: "member.dateline"),
                                      date: nil, dateEvidence: nil))
        }
    }

    /// True when the scalars of `range` spell one time word (今日, 今晚).
    func opensWithTimeWord(_ range: Range<Int>, lexicon: Lexicon) -> Bool {
        let word = source.scalars[range].map(Simplifier.simplified)
        return lexicon.words.word(word).map(\.isTimeOrNumeral) ?? false
    }

    func sentenceIndex(at offset: Int) -> Int {
        sentences.firstIndex { $0.start <= offset && offset < $0.end } ?? 0
    }
}
