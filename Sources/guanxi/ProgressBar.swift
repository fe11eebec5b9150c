import Foundation

/// A progress line on stderr (documents, characters per second, time left), drawn
/// only when stderr is a terminal and at most ten times a second.
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
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let fraction = totalBytes > 0 ? Double(bytes) / Double(totalBytes) : Double(done) / Double(max(total, 1))
        let width = 24
        let filled = Int(fraction * Double(width))
        let rate = characters > 0 ? Double(characters) / elapsed / 1e6 : Double(bytes) / elapsed / 1e6
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %d/%d documents  %.2f %@/s  %.0f s left ", bar, done, total, rate, characters > 0 ? "M chars" : "MB", eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
