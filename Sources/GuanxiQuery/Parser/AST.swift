/// A literal value in a query.
public enum Literal: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    case string(String)
}

/// An expression of the query language.
public indirect enum Expression: Sendable {
    case literal(Literal)
    case parameter(String, SourcePosition)
    case variable(String, SourcePosition)
    case property(Expression, String, SourcePosition)
    case list([Expression])
    case map([(String, Expression)])
    case unary(String, Expression, SourcePosition)
    case binary(String, Expression, Expression, SourcePosition)
    case isNull(Expression, negated: Bool)
    case function(String, distinct: Bool, arguments: [Expression], SourcePosition)
    case countStar
    case caseWhen(subject: Expression?, branches: [(Expression, Expression)], otherwise: Expression?)
    case index(Expression, Expression, SourcePosition)
    case slice(Expression, Expression?, Expression?, SourcePosition)
    case patternPredicate(PathPattern)
    /// `[x IN list WHERE predicate | projection]`.
    case listComprehension(variable: String, list: Expression, predicate: Expression?, projection: Expression?, SourcePosition)
    /// `[p = (a)-->(b) WHERE predicate | projection]`: one element per match.
    case patternComprehension(PathPattern, predicate: Expression?, projection: Expression, SourcePosition)
}

/// `(n:Label {key: value})`.
public struct NodePattern: Sendable {
    public var variable: String?
    public var labels: [String]
    public var properties: [(String, Expression)]
    public var position: SourcePosition
}

/// The direction of a relationship pattern.
public enum Direction: Sendable {
    case outgoing, incoming, either
}

/// `-[r:TYPE|OTHER*1..3 {key: value}]->`.
public struct RelationshipPattern: Sendable {
    public var variable: String?
    public var types: [String]
    public var direction: Direction
    /// nil for a single hop; otherwise the bounds of a variable-length pattern.
    public var length: (min: Int, max: Int?)?
    public var properties: [(String, Expression)]
    public var position: SourcePosition
}

/// `p = (a)-[r]->(b)<-[s]-(c)`.
public struct PathPattern: Sendable {
    public var variable: String?
    public var nodes: [NodePattern]
    public var relationships: [RelationshipPattern]
    /// `shortestPath(…)` (one shortest path per pair of ends) or `allShortestPaths(…)`.
    public var shortest: ShortestPaths? = nil
}

/// Which shortest paths a pattern asks for.
public enum ShortestPaths: Sendable {
    case one, all
}

/// One item of RETURN or WITH.
public struct ProjectionItem: Sendable {
    public var expression: Expression
    public var alias: String?
    /// The expression as written, which names the column when there is no alias.
    public var text: String
    public var position: SourcePosition
}

/// RETURN or WITH.
public struct Projection: Sendable {
    public var distinct = false
    public var star = false
    public var items: [ProjectionItem] = []
    public var order: [(Expression, ascending: Bool)] = []
    public var skip: Expression?
    public var limit: Expression?
    public var position: SourcePosition
}

/// A clause.
public enum Clause: Sendable {
    case match(optional: Bool, patterns: [PathPattern], predicate: Expression?, SourcePosition)
    case with(Projection, predicate: Expression?)
    case unwind(Expression, alias: String, SourcePosition)
    case returns(Projection)
}

/// A query: single queries joined by UNION.
public struct QueryAST: Sendable {
    public var parts: [[Clause]]
    /// For each UNION between parts: true for UNION ALL.
    public var unionAll: [Bool]
    public var explain: Bool
    /// `PROFILE`: run the query step by step and report each step's rows and time.
    public var profile = false
}
