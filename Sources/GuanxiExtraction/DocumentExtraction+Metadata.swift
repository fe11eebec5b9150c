import GuanxiText

extension DocumentExtraction {
    /// Reads the publication date and outlet, makes the outlet an Organization entity
    /// when the sentences did not already name it, and gives each fact the date its
    /// sentence states (`2020年6月,华埠镇成立了…`).
    mutating func readMetadata(outletSuffixes: [String]) {
        metadata = MetadataReader(text: source.scalars, outletSuffixes: outletSuffixes).read()
        if let outlet = metadata.outlet, let range = metadata.outletEvidence {
            let simplified = Simplifier.simplified(outlet)
            if let e = entities.firstIndex(where: { $0.type == .organization && ($0.name == outlet || Simplifier.simplified($0.name) == simplified || $0.aliases.contains(outlet)) }) {
                if !entities[e].mentions.contains(where: { $0.start == range.lowerBound }) {
                    entities[e].mentions.append(Evidence(start: range.lowerBound, end: range.upperBound, sentence: sentenceIndex(at: range.lowerBound), rule: "document.outlet"))
                    entities[e].mentions.sort { $0.start < $1.start }
                }
            } else {
                entities.append(Entity(id: entities.count, type: .organization, name: outlet, aliases: simplified == outlet ? [] : [simplified],
                                       mentions: [Evidence(start: range.lowerBound, end: range.upperBound, sentence: sentenceIndex(at: range.lowerBound), rule: "document.outlet")],
                                       code: nil, unresolvedCandidates: nil))
            }
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

    func sentenceIndex(at offset: Int) -> Int {
        sentences.firstIndex { $0.start <= offset && offset < $0.end } ?? 0
    }
}
