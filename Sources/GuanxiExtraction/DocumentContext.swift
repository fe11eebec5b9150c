/// What the whole document says about places, used to decide short forms and
/// homonyms in each sentence.
struct DocumentContext: Sendable {
    /// Units named in full somewhere in the document, resolved where possible.
    var namedUnits = Set<Int32>()
    /// Units named in full, and every ancestor of those.
    var lineageUnits = Set<Int32>()

    /// Builds the context from every sentence's gazetteer matches.
    init(matches: [[PlaceHit]], gazetteer: Gazetteer) {
        var ambiguous: [[Int32]] = []
        for hits in matches {
            for hit in hits {
                // Counted before any array is built: most names are one unit's.
                var fullCount = 0
                var first: Int32 = -1
                for entry in hit.entries where entry.form == .full {
                    if fullCount == 0 { first = entry.unit }
                    fullCount += 1
                }
                if fullCount == 1 {
                    add(first, gazetteer)
                } else if fullCount > 1 {
                    ambiguous.append(hit.entries.filter { $0.form == .full }.map(\.unit))
                }
            }
        }
        // Homonyms named in full: keep the one whose parents the document mentions.
        for candidates in ambiguous {
            if let unit = Self.resolve(candidates, within: lineageUnits, gazetteer: gazetteer) { add(unit, gazetteer) }
        }
    }

    mutating func add(_ unit: Int32, _ gazetteer: Gazetteer) {
        namedUnits.insert(unit)
        // A village name can be an everyday word (新农村); only towns and larger units
        // vouch for their ancestors.
        let type = gazetteer.units[Int(unit)].type
        guard type != .village && type != .community else { return }
        gazetteer.forEachInLineage(of: unit) { lineageUnits.insert($0) }
    }

    /// The single candidate with the most ancestors in `context`; nil when none or a tie.
    static func resolve(_ candidates: [Int32], within context: Set<Int32>, gazetteer: Gazetteer) -> Int32? {
        var best: Int32?
        var bestScore = 0
        var tie = false
        for c in candidates {
            let score = gazetteer.lineage(c).dropFirst().reduce(0) { $0 + (context.contains($1) ? 1 : 0) }
            if score > bestScore {
                best = c
                bestScore = score
                tie = false
            } else if score == bestScore && score > 0 {
                tie = true
            }
        }
        return tie ? nil : best
    }

    /// True when the document supports reading `entry` here.
    func accepts(_ entry: GazetteerEntry, gazetteer: Gazetteer) -> Bool {
        guard entry.form == .short else { return true }
        let unit = gazetteer.units[Int(entry.unit)]
        switch unit.type {
        case .province: return true
        case .city, .district: return lineageUnits.contains(entry.unit)
        default: return namedUnits.contains(entry.unit)
        }
    }
}
