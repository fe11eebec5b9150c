import Foundation
import GuanxiExtraction

/// A user's word on cross-document merges, read from a small text file:
///
///     # guanxi merge overrides: `force|forbid Type Name`
///     force   Person   王芳        # one node for every 王芳, whatever the unit
///     forbid  Company  青山科技    # a node per document for this name
public struct MergeOverrides: Sendable {
    /// Names that always merge across documents, by type.
    public var force = Set<String>()
    /// Names that never merge across documents, by type.
    public var forbid = Set<String>()

    /// No overrides.
    public init() {}

    static func key(_ type: EntityType, _ name: String) -> String { type.rawValue + "\t" + name }

    /// Reads an override file.
    /// - Throws: `RuleFileError` naming the file and line of a malformed entry.
    public init(path: String) throws {
        let file = try RuleFile.read(path)
        for line in try file.entries(fields: 3...3, shape: "force|forbid, a type and a name") {
            guard let type = EntityType(rawValue: line.fields[1]) else {
                throw RuleFileError(file: path, line: line.line, message: "unknown entity type '\(line.fields[1])'")
            }
            switch line.fields[0] {
            case "force": force.insert(Self.key(type, line.fields[2]))
            case "forbid": forbid.insert(Self.key(type, line.fields[2]))
            default: throw RuleFileError(file: path, line: line.line, message: "expected force or forbid, found '\(line.fields[0])'")
            }
        }
    }
}
