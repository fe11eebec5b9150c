extension Parser {
    /// `p = (a)-[r]->(b)…` or `(a)…`.
    mutating func pathPattern() throws -> PathPattern {
        var variable: String?
        if case .identifier(let name) = current.kind, isSymbol("=", at: 1) {
            variable = name
            advance()
            advance()
        }
        if case .identifier(let name) = current.kind, ["shortestpath", "allshortestpaths"].contains(name.lowercased()), isSymbol("(", at: 1) {
            let position = current.position
            advance()
            advance()
            var path = try pathPattern()
            try expect(symbol: ")", "‘)’ to close \(name)(…)")
            guard path.variable == nil, path.relationships.count == 1 else {
                throw QueryError(.syntax, "\(name)() takes one relationship pattern, as in \(name)((a)-[*..6]-(b))", at: position, in: source)
            }
            if path.relationships[0].length == nil { path.relationships[0].length = (1, 1) }
            path.variable = variable
            path.shortest = name.lowercased() == "shortestpath" ? .one : .all
            return path
        }
        var path = PathPattern(variable: variable, nodes: [try nodePattern()], relationships: [])
        while isSymbol("-") || isSymbol("<-") {
            path.relationships.append(try relationshipPattern())
            path.nodes.append(try nodePattern())
        }
        return path
    }

    mutating func nodePattern() throws -> NodePattern {
        let start = current.position
        try expect(symbol: "(", "‘(’ to start a node pattern")
        var node = NodePattern(variable: nil, labels: [], properties: [], position: start)
        if case .identifier = current.kind { node.variable = try identifier("a variable") }
        while accept(symbol: ":") { node.labels.append(try identifier("a label after ‘:’")) }
        if isSymbol("{") { node.properties = try mapLiteral() }
        try expect(symbol: ")", "‘)’ to close the node pattern")
        return node
    }

    mutating func relationshipPattern() throws -> RelationshipPattern {
        let start = current.position
        let leftArrow = accept(symbol: "<-")
        if !leftArrow { try expect(symbol: "-") }
        var rel = RelationshipPattern(variable: nil, types: [], direction: .either, length: nil, properties: [], position: start)
        if accept(symbol: "[") {
            if case .identifier = current.kind { rel.variable = try identifier("a variable") }
            if accept(symbol: ":") {
                rel.types.append(try identifier("a relation type after ‘:’"))
                while accept(symbol: "|") {
                    _ = accept(symbol: ":")
                    rel.types.append(try identifier("a relation type after ‘|’"))
                }
            }
            if accept(symbol: "*") {
                var lower: Int?
                var upper: Int?
                var range = false
                if case .integer(let v) = current.kind { lower = Int(v); advance() }
                if accept(symbol: "..") {
                    range = true
                    if case .integer(let v) = current.kind { upper = Int(v); advance() }
                }
                let min = lower ?? 1
                let max = range ? upper : (lower ?? nil)
                // An empty range (*2..1) is legal and matches nothing.
                rel.length = (min, max)
            }
            if isSymbol("{") { rel.properties = try mapLiteral() }
            try expect(symbol: "]", "‘]’ to close the relationship pattern")
        }
        if accept(symbol: "->") {
            // <-[…]-> points both ways: either direction, like -[…]-.
            rel.direction = leftArrow ? .either : .outgoing
        } else {
            try expect(symbol: "-", "‘-’ or ‘->’ to end the relationship pattern")
            rel.direction = leftArrow ? .incoming : .either
        }
        return rel
    }

    /// `{key: expression, …}`.
    mutating func mapLiteral() throws -> [(String, Expression)] {
        try expect(symbol: "{")
        var entries: [(String, Expression)] = []
        if !isSymbol("}") {
            repeat {
                let key: String
                if case .string(let s) = current.kind { key = s; advance() } else { key = try identifier("a property name") }
                try expect(symbol: ":", "‘:’ after the property name")
                entries.append((key, try expression()))
            } while accept(symbol: ",")
        }
        try expect(symbol: "}", "‘}’ to close the map")
        return entries
    }
}
