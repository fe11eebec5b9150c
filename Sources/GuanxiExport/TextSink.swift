import Foundation

/// Buffered line output to a file or to standard output (`-`).
final class TextSink {
    private let handle: FileHandle
    private let path: String
    private var buffer = Data()

    init(path: String) throws {
        self.path = path
        if path == "-" {
            handle = FileHandle.standardOutput
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw ExportError("cannot open the file for writing", path: path)
            }
            handle = h
        }
    }

    func line(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw ExportError("write failed: \(error)", path: path) }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if path != "-" { try? handle.close() }
    }
}
