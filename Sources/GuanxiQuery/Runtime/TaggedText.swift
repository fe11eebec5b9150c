/// Values JSON cannot tell apart from numbers or cannot hold at all travel inside JSON
/// lists and maps as text behind a private-use marker (U+E000) and a letter: a node
/// (`N42`), a relationship (`R7`), a path (`W[1,7,2]`), NaN (`F`). Dates and times use
/// the same marker (`TemporalValue`). Lists of one kind of entity keep bare ids.
public enum TaggedText {
    /// What tagged text stands for.
    public enum Tag: Sendable, Equatable {
        case node(Int64), relationship(Int64), path([Int64]), nan, temporal(String)

        /// Rank in Cypher's order of kinds (see `CypherValueOrder.Value.rank`).
        var rank: Int {
            switch self {
            case .node: return 1
            case .relationship: return 2
            case .path: return 4
            case .temporal: return 5
            case .nan: return 8
            }
        }
    }

    /// The tag of `text`; nil for plain text.
    public static func tag(of text: String) -> Tag? {
        guard text.first == TemporalValue.marker else { return nil }
        let body = text.dropFirst()
        guard let letter = body.first else { return nil }
        let rest = body.dropFirst()
        switch letter {
        case "N": return Int64(rest).map { .node($0) }
        case "R": return Int64(rest).map { .relationship($0) }
        case "W":
            let ids = rest.dropFirst().dropLast().split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
            return rest.first == "[" ? .path(ids) : nil
        case "F": return .nan
        default: return TemporalValue.display(ofEncoded: text) != nil ? .temporal(text) : nil
        }
    }

    /// The marker (U+E000) and the separator of `TemporalValue` (U+E001) as SQLite's SQL.
    public static let markerSQL = "char(57344)", separatorSQL = "char(57345)"
    /// The marker as PostgreSQL's SQL.
    public static let postgresMarkerSQL = "chr(57344)"

    /// The SQL that tags a value of kind `letter` (N, R, W) held in `sql` (text), with
    /// the backend's spelling of the marker.
    public static func sql(_ sql: String, letter: Character, marker: String = markerSQL) -> String {
        "(CASE WHEN \(sql) IS NULL THEN NULL ELSE \(marker) || '\(letter)' || \(sql) END)"
    }

    /// NaN as tagged text.
    public static let nan = String(TemporalValue.marker) + "F"
}
