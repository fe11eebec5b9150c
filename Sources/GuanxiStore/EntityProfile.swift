/// Everything the store knows about one entity, with the evidence for each fact.
public struct EntityProfile: Sendable {
    /// A node as profiles show it.
    public struct NodeRef: Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var type: String
    }

    /// Where a fact comes from: a sentence of a document, or the gazetteer.
    public struct Source: Sendable, Hashable {
        public var document: String
        public var line: Int?
        public var sentence: String?
        public var evidence: String?
        public var rule: String
        public var origin: String
        /// The document's publication date (ISO 8601 as precise as its text) and outlet.
        public var published: String? = nil
        public var outlet: String? = nil
        /// The date the sentence gives the fact, if any.
        public var date: String? = nil
        /// The document's id and the evidence's offsets in it, for links to the text.
        public var documentID: Int64? = nil
        public var start: Int? = nil
        public var end: Int? = nil
    }

    /// One fact about the entity, seen from the entity.
    public struct Fact: Sendable {
        /// The relation.
        public var predicate: String
        /// True when the entity is the subject (`leads X`), false when the object (`X leads`).
        public var outgoing: Bool
        /// The entity at the other end.
        public var other: NodeRef
        public var role: String?
        public var amount: String?
        public var amountYuan: Double?
        public var sources: [Source]

        /// When the fact holds or was reported: the date its sentences give, else the
        /// earliest publication date of its documents (by the first day it covers); nil
        /// when nothing dates it.
        public var when: String? {
            // ISO strings order by time, a year before its months (2021 < 2021-06).
            if let d = sources.compactMap(\.date).filter({ !$0.hasPrefix("--") }).min() { return d }
            return sources.compactMap(\.published).filter { !$0.hasPrefix("--") }.min()
        }
    }

    public var node: NodeRef
    public var labels: [String]
    public var aliases: [String]
    public var code: String?
    /// The place hierarchy from the top (浙江省 … 海峰村), the entity last.
    public var path: [String]
    public var documents: Int
    public var mentions: Int
    public var facts: [Fact]
    /// Entities most often named in the same sentences, with how often.
    public var cooccurring: [(NodeRef, Int)]
}

/// A candidate for an ambiguous or unknown name.
public struct ProfileCandidate: Sendable {
    public var node: EntityProfile.NodeRef
    public var path: [String]
    public var documents: Int
    /// For entities outside the place hierarchy, their first fact (`member_of 台州传媒`).
    public var context: String
}
