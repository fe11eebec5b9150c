import Foundation

/// Hands batches of mapped items from the parsing thread to the writer, at most
/// `capacity` batches waiting: memory stays flat however large the file.
final class ImportPipe: @unchecked Sendable {
    private let lock = NSCondition()
    private var batches: [[ImportItem]] = []
    private var pending: [ImportItem] = []
    private var stopped = false
    private var parserDone = false
    private var failure: Error?
    private(set) var summary = ImportSummary()
    let capacity = 8
    let batchSize = 1_024

    /// Raised in the parser when the writer has stopped.
    struct Stopped: Error {}

    /// Parser side: one more item.
    func put(_ item: ImportItem) throws {
        pending.append(item)
        if pending.count >= batchSize { try flush() }
    }

    private func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        while batches.count >= capacity && !stopped { lock.wait() }
        if stopped { throw Stopped() }
        batches.append(pending)
        pending = []
        lock.broadcast()
    }

    /// Parser side: the file is read; what it holds is summed up in `summary`.
    func finish(_ summary: ImportSummary) throws {
        try flush()
        lock.lock()
        self.summary = summary
        parserDone = true
        lock.broadcast()
        lock.unlock()
    }

    /// Parser side: reading failed (or the writer stopped).
    func fail(_ error: Error) {
        lock.lock()
        if !(error is Stopped) { failure = error }
        parserDone = true
        lock.broadcast()
        lock.unlock()
    }

    /// Writer side: the next batch, nil when the file is done.
    /// - Throws: what the parser failed with, once the batches before it are written.
    func take() throws -> [ImportItem]? {
        lock.lock()
        defer { lock.unlock() }
        while batches.isEmpty && !parserDone { lock.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            lock.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Writer side: stops the parser and waits until it has ended.
    func stopAndWait() {
        lock.lock()
        stopped = true
        lock.broadcast()
        while !parserDone { lock.wait() }
        lock.unlock()
    }
}
