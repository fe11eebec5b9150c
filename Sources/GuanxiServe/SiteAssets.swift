import Foundation

/// The pages, script, styles and vendored vis-network of `guanxi serve`, compiled into
/// the executable (SiteFiles.swift) and decoded once.
enum SiteAssets {
    private static let decoded: [String: Data] = SiteFiles.base64.compactMapValues { Data(base64Encoded: $0) }

    /// The bytes of `name`, nil when the site has no such file.
    static func data(_ name: String) -> Data? { decoded[name] }
}
