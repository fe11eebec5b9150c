import Foundation

/// A folder of the test process's own for the files its tests write, removed with
/// everything in it when the process exits: stores, exports and corpora do not pile up
/// in the system's temporary folder from one run to the next.
public enum Scratch {
    /// The folder, made on first use.
    public static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.directory) }
        return url
    }()

    /// A path in the folder that no other test uses, ending with `suffix`.
    public static func path(_ prefix: String, _ suffix: String = "") -> String {
        directory.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)").path
    }
}
