import ArgumentParser
import Foundation
import GuanxiExtraction
import GuanxiStore

enum ProfileFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Everything known about one entity, each fact with the sentence it came from.",
        discussion: "A name matches canonical names and aliases. When several entities share it, a numbered list is printed; pick one with --pick N or by id."
    )

    @Argument(help: ArgumentHelp("An entity name, an alias, or a node id.", valueName: "name|id"))
    var entity: String

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: ProfileFormat = .text

    @Option(name: .long, help: "Pick candidate N of an ambiguous name.")
    var pick: Int?

    @Option(name: .long, help: ArgumentHelp("Draw the neighbourhood as SVG with Graphviz.", valueName: "file"))
    var svg: String?

    @Option(name: .long, help: "Depth of the neighbourhood drawn with --svg.")
    var depth: Int = 1

    func validate() throws {
        if let pick, pick < 1 { throw ValidationError("--pick counts from 1.") }
        if depth < 1 || depth > 4 { throw ValidationError("--depth must be between 1 and 4.") }
    }

    func run() throws {
        let graph = try store.open(create: false)
        do {
            guard let id = try resolve(graph) else { return }
            let profile = try graph.profile(id)
            switch format {
            case .text: Terminal.out(ProfileText.render(profile, colour: Terminal.stdoutIsTerminal))
            case .markdown: Terminal.out(ProfileText.markdown(profile))
            case .json: Terminal.out(ProfileText.json(profile))
            }
            if let svg { try ProfileDrawing.write(graph: graph, center: id, depth: depth, to: svg) }
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(1)
        }
    }

    /// The node the user means, or nil after printing candidates or suggestions.
    func resolve(_ graph: GraphStore) throws -> Int64? {
        if let id = Int64(entity), try graph.nodeExists(id) { return id }
        let candidates = try graph.candidates(named: entity)
        if candidates.isEmpty {
            let close = try graph.closestNames(to: entity)
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "‘\($0)’" }.joined(separator: ", "))?"
            Terminal.err("no entity named ‘\(entity)’ in \(store.db)\(hint)")
            throw ExitCode(1)
        }
        if candidates.count == 1 { return candidates[0].node.id }
        if let pick {
            guard pick <= candidates.count else {
                Terminal.err("--pick \(pick): there are only \(candidates.count) candidates for ‘\(entity)’")
                throw ExitCode(1)
            }
            return candidates[pick - 1].node.id
        }
        if format == .json {
            let items = candidates.enumerated().map { i, c in
                "{\"pick\":\(i + 1),\"id\":\(c.node.id),\"name\":\(JSONLines.quote(c.node.name)),\"type\":\(JSONLines.quote(c.node.type)),\"path\":[\(c.path.map(JSONLines.quote).joined(separator: ","))],\"context\":\(JSONLines.quote(c.context)),\"documents\":\(c.documents)}"
            }
            Terminal.out("{\"candidates\":[\(items.joined(separator: ","))]}")
        } else {
            var lines = ["‘\(entity)’ names \(candidates.count) entities; pick one with --pick N or give its id:"]
            let rows = candidates.enumerated().map { i, c in
                ["\(i + 1)", "#\(c.node.id)", c.node.type, c.path.count > 1 ? c.path.joined(separator: " › ") : c.context,
                 "\(c.documents) document\(c.documents == 1 ? "" : "s")"]
            }
            lines.append(Terminal.table(["", "id", "type", "place or first fact", "documents"], rows))
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        throw ExitCode(3)
    }
}
