import Foundation

/// The pages, script, styles and vendored vis-network of `guanxi serve`, read from the
/// package's resources once.
enum SiteAssets {
    static let directory: URL? = Bundle.module.resourceURL?.appendingPathComponent("Site")

    nonisolated(unsafe) private static var cache: [String: Data] = [:]
    private static let lock = NSLock()

    /// The bytes of `name`, nil when the site has no such file.
    static func data(_ name: String) -> Data? {
        lock.lock()
        defer { lock.unlock() }
        if let d = cache[name] { return d }
        guard let url = directory?.appendingPathComponent(name), let d = try? Data(contentsOf: url) else { return nil }
        cache[name] = d
        return d
    }
}
