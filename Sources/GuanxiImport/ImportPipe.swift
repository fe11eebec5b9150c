import GuanxiStore

/// Hands batches of mapped items from the parsing thread to the writer (`BatchPipe`),
/// with what the parser sums up of the file once it is read.
final class ImportPipe: @unchecked Sendable {
    let items = BatchPipe<ImportItem>()
    private(set) var summary = ImportSummary()

    /// Parser side: one more item.
    func put(_ item: ImportItem) throws { try items.put(item) }

    /// Parser side: the file is read; what it holds is summed up in `summary`.
    func finish(_ summary: ImportSummary) throws {
        try items.finish { self.summary = summary }
    }

    /// Parser side: reading failed (or the writer stopped).
    func fail(_ error: Error) { items.fail(error) }

    /// Writer side: the next batch, nil when the file is done.
    func take() throws -> [ImportItem]? { try items.take() }

    /// Writer side: stops the parser and waits until it has ended.
    func stopAndWait() { items.stopAndWait() }
}
