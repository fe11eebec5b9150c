import Foundation
import GuanxiExtraction
import GuanxiStore
import GuanxiText

/// Reads and extracts documents on `jobs` threads (one job: on the writer's own
/// thread) and hands them to one writer in file order (`OrderedWorkers`), so the store
/// ends the same whatever the number of jobs: entity resolution across documents
/// depends on the order documents arrive in.
struct ExtractionPipeline {
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

    private let workers: OrderedWorkers<Outcome>

    /// - Parameter known: content hashes already stored, whose files are not extracted.
    init(files: [String], extractor: Extractor, known: Set<String>, jobs: Int) {
        // The writer is the one thread every document passes through: extractors yield
        // the core to it. With as many extractors as cores the writer got less than a
        // core of its own; the 100 MB build with two jobs went from 15.4 s to 13.0 s.
        workers = OrderedWorkers(count: files.count, jobs: jobs, niceness: Self.extractorNiceness) {
            Self.process(files[$0], extractor: extractor, known: known)
        }
    }

    /// How much lower than the writer's the extractors' scheduling priority is (nice
    /// steps, added to the process's own).
    static let extractorNiceness: Int32 = 5

    private static func process(_ file: String, extractor: Extractor, known: Set<String>) -> Outcome {
        switch InputFiles.read(file) {
        case .empty: return .empty
        case .failed(let error): return .failed(error)
        case .text(let source):
            let hash = ContentHash.of(source.scalars)
            if known.contains(hash) { return .unchanged }
            return .extracted(extractor.extract(source), characters: source.scalars.count, hash: hash,
                              text: String(scalars: source.scalars))
        }
    }

    /// The outcome of file `index`, waiting for it; files must be taken in order.
    func take(_ index: Int) -> Outcome { workers.take(index) }

    /// Stops the workers after the documents in hand.
    func cancel() { workers.cancel() }
}
