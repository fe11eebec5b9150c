import Foundation
@testable import GuanxiExtraction
import GuanxiText

/// One extractor for all tests: loading rules and gazetteer is the slow part.
enum Fixture {
    static let extractor: Extractor? = try? Extractor.standard()

    static func extract(_ text: String, name: String = "t.txt") throws -> DocumentExtraction {
        guard let extractor else { throw RuleFileError(file: "Rules", line: 0, message: "the bundled rules did not load") }
        return extractor.extract(SourceText(name: name, text: text))
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The JSON lines of every seed article in `shared/seeds`.
    static func seedLines(_ shared: String) throws -> [String] {
        guard let extractor else { throw RuleFileError(file: "Rules", line: 0, message: "the bundled rules did not load") }
        var lines: [String] = []
        let seeds = shared + "/seeds"
        for file in try FileManager.default.contentsOfDirectory(atPath: seeds).sorted() where file.hasSuffix(".txt") {
            lines += JSONLines.lines(for: extractor.extract(try DocumentDecoder.read(path: seeds + "/" + file)))
        }
        return lines
    }

    /// `../shared` beside the package, when present (CI has it; a user's clone does not).
    static var shared: String? {
        let dir = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: dir + "/ONTOLOGY.md") ? dir : nil
    }
}

extension DocumentExtraction {
    func entity(_ name: String) -> Entity? { entities.first { $0.name == name || $0.aliases.contains(name) } }

    func names(_ type: EntityType) -> Set<String> { Set(entities.filter { $0.type == type }.map(\.name)) }

    func facts(_ predicate: RelationType) -> [(String, String, String?)] {
        relations.filter { $0.predicate == predicate }.map { (entities[$0.subject].name, entities[$0.object].name, $0.role ?? $0.amount) }
    }

    func has(_ subject: String, _ predicate: RelationType, _ object: String) -> Bool {
        facts(predicate).contains { $0.0 == subject && $0.1 == object }
    }
}
