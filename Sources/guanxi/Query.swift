import ArgumentParser
import CEditLine
import Foundation
import GuanxiExport
import GuanxiQuery
import GuanxiStore
import GuanxiText

enum QueryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, graphml
}

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the graph a question in the Cypher-like query language.",
        discussion: """
            Examples:
              guanxi query "MATCH (p:Person)-[r:leads]->(v:Village) RETURN p.name, r.role, v.name"
              guanxi query -f Queries/village_leaders_of_district.cypher --param district=路桥区
              echo 'MATCH (v:Village) RETURN count(v)' | guanxi query
            With no query on a terminal, an interactive prompt opens: end a query with ;.
            """
    )

    @Argument(help: ArgumentHelp("The query.", valueName: "query"))
    var text: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Read the query from a file (- for standard input). Its `// param: name=value` lines are the defaults of --param.", valueName: "file"))
    var file: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A parameter, name=value (value as JSON when it parses, else text).", valueName: "name=value"))
    var param: [String] = []

    @Option(name: .long, help: "Output format: table, json, csv, or graphml (the subgraph of the result's nodes and relationships).")
    var format: QueryFormat = .table

    @Option(name: .long, help: "Stop with an error beyond this many result rows.")
    var maxRows: Int = 100_000

    @Option(name: .long, help: "Stop a query running longer than this many seconds.")
    var timeout: Double = 30

    @Option(name: .long, help: ArgumentHelp("Only facts some document reported on or before this date (YYYY-MM-DD, YYYY-MM or YYYY; a year covers the whole year).", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Only facts some document reported on or after this date.", valueName: "date"))
    var since: String?

    @Flag(name: .long, help: "Fail (exit 1) when the query warns, e.g. of a label or relation type the store does not hold.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("How many relationships `*` and `*n..` may span (1-100); explicit bounds may reach this or 20, whichever is larger.", valueName: "n"))
    var maxHops: Int = 10

    func validate() throws {
        guard (1...100).contains(maxHops) else { throw ValidationError("--max-hops takes 1 to 100, not \(maxHops)") }
        for (option, value) in [("--as-of", asOf), ("--since", since)] {
            if let value, PartialDate(iso: value)?.year == nil {
                throw ValidationError("\(option) takes a date with a year, YYYY-MM-DD, YYYY-MM or YYYY; not ‘\(value)’")
            }
        }
    }

    /// The reporting window of --since and --as-of, nil without either.
    var window: QueryEngine.ReportingWindow? {
        guard asOf != nil || since != nil else { return nil }
        return QueryEngine.ReportingWindow(since: since.flatMap(PartialDate.init(iso:)), asOf: asOf.flatMap(PartialDate.init(iso:)))
    }

    @OptionGroup var store: StoreOptions

    func run() throws {
        let graph = try store.open(create: false, readOnly: true)
        let engine: QueryEngine
        do { engine = try QueryEngine(store: graph) } catch let e as StoreError {
            Terminal.err(e.description)
            throw ExitCode(1)
        }
        engine.limits.maxRows = maxRows
        engine.limits.seconds = timeout
        engine.limits.defaultMaxHops = maxHops
        engine.limits.maxHops = max(20, maxHops)
        do { try engine.restrict(to: window) } catch let e as StoreError {
            Terminal.err(e.description)
            throw ExitCode(1)
        }
        var queryText = text
        var source = "query"
        if let file {
            if file == "-" {
                queryText = Self.readStandardInput()
                source = "<stdin>"
            } else {
                guard let data = FileManager.default.contents(atPath: file), let t = String(data: data, encoding: .utf8) else {
                    Terminal.err("\(file): cannot read the query file")
                    throw ExitCode(1)
                }
                queryText = t
                source = file
            }
        } else if queryText == nil && isatty(0) == 0 {
            // `echo 'MATCH …' | guanxi query`: the query comes on standard input.
            queryText = Self.readStandardInput()
            source = "<stdin>"
        }
        let params: [String: ParameterValue]
        do {
            params = try QueryParameters.resolve(query: queryText ?? "", source: source, given: param)
        } catch let e as QueryParameters.Malformed {
            Terminal.err(e.description)
            throw ExitCode(2)
        }
        guard let queryText else {
            return repl(engine, params, graph)
        }
        guard !queryText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            Terminal.err("no query: \(source) is empty; give one as an argument, with -f FILE, on standard input, or run on a terminal for the interactive prompt")
            throw ExitCode(2)
        }
        guard execute(queryText, engine, params, graph) else { throw ExitCode(1) }
    }

    static func readStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Runs one query and prints its result; false when it failed.
    func execute(_ text: String, _ engine: QueryEngine, _ params: [String: ParameterValue], _ graph: GraphStore) -> Bool {
        do {
            let result = try engine.run(text, parameters: params)
            for w in result.warnings {
                let line = strict && w.hasPrefix("warning: ") ? "error: " + w.dropFirst("warning: ".count) + " (--strict)" : w
                FileHandle.standardError.write(Data("guanxi: \(line)\n".utf8))
            }
            if strict && !result.warnings.isEmpty { return false }
            try print(result, graph)
            return true
        } catch let e as QueryError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
        } catch let e as ExportError {
            Terminal.err(e.description)
        } catch {
            Terminal.err("\(error)")
        }
        return false
    }

    func print(_ result: QueryResult, _ graph: GraphStore) throws {
        if result.isExplain && format == .table {
            for row in result.rows {
                Terminal.out("── \(row[0].display) ──\n\(row[1].display)\n")
            }
            return
        }
        switch format {
        case .table:
            let rows = result.rows.map { $0.map(\.display) }
            Terminal.out(Terminal.table(result.columns, rows))
            FileHandle.standardError.write(Data("\(result.rows.count) row\(result.rows.count == 1 ? "" : "s")\n".utf8))
        case .json:
            let objects = result.rows.map { row in
                "{" + zip(result.columns, row).map { QueryValue.string($0).json + ":" + $1.json }.joined(separator: ",") + "}"
            }
            Terminal.out("[" + objects.joined(separator: ",\n") + "]")
        case .csv:
            func cell(_ s: String) -> String {
                s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
            var lines = [result.columns.map(cell).joined(separator: ",")]
            for row in result.rows { lines.append(row.map { cell($0 == .null ? "" : $0.display) }.joined(separator: ",")) }
            Terminal.out(lines.joined(separator: "\n"))
        case .graphml:
            var nodes = Set<Int64>()
            var edges = Set<Int64>()
            func collect(_ v: QueryValue) {
                switch v {
                case .node(let n): nodes.insert(n.id)
                case .relationship(let r):
                    edges.insert(r.id)
                    nodes.insert(r.start)
                    nodes.insert(r.end)
                case .list(let items): items.forEach(collect)
                case .path(let p):
                    p.nodes.forEach { collect(.node($0)) }
                    p.relationships.forEach { collect(.relationship($0)) }
                default: break
                }
            }
            result.rows.joined().forEach(collect)
            var selection = GraphSelection()
            selection.around = Array(nodes)
            selection.depth = 0
            selection.onlyEdges = edges
            _ = try GraphMLExporter(store: graph, selection: selection).write(to: "-")
        }
    }

    /// The interactive prompt: line editing and history by libedit, queries end with ;.
    func repl(_ engine: QueryEngine, _ params: [String: ParameterValue], _ graph: GraphStore) {
        // libedit reads multibyte characters only in a UTF-8 locale; without LANG the
        // process runs in the C locale and Chinese input would be dropped.
        if let current = setlocale(LC_CTYPE, ""), !String(cString: current).uppercased().contains("UTF-8") {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        let historyFile = (ProcessInfo.processInfo.environment["HOME"] ?? ".") + "/.guanxi_history"
        _ = read_history(historyFile)
        FileHandle.standardError.write(Data("guanxi query — \(store.shown). End a query with ; — Ctrl-D to leave.\n".utf8))
        var buffer = ""
        while true {
            guard let raw = readline(buffer.isEmpty ? "guanxi> " : "   ...> ") else { break }
            let line = String(cString: raw)
            free(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty && buffer.isEmpty { continue }
            buffer += (buffer.isEmpty ? "" : "\n") + line
            guard line.trimmingCharacters(in: .whitespaces).hasSuffix(";") else { continue }
            add_history(buffer.replacingOccurrences(of: "\n", with: " "))
            _ = write_history(historyFile)
            _ = execute(buffer, engine, params, graph)
            buffer = ""
        }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
