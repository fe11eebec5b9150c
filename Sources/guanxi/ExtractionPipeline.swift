import Foundation
import GuanxiExtraction
import GuanxiStore
import GuanxiText

/// Reads and extracts documents on `jobs` threads (one job: on the writer's own
/// thread) and hands them to one writer in file order, so the store ends the same whatever the number of jobs (entity
/// resolution across documents depends on the order documents arrive in). At most
/// `window` documents wait between the extractors and the writer: memory stays
/// bounded however large the corpus.
final class ExtractionPipeline: @unchecked Sendable {
    /// What a worker made of one file.
    enum Outcome {
        /// The extraction, with the document's length, its content hash and its text as
        /// a string (made here, off the writer's thread, for the writer to store).
        case extracted(DocumentExtraction, characters: Int, hash: String, text: String)
        /// Content the store already holds (not extracted again).
        case unchanged
        case empty
        case failed(TextError)
    }

    private let files: [String]
    private let extractor: Extractor
    private let known: Set<String>
    private let window: Int
    private let lock = NSCondition()
    private var next = 0
    private var ready: [Int: Outcome] = [:]
    private var delivered = 0
    private var cancelled = false
    /// One job: everything on the calling thread, nothing in parallel.
    private let inline: Bool

    /// - Parameter known: content hashes already stored, whose files are not extracted.
    init(files: [String], extractor: Extractor, known: Set<String>, jobs: Int) {
        self.files = files
        self.extractor = extractor
        self.known = known
        // Wide enough that a long document in one worker does not stall the others: the
        // writer takes documents in order, and with 8 in hand both cores sat idle a
        // quarter of the 100 MB build (two jobs: 9.1–9.5 s, now 7.6–8.3 s; peak memory
        // 124 → 127 MB).
        self.window = max(64, 16 * jobs)
        self.inline = jobs <= 1
        guard !inline else { return }
        for _ in 0..<jobs {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// How much lower than the writer's the extractors' scheduling priority is (nice
    /// steps, added to the process's own).
    static let extractorNiceness: Int32 = 5

    private func work() {
        // The writer is the one thread every document passes through: extractors yield
        // the core to it (on Linux, who = 0 names the calling thread, not the process).
        // With as many extractors as cores the writer got less than a core of its own;
        // the 100 MB build with two jobs went from 15.4 s to 13.0 s.
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, min(19, getpriority(which, 0) + Self.extractorNiceness))
        #endif
        while true {
            lock.lock()
            while !cancelled && next < files.count && next >= delivered + window { lock.wait() }
            guard !cancelled, next < files.count else {
                lock.unlock()
                return
            }
            let index = next
            next += 1
            lock.unlock()
            let outcome = process(files[index])
            lock.lock()
            ready[index] = outcome
            lock.broadcast()
            lock.unlock()
        }
    }

    private func process(_ file: String) -> Outcome {
        do {
            let source = try DocumentDecoder.read(path: file)
            if source.isBlank {
                return .empty
            }
            let hash = ContentHash.of(source.scalars)
            if known.contains(hash) { return .unchanged }
            return .extracted(extractor.extract(source), characters: source.scalars.count, hash: hash,
                              text: String(scalars: source.scalars))
        } catch let error as TextError {
            return .failed(error)
        } catch {
            return .failed(TextError(path: file, code: .unreadable(reason: "\(error)")))
        }
    }

    /// The outcome of file `index`, waiting for it; files must be taken in order.
    func take(_ index: Int) -> Outcome {
        if inline { return process(files[index]) }
        lock.lock()
        defer { lock.unlock() }
        while ready[index] == nil { lock.wait() }
        let outcome = ready.removeValue(forKey: index) ?? .empty
        delivered = index + 1
        lock.broadcast()
        return outcome
    }

    /// Stops the workers after the documents in hand.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        lock.unlock()
    }
}
