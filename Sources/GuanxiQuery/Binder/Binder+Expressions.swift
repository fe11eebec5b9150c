/// Walks over expressions that the binder's checks share: sub-expressions, rewriting,
/// aggregate calls, position-free shapes, grouping keys and the kinds a literal shows.
extension Binder {
    /// The direct sub-expressions of an expression.
    static func children(of e: Expression) -> [Expression] {
        switch e {
        case .literal, .parameter, .variable, .countStar, .patternPredicate: return []
        case .property(let b, _, _), .unary(_, let b, _), .isNull(let b, _): return [b]
        case .binary(_, let a, let b, _), .index(let a, let b, _): return [a, b]
        case .function(_, _, let args, _), .list(let args): return args
        case .map(let entries): return entries.map(\.1)
        case .caseWhen(let s, let branches, let o): return [s, o].compactMap { $0 } + branches.flatMap { [$0.0, $0.1] }
        case .slice(let a, let b, let c, _): return [a, b, c].compactMap { $0 }
        case .listComprehension(_, let list, let predicate, let projection, _): return [list] + [predicate, projection].compactMap { $0 }
        case .patternComprehension(let pattern, let predicate, let projection, _):
            return pattern.nodes.flatMap { $0.properties.map(\.1) } + pattern.relationships.flatMap { $0.properties.map(\.1) } + [predicate, projection].compactMap { $0 }
        }
    }

    /// The expression with every sub-expression for which `replacement` has an answer replaced, outermost first.
    static func replacing(_ e: Expression, _ replacement: (Expression) -> Expression?) -> Expression {
        if let r = replacement(e) { return r }
        func f(_ x: Expression) -> Expression { replacing(x, replacement) }
        switch e {
        case .literal, .parameter, .variable, .countStar, .patternPredicate: return e
        case .property(let b, let k, let p): return .property(f(b), k, p)
        case .unary(let op, let b, let p): return .unary(op, f(b), p)
        case .isNull(let b, let negated): return .isNull(f(b), negated: negated)
        case .binary(let op, let a, let b, let p): return .binary(op, f(a), f(b), p)
        case .index(let a, let b, let p): return .index(f(a), f(b), p)
        case .function(let n, let d, let args, let p): return .function(n, distinct: d, arguments: args.map(f), p)
        case .list(let items): return .list(items.map(f))
        case .map(let entries): return .map(entries.map { ($0.0, f($0.1)) })
        case .caseWhen(let s, let branches, let o): return .caseWhen(subject: s.map(f), branches: branches.map { (f($0.0), f($0.1)) }, otherwise: o.map(f))
        case .slice(let a, let b, let c, let p): return .slice(f(a), b.map(f), c.map(f), p)
        case .listComprehension(let v, let list, let predicate, let projection, let p):
            return .listComprehension(variable: v, list: f(list), predicate: predicate.map(f), projection: projection.map(f), p)
        case .patternComprehension(let pattern, let predicate, let projection, let p):
            return .patternComprehension(pattern, predicate: predicate.map(f), projection: f(projection), p)
        }
    }

    /// The outermost aggregate calls in an expression.
    static func aggregateCalls(in e: Expression) -> [Expression] {
        if case .countStar = e { return [e] }
        if case .function(let name, _, _, _) = e, aggregates.contains(name.lowercased()) { return [e] }
        return children(of: e).flatMap(aggregateCalls)
    }

    /// An expression written out without positions, so two spellings of one expression compare equal.
    static func shape(_ e: Expression) -> String {
        let inner = children(of: e).map(shape).joined(separator: ",")
        switch e {
        case .literal(let l): return "lit:\(l)"
        case .parameter(let n, _): return "$\(n)"
        case .variable(let n, _): return "v:\(n)"
        case .property(_, let k, _): return "(\(inner)).\(k)"
        case .function(let n, let d, _, _): return "\(n.lowercased())(\(d ? "distinct " : "")\(inner))"
        case .countStar: return "count(*)"
        case .unary(let op, _, _), .binary(let op, _, _, _): return "\(op)(\(inner))"
        case .isNull(_, let negated): return "isnull\(negated)(\(inner))"
        case .list: return "[\(inner)]"
        case .map(let entries): return "{\(entries.map(\.0).joined(separator: ","))|\(inner)}"
        case .index: return "idx(\(inner))"
        case .slice(_, let b, let c, _): return "slice\(b != nil)\(c != nil)(\(inner))"
        case .caseWhen(let s, _, let o): return "case\(s != nil)\(o != nil)(\(inner))"
        case .patternPredicate(let p): return "pattern(\(p.nodes.map { "\($0.variable ?? ""):\($0.labels.joined(separator: ":"))" }.joined(separator: "-")))"
        case .listComprehension(let v, _, let predicate, let projection, _): return "[\(v) in \(predicate != nil)\(projection != nil)(\(inner))]"
        case .patternComprehension(let p, let predicate, _, let position):
            return "[pattern@\(position.offset)\(p.variable ?? "")\(predicate != nil)(\(inner))]"
        }
    }

    /// Where an expression starts, when it knows.
    static func position(of e: Expression) -> SourcePosition? {
        switch e {
        case .parameter(_, let p), .variable(_, let p), .property(_, _, let p), .unary(_, _, let p), .binary(_, _, _, let p),
             .function(_, _, _, let p), .index(_, _, let p), .slice(_, _, _, let p), .listComprehension(_, _, _, _, let p),
             .patternComprehension(_, _, _, let p):
            return p
        default: return nil
        }
    }

    /// `n` and `n.key` as grouping keys; nil for other expressions.
    static func groupingKey(_ e: Expression) -> String? {
        switch e {
        case .variable(let v, _): return v
        case .property(.variable(let v, _), let k, _): return v + "." + k
        default: return nil
        }
    }

    /// The first variable read outside aggregates and outside grouped sub-expressions;
    /// `local` names are a comprehension's own.
    static func ungrouped(_ e: Expression, local: Set<String> = [], grouped: (Expression) -> Bool) -> (String, SourcePosition)? {
        if grouped(e) { return nil }
        switch e {
        case .variable(let v, let p): return local.contains(v) ? nil : (v, p)
        case .function(let name, _, _, _) where aggregates.contains(name.lowercased()): return nil
        case .patternPredicate: return nil
        case .listComprehension(let v, let list, let predicate, let projection, _):
            if let hit = ungrouped(list, local: local, grouped: grouped) { return hit }
            for c in [predicate, projection].compactMap({ $0 }) {
                if let hit = ungrouped(c, local: local.union([v]), grouped: grouped) { return hit }
            }
            return nil
        case .patternComprehension(let pattern, _, _, _):
            let own = Set(pattern.nodes.compactMap(\.variable) + pattern.relationships.compactMap(\.variable) + [pattern.variable].compactMap { $0 })
            for c in children(of: e) { if let hit = ungrouped(c, local: local.union(own), grouped: grouped) { return hit } }
            return nil
        default:
            for c in children(of: e) { if let hit = ungrouped(c, local: local, grouped: grouped) { return hit } }
            return nil
        }
    }

    /// What a literal, list or map evaluates to, whatever the data; `.any` otherwise.
    static func evidentKind(_ e: Expression) -> ValueKind {
        switch e {
        case .literal(.boolean): return .boolean
        case .literal(.integer): return .integer
        case .literal(.float): return .float
        case .literal(.string): return .string
        case .list: return .list(.any)
        case .map: return .map
        default: return .any
        }
    }

    /// The variables an expression reads.
    static func variableNames(in e: Expression) -> Set<String> {
        switch e {
        case .variable(let name, _): return [name]
        case .patternPredicate(let p): return Set(p.nodes.compactMap(\.variable) + p.relationships.compactMap(\.variable))
        case .listComprehension(let v, let list, let predicate, let projection, _):
            let inner = [predicate, projection].compactMap { $0 }.reduce(into: Set<String>()) { $0.formUnion(variableNames(in: $1)) }
            return variableNames(in: list).union(inner.subtracting([v]))
        default: return children(of: e).reduce(into: []) { $0.formUnion(variableNames(in: $1)) }
        }
    }
}
