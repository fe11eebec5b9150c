/// One place in one sentence where an entity is named.
public struct Mention: Sendable, Hashable {
    /// The type the rule assigned.
    public var type: EntityType
    /// Index of the sentence in the document.
    public var sentence: Int
    /// The sentence-local scalar range of the mention.
    public var range: Range<Int>
    /// The canonical name the mention proposes (quotes removed).
    public var name: String
    /// Other forms of the name the mention shows (the quoted part of a programme, the
    /// name without its leading place).
    public var aliases: [String]
    /// The id of the rule that fired (`person.title`, `place.gazetteer`…).
    public var rule: String
    /// The gazetteer unit, when the mention is tied to one.
    public var unit: Int32?
    /// How many gazetteer units the name could mean when it was left unresolved.
    public var ambiguity: Int = 0

    /// Creates a mention.
    public init(type: EntityType, sentence: Int, range: Range<Int>, name: String, aliases: [String] = [],
                rule: String, unit: Int32? = nil) {
        self.type = type
        self.sentence = sentence
        self.range = range
        self.name = name
        self.aliases = aliases
        self.rule = rule
        self.unit = unit
    }
}

/// A title found in a sentence (`党总支书记`, `常务副部长`).
struct TitleHit: Sendable, Hashable {
    var range: Range<Int>
    var kind: TitleKind
    /// Where the title word proper starts, after modifiers and unit bodies.
    var coreStart: Int
}

/// A gazetteer name found in a sentence.
struct PlaceHit: Sendable, Hashable {
    var range: Range<Int>
    var entries: ArraySlice<GazetteerEntry>
}
