import Foundation

/// The size of a file, for progress lines that measure how much of it is read.
public enum FileSize {
    /// The size in bytes of the file at `path`, 0 when it cannot be told.
    public static func of(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }
}
