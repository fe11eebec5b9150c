/// Turns query text into tokens. Works on Unicode scalars; every loop advances.
struct Lexer {
    static let keywords: Set<String> = [
        "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "AS", "DISTINCT", "ORDER", "BY", "ASC", "ASCENDING",
        "DESC", "DESCENDING", "SKIP", "LIMIT", "AND", "OR", "NOT", "XOR", "IS", "NULL", "IN", "STARTS", "ENDS", "CONTAINS",
        "TRUE", "FALSE", "UNION", "ALL", "EXPLAIN", "CASE", "WHEN", "THEN", "ELSE", "END", "CREATE", "DELETE", "SET",
        "MERGE", "REMOVE", "DETACH", "CALL", "YIELD", "EXISTS",
    ]

    let source: QuerySource

    /// All tokens, ending with `.end`.
    /// - Throws: `QueryError` at the first character that starts no token.
    func tokens() throws -> [Token] {
        let s = source.scalars
        var out: [Token] = []
        var i = 0, line = 1, column = 1
        func pos() -> SourcePosition { SourcePosition(offset: i, line: line, column: column) }
        func advance(_ n: Int = 1) {
            for _ in 0..<n where i < s.count {
                if s[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c.value == 0x3000 { advance(); continue }
            if c == "/" && next == "/" {
                while i < s.count && s[i] != "\n" { advance() }
                continue
            }
            if c == "/" && next == "*" {
                let start = pos()
                advance(2)
                while i < s.count && !(s[i] == "*" && i + 1 < s.count && s[i + 1] == "/") { advance() }
                guard i < s.count else { throw QueryError(.syntax, "unterminated comment", at: start, in: source) }
                advance(2)
                continue
            }
            let start = pos()
            if Self.isIdentifierStart(c) {
                var word = String.UnicodeScalarView()
                while i < s.count && Self.isIdentifierPart(s[i]) { word.append(s[i]); advance() }
                let w = String(word)
                let upper = w.uppercased()
                out.append(Token(kind: Self.keywords.contains(upper) ? .keyword(upper) : .identifier(w), position: start, spelling: w))
                continue
            }
            if c == "`" {
                advance()
                var word = String.UnicodeScalarView()
                while i < s.count && s[i] != "`" { word.append(s[i]); advance() }
                guard i < s.count else { throw QueryError(.syntax, "unterminated `quoted name`", at: start, in: source) }
                advance()
                out.append(Token(kind: .identifier(String(word)), position: start))
                continue
            }
            if c == "'" || c == "\"" {
                let quote = c
                advance()
                var text = String.UnicodeScalarView()
                while i < s.count && s[i] != quote {
                    if s[i] == "\\" && i + 1 < s.count {
                        advance()
                        switch s[i] {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        case "r": text.append("\r")
                        case "u":
                            var hex = ""
                            var k = 0
                            while k < 4 && i + 1 < s.count && s[i + 1].properties.isASCIIHexDigit { advance(); hex.unicodeScalars.append(s[i]); k += 1 }
                            guard let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) else {
                                throw QueryError(.syntax, "invalid \\u escape in a string", at: pos(), in: source)
                            }
                            text.append(u)
                        default: text.append(s[i])
                        }
                        advance()
                    } else {
                        text.append(s[i])
                        advance()
                    }
                }
                guard i < s.count else { throw QueryError(.syntax, "unterminated string; close it with \(quote)", at: start, in: source) }
                advance()
                out.append(Token(kind: .string(String(text)), position: start))
                continue
            }
            if ScalarDigits.isDigit(c) || (c == "." && next.map(ScalarDigits.isDigit) == true && !(out.last.map(Self.endsValue) ?? false)) {
                var text = ""
                var isFloat = false
                if c == "0" && (next == "x" || next == "X") {
                    advance(2)
                    while i < s.count && s[i].properties.isASCIIHexDigit { text.unicodeScalars.append(s[i]); advance() }
                    guard let v = Int64(text, radix: 16) else { throw QueryError(.syntax, "invalid hexadecimal number", at: start, in: source) }
                    out.append(Token(kind: .integer(v), position: start))
                    continue
                }
                while i < s.count && ScalarDigits.isDigit(s[i]) { text.unicodeScalars.append(s[i]); advance() }
                if i + 1 < s.count && s[i] == "." && ScalarDigits.isDigit(s[i + 1]) {
                    isFloat = true
                    text += "."
                    advance()
                    while i < s.count && ScalarDigits.isDigit(s[i]) { text.unicodeScalars.append(s[i]); advance() }
                }
                if i < s.count && (s[i] == "e" || s[i] == "E") {
                    var look = i + 1
                    if look < s.count && (s[look] == "-" || s[look] == "+") { look += 1 }
                    if look < s.count && ScalarDigits.isDigit(s[look]) {
                        isFloat = true
                        text += "e"
                        advance()
                        if s[i] == "-" || s[i] == "+" { text.unicodeScalars.append(s[i]); advance() }
                        while i < s.count && ScalarDigits.isDigit(s[i]) { text.unicodeScalars.append(s[i]); advance() }
                    }
                }
                if i < s.count && Self.isIdentifierStart(s[i]) {
                    throw QueryError(.syntax, "a number runs into a name; put a space between them", at: pos(), in: source)
                }
                if isFloat {
                    guard let d = Double(text) else { throw QueryError(.syntax, "invalid number \(text)", at: start, in: source) }
                    out.append(Token(kind: .float(d), position: start))
                } else {
                    guard let v = Int64(text) else { throw QueryError(.syntax, "integer \(text) is too large", at: start, in: source) }
                    out.append(Token(kind: .integer(v), position: start))
                }
                continue
            }
            if c == "$" {
                advance()
                var name = String.UnicodeScalarView()
                while i < s.count && Self.isIdentifierPart(s[i]) { name.append(s[i]); advance() }
                guard !name.isEmpty else { throw QueryError(.syntax, "expected a parameter name after $", at: start, in: source) }
                out.append(Token(kind: .parameter(String(name)), position: start))
                continue
            }
            let two = next.map { String(c) + String($0) } ?? ""
            if ["<>", "<=", ">=", "=~", "->", "<-", "..", "!="].contains(two) {
                advance(2)
                out.append(Token(kind: .symbol(two == "!=" ? "<>" : two), position: start))
                continue
            }
            if "()[]{},:.|*+-/%=<>;^".unicodeScalars.contains(c) {
                advance()
                out.append(Token(kind: .symbol(String(c)), position: start))
                continue
            }
            // Full-width punctuation typed from a Chinese keyboard.
            if let ascii = Self.fullWidth[c] {
                throw QueryError(.syntax, "full-width ‘\(c)’; use ASCII ‘\(ascii)’", at: start, in: source)
            }
            throw QueryError(.syntax, "unexpected character ‘\(c)’", at: start, in: source)
        }
        out.append(Token(kind: .end, position: pos()))
        return out
    }

    static let fullWidth: [Unicode.Scalar: String] = ["（": "(", "）": ")", "，": ",", "：": ":", "“": "'", "”": "'", "‘": "'", "’": "'", "【": "[", "】": "]", "；": ";"]

    static func endsValue(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .integer, .float, .string, .parameter: return true
        case .symbol(let s): return s == ")" || s == "]" || s == "}"
        default: return false
        }
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.value < 128 ? c.properties.isAlphabetic : c.properties.isXIDStart)
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.value < 128 ? (c.properties.isAlphabetic || ScalarDigits.isDigit(c)) : c.properties.isXIDContinue)
    }
}

enum ScalarDigits {
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
}
