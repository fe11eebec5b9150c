/// A set of Unicode scalars that answers `contains` with one bit test for the Basic
/// Multilingual Plane, for the character classes read at every position of a text
/// (a `Set` hashes each lookup).
public struct ScalarSet: Sendable, ExpressibleByArrayLiteral {
    @usableFromInline var bits = [UInt64](repeating: 0, count: 1024)
    @usableFromInline var astral = Set<Unicode.Scalar>()

    /// An empty set.
    public init() {}

    /// The set of `scalars`.
    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for s in scalars { insert(s) }
    }

    /// The set of the literal's scalars.
    public init(arrayLiteral elements: Unicode.Scalar...) {
        self.init(elements)
    }

    /// Adds `s`.
    public mutating func insert(_ s: Unicode.Scalar) {
        let v = Int(s.value)
        if v < 65536 { bits[v >> 6] |= 1 << UInt64(v & 63) } else { astral.insert(s) }
    }

    /// True when `s` is in the set. Inlinable: the extraction module asks at every
    /// position of every sentence, and a call across modules cost more than the test.
    @inlinable
    public func contains(_ s: Unicode.Scalar) -> Bool {
        let v = Int(s.value)
        return v < 65536 ? bits[v >> 6] & (1 << UInt64(v & 63)) != 0 : astral.contains(s)
    }
}
