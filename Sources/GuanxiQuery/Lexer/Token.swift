/// A token of the query language.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case identifier(String)
        case keyword(String)        // upper-cased
        case string(String)
        case integer(Int64)
        case float(Double)
        case parameter(String)
        case symbol(String)         // ( ) [ ] { } , : . | * + - / % = <> < > <= >= =~ -> <- .. ; ^
        case end
    }

    public var kind: Kind
    public var position: SourcePosition
    /// A keyword as written, for when it serves as a name (`:End`, `{count: 1}`).
    public var spelling: String = ""

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .identifier(let s): return "‘\(s)’"
        case .keyword(let s): return s
        case .string(let s): return "'\(s)'"
        case .integer(let i): return String(i)
        case .float(let d): return String(d)
        case .parameter(let s): return "$\(s)"
        case .symbol(let s): return "‘\(s)’"
        case .end: return "the end of the query"
        }
    }
}
