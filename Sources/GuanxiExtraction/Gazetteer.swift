import Foundation

/// One administrative unit of the gazetteer.
public struct GazetteerUnit: Sendable, Hashable {
    /// The 12-digit NBS statistical division code.
    public let code: String
    /// Index of the parent unit in `Gazetteer.units`, or -1 for a province.
    public let parent: Int32
    /// The entity type the unit's level maps to.
    public let type: EntityType
    /// The name as the source gives it (`海峰村委会`).
    public let name: String
    /// The name in the form articles use (`海峰村`).
    public let shortName: String
}

/// How a gazetteer name was written in the text.
public enum GazetteerForm: Sendable, Hashable {
    /// The unit's full name (`路桥区`, `海峰村`).
    case full
    /// A short form with the level suffix dropped (`路桥`, `金清`); accepted only where
    /// the document's context supports it.
    case short
}

/// A gazetteer entry reachable from a written name.
public struct GazetteerEntry: Sendable, Hashable {
    /// Index into `Gazetteer.units`.
    public let unit: Int32
    /// Which form of the name matched.
    public let form: GazetteerForm
}

/// China's administrative divisions as knowledge for the extractor: names, levels,
/// parents and a trie over every written form.
public struct Gazetteer: Sendable {
    /// Every unit, parents before children.
    public private(set) var units: [GazetteerUnit] = []
    /// Every written form (full and short) of every unit.
    public private(set) var names = ScalarTrie<GazetteerEntry>()
    private var indexByCode: [String: Int32] = [:]

    /// The files a gazetteer folder holds, read in this order.
    public static let fileNames = ["china-county.tsv", "zhejiang.tsv"]

    /// An empty gazetteer: extraction then relies on the suffix rules alone.
    public init() {}

    /// The folder of gazetteer files shipped with the package.
    public static var bundledDirectory: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Gazetteer").path
    }

    /// Loads the gazetteer from `directory`, or the bundled one when nil.
    /// - Throws: `RuleFileError` naming the file and line of a malformed row.
    public static func load(directory: String? = nil) throws -> Gazetteer {
        guard let dir = directory ?? bundledDirectory else {
            throw RuleFileError(file: "Gazetteer", line: 0, message: "the package's gazetteer is missing from its resource bundle")
        }
        var gazetteer = Gazetteer()
        var found = false
        for name in fileNames {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            found = true
            try gazetteer.add(tsv: [UInt8](data), path: path)
        }
        if !found {
            throw RuleFileError(file: dir, line: 0, message: "no gazetteer files here; expected \(fileNames.joined(separator: " or "))")
        }
        gazetteer.buildNames()
        return gazetteer
    }

    /// The unit with `code`, if present.
    public func unit(code: String) -> Int32? { indexByCode[code] }

    /// The chain of units from `unit` up to its province, nearest first, `unit` included.
    public func lineage(_ unit: Int32) -> [Int32] {
        var out: [Int32] = []
        var u = unit
        var guardCount = 0
        while u >= 0 && Int(u) < units.count && guardCount < 8 {
            out.append(u)
            u = units[Int(u)].parent
            guardCount += 1
        }
        return out
    }

    /// Adds the rows of one TSV file (`code parent_code level name short_name`).
    mutating func add(tsv bytes: [UInt8], path: String) throws {
        var lineNumber = 0
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            defer { start = end + 1 }
            if lineNumber == 1 || end == start { continue }
            var fields: [String] = []
            var fieldStart = start
            for i in start...end where i == end || bytes[i] == 0x09 {
                var hi = i
                if hi > fieldStart && bytes[hi - 1] == 0x0D { hi -= 1 }
                fields.append(String(decoding: bytes[fieldStart..<hi], as: UTF8.self))
                fieldStart = i + 1
            }
            guard fields.count == 5 else {
                throw RuleFileError(file: path, line: lineNumber, message: "expected 5 tab-separated fields (code, parent_code, level, name, short_name), found \(fields.count)")
            }
            let code = fields[0]
            if indexByCode[code] != nil { continue }
            let type: EntityType
            switch fields[2] {
            case "province": type = .province
            case "city": type = .city
            case "county": type = .district
            case "town": type = .town
            case "village":
                type = fields[4].hasSuffix("社区") || fields[4].hasSuffix("小区") ? .community : .village
            default:
                throw RuleFileError(file: path, line: lineNumber, message: "unknown level '\(fields[2])'; expected province, city, county, town or village")
            }
            var parent: Int32 = -1
            if !fields[1].isEmpty {
                guard let p = indexByCode[fields[1]] else {
                    throw RuleFileError(file: path, line: lineNumber, message: "parent code \(fields[1]) is not an earlier row")
                }
                parent = p
            }
            indexByCode[code] = Int32(units.count)
            units.append(GazetteerUnit(code: code, parent: parent, type: type, name: fields[3], shortName: fields[4]))
        }
    }

    static let ignoredNames: Set<String> = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]

    mutating func buildNames() {
        var trie = ScalarTrie<GazetteerEntry>()
        for (i, unit) in units.enumerated() {
            let index = Int32(i)
            if Self.ignoredNames.contains(unit.name) { continue }
            var forms = Set<String>()
            // Two-character names above village level (城区, 郊区) are everyday words.
            let minimum = unit.type == .village || unit.type == .community ? 2 : 3
            for form in [unit.name, unit.shortName] where form.unicodeScalars.count >= minimum && forms.insert(form).inserted {
                trie.insert(form, value: GazetteerEntry(unit: index, form: .full))
            }
            if let short = Self.shortForm(of: unit), !forms.contains(short) {
                trie.insert(short, value: GazetteerEntry(unit: index, form: .short))
            }
        }
        names = trie
    }

    /// The form with the level suffix dropped (`路桥区` → `路桥`), when two or more
    /// characters remain.
    static func shortForm(of unit: GazetteerUnit) -> String? {
        var name = unit.shortName
        let suffixes: [String]
        switch unit.type {
        case .province: suffixes = ["自治区", "省", "市"]
        case .city: suffixes = ["地区", "市"]
        case .district: suffixes = ["区", "县", "市"]
        case .town: suffixes = ["街道", "镇", "乡"]
        case .village, .community: suffixes = ["社区", "村"]
        default: return nil
        }
        guard let suffix = suffixes.first(where: { name.hasSuffix($0) }) else { return nil }
        name.removeLast(suffix.count)
        if unit.type == .province && suffix == "自治区" {
            for ethnic in ["维吾尔", "壮族", "回族"] where name.hasSuffix(ethnic) { name.removeLast(ethnic.count) }
        }
        if name.hasSuffix("族") || name.hasSuffix("自治") { return nil }
        return name.unicodeScalars.count >= 2 ? name : nil
    }
}
