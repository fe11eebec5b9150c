import Foundation
import GuanxiQuery
import GuanxiStore

/// Values as the TCK writes them in result tables, parsed into one canonical text so
/// that expected and actual values compare as strings.
enum TCKValue {
    struct Unsupported: Error { let what: String }

    /// The canonical text of a TCK value (`(:A {name: 'a'})`, `[1, 2]`, `'x'`).
    /// - Throws: `Unsupported` for what it cannot read.
    static func canonical(_ text: String, sortLists: Bool = false) throws -> String {
        var p = ValueParser(scalars: Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars), sortLists: sortLists)
        let v = try p.value()
        return v
    }

    /// The canonical text of a query result value.
    static func canonical(_ v: QueryValue, sortLists: Bool = false) -> String {
        switch v {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .float(let d): return float(d)
        case .string(let s): return "'" + s + "'"
        case .list(let items):
            let parts = items.map { canonical($0, sortLists: sortLists) }
            return "[" + (sortLists ? parts.sorted() : parts).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { "\($0): \(canonical(m[$0] ?? .null, sortLists: sortLists))" }.joined(separator: ", ") + "}"
        case .node(let n):
            let props = n.properties.keys.sorted().map { "\($0): \(canonical(n.properties[$0] ?? .null, sortLists: sortLists))" }.joined(separator: ", ")
            return "(" + n.labels.sorted().map { ":" + $0 }.joined() + (props.isEmpty ? "" : (n.labels.isEmpty ? "" : " ") + "{\(props)}") + ")"
        case .relationship(let r):
            let props = r.properties.keys.sorted().map { "\($0): \(canonical(r.properties[$0] ?? .null, sortLists: sortLists))" }.joined(separator: ", ")
            return "[:" + r.type + (props.isEmpty ? "" : " {\(props)}") + "]"
        case .temporal(let t): return "'" + (TemporalValue.display(ofEncoded: t) ?? t) + "'"
        case .path(let p):
            var text = "<" + (p.nodes.first.map { canonical(.node($0)) } ?? "")
            for (r, (from, to)) in zip(p.relationships, zip(p.nodes, p.nodes.dropFirst())) {
                let rel = canonical(.relationship(r), sortLists: sortLists)
                text += (r.start == from.id ? "-" + rel + "->" : "<-" + rel + "-") + canonical(.node(to), sortLists: sortLists)
            }
            return text + ">"
        }
    }

    static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Inf" : "-Inf" }
        return "f" + String(d)
    }

    struct ValueParser {
        let scalars: [Unicode.Scalar]
        let sortLists: Bool
        var i = 0

        init(scalars: [Unicode.Scalar], sortLists: Bool) {
            self.scalars = scalars
            self.sortLists = sortLists
        }

        mutating func skip() { while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { i += 1 } }

        func peek() -> Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

        mutating func expect(_ c: Unicode.Scalar) throws {
            skip()
            guard peek() == c else { throw Unsupported(what: "malformed value near \(i)") }
            i += 1
        }

        mutating func value() throws -> String {
            skip()
            guard let c = peek() else { throw Unsupported(what: "empty value") }
            switch c {
            case "'": return try string()
            case "[":
                if i + 1 < scalars.count && scalars[i + 1] == ":" { return try relationship() }
                i += 1
                var items: [String] = []
                skip()
                if peek() == "]" { i += 1; return "[]" }
                while true {
                    items.append(try value())
                    skip()
                    if peek() == "," { i += 1; continue }
                    try expect("]")
                    break
                }
                return "[" + (sortLists ? items.sorted() : items).joined(separator: ", ") + "]"
            case "{":
                return "{" + (try map()).map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
            case "(":
                return try node()
            case "<":
                return try path()
            default:
                return try scalar()
            }
        }

        mutating func string() throws -> String {
            i += 1
            var s = String.UnicodeScalarView()
            while i < scalars.count && scalars[i] != "'" {
                if scalars[i] == "\\" && i + 1 < scalars.count { i += 1 }
                s.append(scalars[i])
                i += 1
            }
            i += 1
            return "'" + String(s) + "'"
        }

        mutating func map() throws -> [(String, String)] {
            try expect("{")
            var out: [(String, String)] = []
            skip()
            if peek() == "}" { i += 1; return out }
            while true {
                skip()
                var key = String.UnicodeScalarView()
                while let c = peek(), c != ":" && c != " " { key.append(c); i += 1 }
                try expect(":")
                out.append((String(key), try value()))
                skip()
                if peek() == "," { i += 1; continue }
                try expect("}")
                break
            }
            return out.sorted { $0.0 < $1.0 }
        }

        mutating func labels() -> [String] {
            var out: [String] = []
            while peek() == ":" {
                i += 1
                var l = String.UnicodeScalarView()
                while let c = peek(), c != ":" && c != " " && c != ")" && c != "{" && c != "]" { l.append(c); i += 1 }
                out.append(String(l))
            }
            return out
        }

        mutating func node() throws -> String {
            try expect("(")
            skip()
            let ls = labels().sorted()
            skip()
            var props: [(String, String)] = []
            if peek() == "{" { props = try map() }
            try expect(")")
            let p = props.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            return "(" + ls.map { ":" + $0 }.joined() + (p.isEmpty ? "" : (ls.isEmpty ? "" : " ") + "{\(p)}") + ")"
        }

        /// `<(a)-[:T]->(b)<-[:S]-(c)>`: nodes and relationships with their directions.
        mutating func path() throws -> String {
            try expect("<")
            var text = "<" + (try node())
            while true {
                skip()
                if peek() == ">" { i += 1; return text + ">" }
                let backward = peek() == "<"
                if backward { i += 1 }
                try expect("-")
                let rel = try relationship()
                try expect("-")
                if !backward { try expect(">") }
                text += (backward ? "<-" + rel + "-" : "-" + rel + "->") + (try node())
            }
        }

        mutating func relationship() throws -> String {
            try expect("[")
            let ls = labels()
            skip()
            var props: [(String, String)] = []
            if peek() == "{" { props = try map() }
            try expect("]")
            let p = props.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            return "[" + ls.map { ":" + $0 }.joined() + (p.isEmpty ? "" : " {\(p)}") + "]"
        }

        mutating func scalar() throws -> String {
            var t = String.UnicodeScalarView()
            while let c = peek(), c != "," && c != "]" && c != "}" && c != ")" { t.append(c); i += 1 }
            let s = String(t).trimmingCharacters(in: .whitespaces)
            switch s {
            case "null", "true", "false": return s
            case "NaN": return "NaN"
            case "Inf", "Infinity": return "Inf"
            case "-Inf", "-Infinity": return "-Inf"
            default: break
            }
            if let v = Int64(s) { return String(v) }
            if let d = Double(s) { return TCKValue.float(d) }
            throw Unsupported(what: "value ‘\(s)’")
        }
    }

    /// A parameter value from its TCK text.
    static func parameter(_ text: String) throws -> ParameterValue {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "null" { return .null }
        if t == "true" { return .boolean(true) }
        if t == "false" { return .boolean(false) }
        if let i = Int64(t) { return .integer(i) }
        if let d = Double(t) { return .float(d) }
        if t.hasPrefix("'") && t.hasSuffix("'") && t.count >= 2 { return .string(String(t.dropFirst().dropLast()).replacingOccurrences(of: "\\'", with: "'")) }
        if t.hasPrefix("[") && t.hasSuffix("]") {
            let inner = String(t.dropFirst().dropLast())
            if inner.trimmingCharacters(in: .whitespaces).isEmpty { return .list([]) }
            return .list(try splitTop(inner).map(parameter))
        }
        if t.hasPrefix("{") && t.hasSuffix("}") {
            var m: [String: ParameterValue] = [:]
            for part in splitTop(String(t.dropFirst().dropLast())) where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let colon = part.firstIndex(of: ":") else { throw Unsupported(what: "parameter map") }
                m[part[..<colon].trimmingCharacters(in: .whitespaces)] = try parameter(String(part[part.index(after: colon)...]))
            }
            return .map(m)
        }
        throw Unsupported(what: "parameter ‘\(t)’")
    }

    static func splitTop(_ s: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var quote = false
        var cur = ""
        for ch in s {
            if ch == "'" { quote.toggle() }
            if !quote {
                if ch == "[" || ch == "{" { depth += 1 }
                if ch == "]" || ch == "}" { depth -= 1 }
                if ch == "," && depth == 0 { out.append(cur); cur = ""; continue }
            }
            cur.append(ch)
        }
        out.append(cur)
        return out
    }
}
