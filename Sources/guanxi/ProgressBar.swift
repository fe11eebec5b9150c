import Foundation

/// A progress line on stderr (documents, characters per second, time left; or how much
/// of a file is read), drawn only when stderr is a terminal and at most ten times a second.
struct ProgressBar {
    let total: Int
    let totalBytes: Int
    let enabled: Bool
    let start = Date()
    var lastDraw = Date.distantPast

    /// - Parameter besideOutput: the command prints its results on stdout as it goes;
    ///   then the line is drawn only when stdout is not the same terminal, where it
    ///   would break into the results.
    init(total: Int, totalBytes: Int, besideOutput: Bool = false) {
        self.total = total
        self.totalBytes = totalBytes
        enabled = Terminal.stderrIsTerminal && !(besideOutput && Terminal.stdoutIsTerminal)
    }

    mutating func update(done: Int, bytes: Int, characters: Int = 0) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        let fraction = totalBytes > 0 ? Double(bytes) / Double(totalBytes) : Double(done) / Double(max(total, 1))
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = characters > 0 ? Double(characters) / elapsed / 1e6 : Double(bytes) / elapsed / 1e6
        draw(fraction: fraction, String(format: "%d/%d documents  %.2f %@/s", done, total, rate, characters > 0 ? "M chars" : "MB"))
    }

    /// A line for work measured otherwise than in documents: `reached` of `totalBytes`
    /// (bytes of a file read, elements of a graph written; 0 when the whole is not
    /// known, and then no bar and no time left), and `detail`, what is done so far.
    mutating func update(reached: Int, detail: String) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        draw(fraction: totalBytes > 0 ? min(1, Double(reached) / Double(totalBytes)) : nil, detail)
    }

    /// Replaces the line with `message` (a phase with no measure of its own).
    func show(_ message: String) {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K\(message)".utf8)) }
    }

    private mutating func draw(fraction: Double?, _ detail: String) {
        lastDraw = Date()
        guard let fraction else {
            FileHandle.standardError.write(Data("\r\(detail) ".utf8))
            return
        }
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let width = 24
        let filled = Int(fraction * Double(width))
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %@  %.0f s left ", bar, detail, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
