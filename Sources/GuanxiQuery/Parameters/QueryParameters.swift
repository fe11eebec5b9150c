import Foundation
import GuanxiStore

/// Query parameters as users write them: `name=value` on the command line, and
/// `// param: name=value` lines in a query file, which are the defaults when the
/// command line does not give that name.
public enum QueryParameters {
    /// A `name=value` pair that does not parse.
    public struct Malformed: Error, CustomStringConvertible {
        /// The text as given.
        public let text: String
        /// Where it came from (`--param`, or the file and line).
        public let origin: String
        public var description: String { "\(origin): a parameter is name=value, not ‘\(text)’" }
    }

    /// The value of `raw`: JSON when it parses as JSON (numbers, booleans, lists,
    /// quoted strings), else the text itself.
    public static func value(_ raw: String) -> ParameterValue {
        guard let any = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else { return .string(raw) }
        return value(json: any)
    }

    /// The value of a decoded JSON value.
    public static func value(json any: Any) -> ParameterValue {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber:
            if n.isJSONBoolean { return .boolean(n.boolValue) }
            return n.isJSONFloat ? .float(n.doubleValue) : .integer(n.int64Value)
        case let a as [Any]: return .list(a.map { value(json: $0) })
        case let m as [String: Any]: return .map(m.mapValues { value(json: $0) })
        default: return .null
        }
    }

    /// One `name=value` pair.
    /// - Throws: `Malformed` when there is no `=` or no name.
    public static func pair(_ text: String, origin: String) throws -> (String, ParameterValue) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { throw Malformed(text: text, origin: origin) }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace }) else { throw Malformed(text: text, origin: origin) }
        return (name, value(String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)))
    }

    /// The defaults a query's text declares in `// param: name=value` lines.
    /// - Throws: `Malformed` naming `source` and the line of a line that does not parse.
    public static func defaults(in query: String, source: String = "query") throws -> [String: ParameterValue] {
        var out: [String: ParameterValue] = [:]
        for (n, line) in query.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("// param:") else { continue }
            let (name, value) = try pair(String(trimmed.dropFirst("// param:".count)), origin: "\(source):\(n + 1)")
            out[name] = value
        }
        return out
    }

    /// The query's defaults overridden by `given` (`--param` pairs).
    /// - Throws: `Malformed` for the first pair that does not parse.
    public static func resolve(query: String, source: String, given: [String]) throws -> [String: ParameterValue] {
        var out = try defaults(in: query, source: source)
        for p in given {
            let (name, value) = try pair(p, origin: "--param")
            out[name] = value
        }
        return out
    }
}
