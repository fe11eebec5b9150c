/// How far an export has come, as it tells whoever shows progress (on the thread that
/// called `write`, every few thousand elements).
public struct ExportProgress: Sendable {
    public var nodes = 0
    public var edges = 0
}

/// Counts what an exporter writes and tells its caller every `interval` elements.
struct ExportProgressCounter {
    static let interval = 8192
    let report: ((ExportProgress) -> Void)?
    private(set) var done = ExportProgress()

    init(_ report: ((ExportProgress) -> Void)?) { self.report = report }

    mutating func countNode() {
        done.nodes += 1
        tell()
    }

    mutating func countEdge() {
        done.edges += 1
        tell()
    }

    private func tell() {
        if let report, (done.nodes + done.edges) % Self.interval == 0 { report(done) }
    }
}
