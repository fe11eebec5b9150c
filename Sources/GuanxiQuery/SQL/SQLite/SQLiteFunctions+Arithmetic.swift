import GuanxiStore
import GuanxiText
import CSQLite
import Foundation

/// A scalar argument of Cypher arithmetic, read from an SQL value and its kind.
enum ArithmeticOperand {
    case null, integer(Int64), float(Double), string(String), boolean(Bool), list(String), map(String)

    /// Reads `value`; `kind` (`list`, `map`, `boolean`, `string` …, or NULL) says what
    /// text or an integer stands for, as the store's kind columns do.
    init(_ value: OpaquePointer?, kind: OpaquePointer?) {
        guard let value else { self = .null; return }
        let kind = kind.flatMap { sqlite3_value_type($0) == SQLITE_NULL ? nil : sqlite3_value_text($0) }.map { String(cString: $0) }
        switch sqlite3_value_type(value) {
        case SQLITE_NULL: self = .null
        case SQLITE_INTEGER:
            self = kind == "boolean" ? .boolean(sqlite3_value_int64(value) != 0) : .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: self = .float(sqlite3_value_double(value))
        case SQLITE_BLOB:
            self = NaNEncoding.decode(value).map { .float($0) } ?? .null
        default:
            let text = sqlite3_value_text(value).map { String(cString: $0) } ?? ""
            switch kind {
            case "list": self = .list(text)
            case "map": self = .map(text)
            default: self = text == TaggedText.nan ? .float(.nan) : .string(text)
            }
        }
    }

    /// The kind's name with its article, for error messages: "an integer".
    var kindName: String {
        switch self {
        case .null: return "null"
        case .integer: return "an integer"
        case .float: return "a float"
        case .string(let s): return s.first == TemporalValue.marker ? "a date or time" : "a string"
        case .boolean: return "a boolean"
        case .list: return "a list"
        case .map: return "a map"
        }
    }

    /// The value as a JSON list element; nil for a float JSON cannot hold (NaN, infinity).
    var json: String? {
        switch self {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .float(let d): return d.isFinite ? String(d) : nil
        case .string(let s): return JSONString.quote(s)
        case .boolean(let b): return b ? "true" : "false"
        case .list(let j), .map(let j): return j
        }
    }

    /// The value as `+` shows it inside a string: `'a' + 1.0` is `a1.0`.
    var text: String? {
        switch self {
        case .null, .list, .map: return nil
        case .integer(let i): return String(i)
        case .float(let d): return d.isNaN ? "NaN" : (d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : String(d))
        case .string(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        }
    }
}

/// NaN, which SQLite cannot hold as a REAL (it turns it into NULL), travels through SQL
/// as the 8-byte BLOB of its IEEE 754 bits. No other value the query engine makes is a BLOB.
enum NaNEncoding {
    /// The float an 8-byte BLOB encodes; nil for any other value.
    static func decode(_ value: OpaquePointer) -> Double? {
        guard sqlite3_value_type(value) == SQLITE_BLOB, sqlite3_value_bytes(value) == 8,
              let bytes = sqlite3_value_blob(value) else { return nil }
        return Double(bitPattern: bytes.loadUnaligned(as: UInt64.self))
    }

    /// Sets a float result, encoding NaN as its BLOB.
    static func result(_ context: OpaquePointer?, _ d: Double) {
        guard d.isNaN else { return sqlite3_result_double(context, d) }
        var bits = d.bitPattern
        withUnsafeBytes(of: &bits) { sqlite3_result_blob(context, $0.baseAddress, 8, SQLITE_TRANSIENT) }
    }
}

/// Cypher arithmetic on operands whose kinds only the data knows.
enum CypherArithmetic {
    struct Failure: Error { var message: String }

    /// `a op b` for `-`, `*`, `/`, `%`: integers stay integers (a zero divisor and
    /// overflow are errors), anything with a float is IEEE 754 (0.0 / 0.0 is NaN).
    static func apply(_ op: String, _ a: ArithmeticOperand, _ b: ArithmeticOperand) throws -> ArithmeticOperand {
        if let moved = try temporal(op, a, b) { return moved }
        switch (a, b) {
        case (.null, _), (_, .null): return .null
        case (.integer(let x), .integer(let y)):
            let (value, overflow): (Int64, Bool)
            switch op {
            case "-": (value, overflow) = x.subtractingReportingOverflow(y)
            case "*": (value, overflow) = x.multipliedReportingOverflow(by: y)
            case "/", "%":
                guard y != 0 else { throw Failure(message: "division by zero: \(x) \(op) 0") }
                (value, overflow) = op == "/" ? x.dividedReportingOverflow(by: y) : x.remainderReportingOverflow(dividingBy: y)
            default: throw Failure(message: "unknown operator \(op)")
            }
            if overflow { throw Failure(message: "integer overflow: \(x) \(op) \(y)") }
            return .integer(value)
        default:
            guard let x = number(a), let y = number(b) else {
                throw Failure(message: "cannot apply \(op) to \(a.kindName) and \(b.kindName)")
            }
            switch op {
            case "-": return .float(x - y)
            case "*": return .float(x * y)
            case "/": return .float(x / y)
            case "%": return .float(fmod(x, y))
            default: throw Failure(message: "unknown operator \(op)")
            }
        }
    }

    /// `a + b`: lists concatenate (a non-list joins as one element), strings join with
    /// the other side's text, numbers add; a null outside a list makes null.
    static func add(_ a: ArithmeticOperand, _ b: ArithmeticOperand) throws -> ArithmeticOperand {
        if let moved = try temporal("+", a, b) { return moved }
        switch (a, b) {
        case (.list(let x), .list(let y)): return .list(try concatenate(x, y))
        case (.list(let x), _): return .list(try concatenate(x, "[" + (try element(b)) + "]"))
        case (_, .list(let y)): return .list(try concatenate("[" + (try element(a)) + "]", y))
        case (.null, _), (_, .null): return .null
        case (.integer(let x), .integer(let y)):
            let (sum, overflow) = x.addingReportingOverflow(y)
            if overflow { throw Failure(message: "integer overflow: \(x) + \(y)") }
            return .integer(sum)
        case (.string, _), (_, .string):
            guard let x = a.text, let y = b.text, x.first != TemporalValue.marker, y.first != TemporalValue.marker else {
                throw Failure(message: "cannot add \(a.kindName) and \(b.kindName)")
            }
            return .string(x + y)
        default:
            guard let x = number(a), let y = number(b) else { throw Failure(message: "cannot add \(a.kindName) and \(b.kindName)") }
            return .float(x + y)
        }
    }

    /// Dates and times moved by durations, and durations added or subtracted; nil when
    /// neither side is one, an error for anything else they meet.
    static func temporal(_ op: String, _ a: ArithmeticOperand, _ b: ArithmeticOperand) throws -> ArithmeticOperand? {
        func encoded(_ v: ArithmeticOperand) -> String? {
            if case .string(let s) = v, s.first == TemporalValue.marker { return s }
            return nil
        }
        let x = encoded(a), y = encoded(b)
        guard x != nil || y != nil else { return nil }
        if case .null = a { return .null }
        if case .null = b { return .null }
        let dx = x.flatMap(DurationValue.decode), dy = y.flatMap(DurationValue.decode)
        let tx = x.flatMap(TemporalValue.decode), ty = y.flatMap(TemporalValue.decode)
        do {
            switch (op, tx, dx, ty, dy) {
            case ("+", let t?, _, _, let d?), ("+", _, let d?, let t?, _): return .string(try t.adding(d).encoded)
            case ("-", let t?, _, _, let d?): return .string(try t.adding(d.negated).encoded)
            case ("+", _, let d?, _, let e?): return .string((d + e).encoded)
            case ("-", _, let d?, _, let e?): return .string((d + e.negated).encoded)
            default: throw Failure(message: "cannot apply \(op) to \(a.kindName) and \(b.kindName)")
            }
        } catch let e as TemporalValue.Invalid {
            throw Failure(message: e.message)
        }
    }

    static func number(_ v: ArithmeticOperand) -> Double? {
        switch v {
        case .integer(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    static func element(_ v: ArithmeticOperand) throws -> String {
        guard let json = v.json else { throw Failure(message: "a list cannot hold \(v.text ?? "this value")") }
        return json
    }

    /// Two JSON arrays as one, joined as text.
    static func concatenate(_ x: String, _ y: String) throws -> String {
        let a = x.trimmingCharacters(in: .whitespaces), b = y.trimmingCharacters(in: .whitespaces)
        guard a.hasPrefix("["), a.hasSuffix("]"), b.hasPrefix("["), b.hasSuffix("]") else {
            throw Failure(message: "a list value is not a JSON array")
        }
        let left = a.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        let right = b.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        if left.isEmpty { return "[" + right + "]" }
        if right.isEmpty { return "[" + left + "]" }
        return "[" + left + "," + right + "]"
    }
}

extension Database {
    /// Registers `gx_arith(op, a, b)` for `-`, `*`, `/` and `%`; the variadic
    /// `gx_add(a, aKind, b, bKind, …)`, the left-to-right sum of a `+` chain (kinds are
    /// the store's kind names or NULL); `gx_json_number(x)`, x, or for NaN, which JSON
    /// cannot hold, its `TaggedText`; and `gx_math(name, x…)`, Cypher's logarithmic and
    /// trigonometric functions, `pi()` and `e()` (NaN where the function is undefined).
    /// The corresponding C function is `sqlite3_create_function_v2`.
    func registerArithmetic() throws {
        let arith: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 3, let opValue = values[0], let op = sqlite3_value_text(opValue).map({ String(cString: $0) }) else {
                return sqlite3_result_null(context)
            }
            do {
                setResult(context, try CypherArithmetic.apply(op, ArithmeticOperand(values[1], kind: nil), ArithmeticOperand(values[2], kind: nil)))
            } catch let failure as CypherArithmetic.Failure {
                sqlite3_result_error(context, failure.message, -1)
            } catch {
                sqlite3_result_error(context, "\(error)", -1)
            }
        }
        let add: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count >= 2, count % 2 == 0 else { return sqlite3_result_error(context, "gx_add takes value, kind pairs", -1) }
            do {
                var sum = ArithmeticOperand(values[0], kind: values[1])
                for i in stride(from: 2, to: Int(count), by: 2) {
                    sum = try CypherArithmetic.add(sum, ArithmeticOperand(values[i], kind: values[i + 1]))
                }
                setResult(context, sum)
            } catch let failure as CypherArithmetic.Failure {
                sqlite3_result_error(context, failure.message, -1)
            } catch {
                sqlite3_result_error(context, "\(error)", -1)
            }
        }
        let math: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count >= 2, let nameValue = values[0], let name = sqlite3_value_text(nameValue).map({ String(cString: $0) }) else {
                return sqlite3_result_null(context)
            }
            var arguments: [Double] = []
            for i in 1..<Int(count) {
                guard let v = values[i] else { return sqlite3_result_null(context) }
                switch ArithmeticOperand(v, kind: nil) {
                case .integer(let n): arguments.append(Double(n))
                case .float(let d): arguments.append(d)
                case .null: if !(name == "pi" || name == "e") { return sqlite3_result_null(context) }
                case let other: return sqlite3_result_error(context, "\(name)() takes a number, not \(other.kindName)", -1)
                }
            }
            let x = arguments.first ?? 0
            let result: Double
            switch name {
            case "pi": result = Double.pi
            case "e": result = M_E
            case "log": result = log(x)
            case "log10": result = log10(x)
            case "exp": result = exp(x)
            case "sin": result = sin(x)
            case "cos": result = cos(x)
            case "tan": result = tan(x)
            case "asin": result = asin(x)
            case "acos": result = acos(x)
            case "atan": result = atan(x)
            case "atan2": result = atan2(x, arguments.count > 1 ? arguments[1] : 0)
            case "degrees": result = x * 180 / Double.pi
            case "radians": result = x * Double.pi / 180
            default: return sqlite3_result_error(context, "unknown function \(name)()", -1)
            }
            NaNEncoding.result(context, result)
        }
        let jsonNumber: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
            guard let values, count == 1, let v = values[0] else { return sqlite3_result_null(context) }
            if NaNEncoding.decode(v) != nil { return sqlite3_result_text(context, TaggedText.nan, -1, SQLITE_TRANSIENT) }
            sqlite3_result_value(context, v)
        }
        for (name, arity, f) in [("gx_arith", Int32(3), arith), ("gx_add", Int32(-1), add), ("gx_json_number", Int32(1), jsonNumber), ("gx_math", Int32(-1), math)] {
            let code = sqlite3_create_function_v2(handle, name, arity, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, f, nil, nil, nil)
            guard code == SQLITE_OK else { throw error(code, sql: nil) }
        }
    }
}

/// Sets an SQL function's result from a Cypher value.
private func setResult(_ context: OpaquePointer?, _ value: ArithmeticOperand) {
    switch value {
    case .null: sqlite3_result_null(context)
    case .integer(let i): sqlite3_result_int64(context, i)
    case .float(let d): NaNEncoding.result(context, d)
    case .boolean(let b): sqlite3_result_int(context, b ? 1 : 0)
    case .string(let s), .list(let s), .map(let s): sqlite3_result_text(context, s, -1, SQLITE_TRANSIENT)
    }
}
