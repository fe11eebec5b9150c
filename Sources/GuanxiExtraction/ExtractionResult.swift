import GuanxiText

/// Where in the original file a fact or a mention comes from.
public struct Evidence: Sendable, Hashable, Codable {
    /// Start offset (Unicode scalars) in the original file.
    public var start: Int
    /// End offset (exclusive).
    public var end: Int
    /// Index of the sentence in the document.
    public var sentence: Int
    /// The id of the rule that fired.
    public var rule: String
}

/// An entity of one document: its canonical name, other names, and every mention.
public struct Entity: Sendable, Hashable {
    /// Position of the entity in the document's entity list.
    public var id: Int
    /// Its type.
    public var type: EntityType
    /// The fullest form the article uses, without quotes or a leading parent place.
    public var name: String
    /// Other forms the article uses for it.
    public var aliases: [String]
    /// Every mention, in text order.
    public var mentions: [Evidence]
    /// The gazetteer code when the entity is tied to an administrative unit.
    public var code: String?
    /// For a place name that several units share and nothing in the document decides:
    /// how many candidates there were.
    public var unresolvedCandidates: Int?

    /// The rules that found it, most frequent first.
    public var rules: [String] {
        var counts: [String: Int] = [:]
        for m in mentions { counts[m.rule, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }
}

/// A fact between two entities of one document, with its evidence.
public struct Relation: Sendable, Hashable {
    /// The subject entity's id.
    public var subject: Int
    /// The relation.
    public var predicate: RelationType
    /// The object entity's id.
    public var object: Int
    /// The title as written, for `leads` and `member_of`.
    public var role: String?
    /// The amount as written, for `funds`.
    public var amount: String?
    /// The amount in yuan, when it is money.
    public var amountYuan: Double?
    /// The shortest span that states the fact, with the rule that fired.
    public var evidence: Evidence
    /// The date the sentence gives the fact (`2020年6月,华埠镇成立了…`), if any.
    public var date: PartialDate?
    /// Where that date is written.
    public var dateEvidence: Range<Int>?
}

/// Everything extracted from one article.
public struct DocumentExtraction: Sendable {
    /// The article as read.
    public let source: SourceText
    /// Its sentences after repair, in reading order.
    public let sentences: [SentenceInfo]
    /// Its entities.
    public var entities: [Entity]
    /// Its facts.
    public var relations: [Relation]
    /// Its publication date and outlet, as its text states them.
    public var metadata = DocumentMetadata()

    /// The text of the original file between two offsets.
    public func text(_ evidence: Evidence) -> String { source.text(evidence.start..<evidence.end) }
}

/// A sentence as results keep it: where it lies in the original file.
public struct SentenceInfo: Sendable {
    /// Start offset of the sentence in the original file.
    public let start: Int
    /// End offset (exclusive).
    public let end: Int
    /// The segment kind it belongs to.
    public let kind: String
}
