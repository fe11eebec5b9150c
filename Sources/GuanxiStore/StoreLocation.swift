import Foundation

/// Where a store lives: an SQLite file (a plain path) or a PostgreSQL database (a
/// `postgresql://` or `postgres://` URL, as libpq reads it).
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case postgres(url: String)

    /// Reads a `--db` value: a URL of PostgreSQL's schemes names a server, anything
    /// else a file.
    public init(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") {
            self = .postgres(url: text)
        } else {
            self = .file(text)
        }
    }

    /// True for a `--db` value that names a PostgreSQL server.
    public static func isServer(_ text: String) -> Bool {
        if case .postgres = StoreLocation(text) { return true }
        return false
    }

    /// The path, or the URL with its password replaced by `***`: what output, errors
    /// and `stats` show.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .postgres(let url): return Self.redacting(url)
        }
    }

    /// `text` with the password of any URL in it, and any `password=` setting, hidden.
    public static func redacting(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        // user:password@ after a scheme's "//".
        while let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == " " } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += authority[..<colon] + ":***" + authority[at...]
            } else {
                out += authority
            }
            rest = rest[authorityEnd...]
        }
        out += rest
        // password=secret in a query string or a key/value connection string.
        var hidden = ""
        var remainder = Substring(out)
        while let r = remainder.range(of: "password=", options: .caseInsensitive) {
            hidden += remainder[..<r.upperBound] + "***"
            remainder = remainder[r.upperBound...]
            let end = remainder.firstIndex { $0 == "&" || $0 == " " } ?? remainder.endIndex
            remainder = remainder[end...]
        }
        return hidden + remainder
    }
}
