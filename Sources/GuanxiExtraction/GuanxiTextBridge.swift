import GuanxiText

/// The text layer's normalisation, as the extraction module uses it.
enum GuanxiTextBridge {
    /// See `ScalarClass.normalized(_:)`.
    @inline(__always)
    static func normalized(_ s: Unicode.Scalar) -> Unicode.Scalar { ScalarClass.normalized(s) }
}
