import GuanxiStore

extension QueryEngine {
    /// One step of a profiled plan: an operator, and whether it ends a whole query
    /// (its rows are the query's) or feeds the next step.
    struct ProfileStep {
        let label: String
        let plan: LogicalOperator
        let whole: Bool
    }

    /// `PROFILE`: each step of the plan, innermost first, with the rows it yields and
    /// the time it takes. SQLite runs a query as one statement, so each step is measured
    /// as the plan up to it, run whole and counted (`total_ms`); a step's own time (`ms`)
    /// is that less the step before's, or 0 where SQLite counted the longer prefix
    /// faster. The last step is the query itself, run as without `PROFILE`.
    func profile(_ bound: BoundQuery, _ parameters: [String: ParameterValue]) throws -> QueryResult {
        let clock = ContinuousClock()
        var rows: [[QueryValue]] = []
        var previous = 0.0
        let steps = Self.steps(of: bound.plan, label: "")
        for (i, step) in steps.enumerated() {
            var generator = generator(bound, parameters)
            let last = i == steps.count - 1
            let compiled = step.whole ? try generator.compile(step.plan) : nil
            let sql = try compiled?.sql ?? generator.generate(step.plan).sql
            // Each step runs twice and keeps the faster run: the first also reads the
            // pages the step needs from disk, which the query proper would find cached.
            var count = 0
            var best = Double.infinity
            for _ in 0..<2 {
                let started = clock.now
                if last, let compiled {
                    count = try execute(compiled, warnings: []).rows.count
                } else {
                    count = try countRows("SELECT count(*) FROM (\(sql)) AS step", generator.bindings)
                }
                let elapsed = clock.now - started
                best = min(best, Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            rows.append([.integer(Int64(i + 1)), .string(step.label), .integer(Int64(count)),
                         .float((max(0, best - previous) * 100).rounded() / 100), .float((best * 100).rounded() / 100)])
            previous = best
        }
        return QueryResult(columns: ["step", "operator", "rows", "ms", "total_ms"], rows: rows, warnings: bound.warnings)
    }

    /// The steps of a plan, innermost first (the empty row every query starts from is
    /// left out); the parts of a UNION in turn, then the union.
    static func steps(of plan: LogicalOperator, label prefix: String) -> [ProfileStep] {
        let label = prefix + (plan.lines().first?.trimmingCharacters(in: .whitespaces) ?? "")
        switch plan {
        case .unit:
            return []
        case .union(let parts, _):
            var out: [ProfileStep] = []
            for (i, part) in parts.enumerated() { out += steps(of: part, label: "part \(i + 1): ") }
            return out + [ProfileStep(label: label, plan: plan, whole: true)]
        case .match(let input, _, _, _), .unwind(let input, _, _), .filter(let input, _):
            return steps(of: input, label: prefix) + [ProfileStep(label: label, plan: plan, whole: false)]
        case .project(let input, _, _, let final):
            return steps(of: input, label: prefix) + [ProfileStep(label: label, plan: plan, whole: final)]
        }
    }

    /// The single count a counting statement returns, within the query's time limit.
    func countRows(_ sql: String, _ bindings: [SQLValue]) throws -> Int {
        try withinLimits { Int(try store.database.scalar(sql, bindings)?.integer ?? 0) }
    }
}
