/// One colour per entity type, shared by every drawing: `profile --svg`, the yEd
/// flavour of GraphML, and the graphs of `guanxi serve`.
public enum TypeColours {
    /// Fill colours by type, as `#RRGGBB`.
    public static let fill: [String: String] = [
        "Person": "#F4A261", "Province": "#8ECAE6", "City": "#8ECAE6", "District": "#A8DADC", "Town": "#BDE0FE",
        "Village": "#CDEAC0", "Community": "#D8F3DC", "Company": "#FFD166", "Organization": "#E9C46A",
        "Program": "#CDB4DB", "Project": "#FFAFCC",
    ]

    /// The colour of `type`, grey for a type of a loaded graph.
    public static func of(_ type: String) -> String { fill[type] ?? "#EEEEEE" }
}
