import GuanxiText
import ArgumentParser
import Foundation
import GuanxiExtraction
import GuanxiStore

/// Turns what a user typed (a name, an alias, `#83` or `83`) into one node, as
/// `profile` and `export --around` both need: several entities sharing the name are
/// listed with their places and the user picks one with `--pick N` or its id.
enum EntityChoice {
    /// The node meant by `text`.
    /// - Throws: `ExitCode(1)` after naming the closest names when nothing matches,
    ///   `ExitCode(3)` after listing the candidates when several match and no pick.
    static func resolve(_ text: String, in graph: GraphStore, pick: Int?, json: Bool, db: String) throws -> Int64 {
        let idText = text.hasPrefix("#") ? String(text.dropFirst()) : text
        if let id = Int64(idText), try graph.nodeExists(id) { return id }
        if text.hasPrefix("#"), Int64(idText) != nil {
            Terminal.err("no entity with id \(text) in \(db)")
            throw ExitCode(1)
        }
        let candidates = try graph.candidates(named: text)
        if candidates.isEmpty {
            let close = try graph.closestNames(to: text)
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "‘\($0)’" }.joined(separator: ", "))?"
            Terminal.err("no entity named ‘\(text)’ in \(db)\(hint)")
            throw ExitCode(1)
        }
        if candidates.count == 1 { return candidates[0].node.id }
        if let pick {
            guard pick <= candidates.count else {
                Terminal.err("--pick \(pick): there are only \(candidates.count) candidates for ‘\(text)’")
                throw ExitCode(1)
            }
            return candidates[pick - 1].node.id
        }
        if json {
            let items = candidates.enumerated().map { i, c in
                "{\"pick\":\(i + 1),\"id\":\(c.node.id),\"name\":\(JSONString.quote(c.node.name)),\"type\":\(JSONString.quote(c.node.type)),\"path\":[\(c.path.map(JSONString.quote).joined(separator: ","))],\"context\":\(JSONString.quote(c.context)),\"documents\":\(c.documents)}"
            }
            Terminal.out("{\"candidates\":[\(items.joined(separator: ","))]}")
        } else {
            var lines = ["‘\(text)’ names \(candidates.count) entities; pick one with --pick N or give its id:"]
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
