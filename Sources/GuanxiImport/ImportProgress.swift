import Synchronization

/// How far an import has come, as it tells whoever shows progress (on the thread that
/// called `importFile`, at most every few thousand items).
public enum ImportProgress: Sendable {
    /// Reading the file: bytes of it read so far, and what is stored so far.
    case reading(bytes: Int, nodes: Int, edges: Int)
    /// The file is read; the indexes the load went without are being built.
    case indexing
}

/// How far the reading thread has read, for the writing thread to report.
final class ReadPosition: Sendable {
    private let bytes = Atomic<Int>(0)

    var value: Int { bytes.load(ordering: .relaxed) }

    func set(_ value: Int) { bytes.store(value, ordering: .relaxed) }
}
