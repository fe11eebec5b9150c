import ArgumentParser
import Foundation
import GuanxiExport
import GuanxiStore

/// Draws an entity's neighbourhood with Graphviz `dot`.
enum ProfileDrawing {
    static func dotQuote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The DOT text of the neighbourhood.
    static func dot(nodes: [EntityProfile.NodeRef], edges: [(Int64, String, Int64)], center: Int64) -> String {
        let font = "Noto Sans CJK SC"
        var out = ["digraph guanxi {", "  graph [rankdir=LR, fontname=\(dotQuote(font)), bgcolor=white, pad=0.3];",
                   "  node [shape=box, style=\"rounded,filled\", fontname=\(dotQuote(font)), fontsize=14, color=\"#555555\"];",
                   "  edge [fontname=\(dotQuote(font)), fontsize=10, color=\"#777777\"];"]
        for n in nodes {
            let colour = TypeColours.of(n.type)
            let extra = n.id == center ? ", penwidth=3, fontsize=18" : ""
            out.append("  n\(n.id) [label=\(dotQuote(n.name + "\n" + n.type)), fillcolor=\(dotQuote(colour))\(extra)];")
        }
        for (s, p, o) in edges { out.append("  n\(s) -> n\(o) [label=\(dotQuote(p))];") }
        out.append("}")
        return out.joined(separator: "\n")
    }

    static func findDot() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/dot"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func write(graph: GraphStore, center: Int64, depth: Int, to path: String) throws {
        guard let dot = findDot() else {
            Terminal.err("--svg needs Graphviz: install it with `apt-get install graphviz fonts-noto-cjk` (the font makes Chinese labels legible)")
            throw ExitCode(1)
        }
        let (nodes, edges) = try graph.neighbourhood(center, depth: depth)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-T" + ((path as NSString).pathExtension.lowercased() == "png" ? "png" : "svg"), "-o", path]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(self.dot(nodes: nodes, edges: edges, center: center).utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Terminal.err("dot failed: \(message)")
            throw ExitCode(1)
        }
        FileHandle.standardError.write(Data("guanxi: drew \(nodes.count) entities and \(edges.count) facts to \(path)\n".utf8))
    }
}
