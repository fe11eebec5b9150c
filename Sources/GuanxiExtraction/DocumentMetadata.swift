import GuanxiText

/// When an article was published and which outlet ran it, as its own text says,
/// each with the span it came from; nil where the text states nothing (a file's
/// modification time never fills in).
public struct DocumentMetadata: Sendable, Equatable {
    /// The publication date, as precise as the text gives it.
    public var published: PartialDate?
    /// Where the date is written.
    public var publishedEvidence: Range<Int>?
    /// The outlet, as written.
    public var outlet: String?
    /// Where the outlet is named.
    public var outletEvidence: Range<Int>?

    /// Nothing stated.
    public init() {}
}
