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
    private var indexByCode: [Int64: Int32] = [:]

    /// The files a gazetteer folder holds, read in this order.
    public static let fileNames = ["china-county.tsv", "zhejiang.tsv"]

    /// An empty gazetteer: extraction then relies on the suffix rules alone.
    public init() {}

    init(units: [GazetteerUnit], names: ScalarTrie<GazetteerEntry>, indexByCode: [Int64: Int32]) {
        self.units = units
        self.names = names
        self.indexByCode = indexByCode
    }

    /// The folder of gazetteer files shipped with the package.
    public static var bundledDirectory: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Gazetteer").path
    }

    /// Loads the gazetteer from `directory`, or the bundled one when nil.
    /// - Throws: `RuleFileError` naming the file and line of a malformed row.
    public static func load(directory: String? = nil) throws -> Gazetteer {
        try load(directory: directory, cache: GazetteerCache())
    }

    /// Loads the gazetteer from `directory`, through `cache`.
    static func load(directory: String?, cache: GazetteerCache) throws -> Gazetteer {
        guard let dir = directory ?? bundledDirectory else {
            throw RuleFileError(file: "Gazetteer", line: 0, message: "the package's gazetteer is missing from its resource bundle")
        }
        let paths = fileNames.map { (dir as NSString).appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0) }
        if paths.isEmpty {
            throw RuleFileError(file: dir, line: 0, message: "no gazetteer files here; expected \(fileNames.joined(separator: " or "))")
        }
        // Built once per set of files and kept between runs.
        let key = GazetteerCache.key(of: paths)
        if let key, let stored = cache.load(key: key) { return stored }
        var gazetteer = Gazetteer()
        gazetteer.indexByCode.reserveCapacity(32_768)
        gazetteer.units.reserveCapacity(32_768)
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuleFileError(file: path, line: 0, message: "cannot be read")
            }
            try gazetteer.add(tsv: [UInt8](data), path: path)
        }
        gazetteer.buildNames()
        if let key { cache.store(gazetteer, key: key) }
        return gazetteer
    }

    /// The unit with `code`, if present.
    public func unit(code: String) -> Int32? { Int64(code).flatMap { indexByCode[$0] } }

    /// The chain of units from `unit` up to its province, nearest first, `unit` included.
    public func lineage(_ unit: Int32) -> [Int32] {
        var out: [Int32] = []
        forEachInLineage(of: unit) { out.append($0) }
        return out
    }

    /// Calls `body` with each unit from `unit` up to its province, nearest first, as
    /// `lineage` lists them, building no array.
    @inline(__always)
    public func forEachInLineage(of unit: Int32, _ body: (Int32) -> Void) {
        var u = unit
        var guardCount = 0
        while u >= 0 && Int(u) < units.count && guardCount < 8 {
            body(u)
            u = units[Int(u)].parent
            guardCount += 1
        }
    }

    /// Adds the rows of one TSV file (`code parent_code level name short_name`),
    /// parsed on UTF-8 bytes: this runs at every cold start.
    mutating func add(tsv bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var lineNumber = 0
            var start = 0
            let n = buffer.count
            var tabs = [Int](repeating: 0, count: 8)
            while start < n {
                var end = start
                var fieldCount = 1
                tabs[0] = start - 1
                while end < n && buffer[end] != 0x0A {
                    if buffer[end] == 0x09 {
                        if fieldCount < 7 { tabs[fieldCount] = end }
                        fieldCount += 1
                    }
                    end += 1
                }
                lineNumber += 1
                defer { start = end + 1 }
                var lineEnd = end
                if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineNumber == 1 || lineEnd == start { continue }
                guard fieldCount == 5 else {
                    throw RuleFileError(file: path, line: lineNumber, message: "expected 5 tab-separated fields (code, parent_code, level, name, short_name), found \(fieldCount)")
                }
                tabs[5] = lineEnd
                func field(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: buffer[(tabs[k] + 1)..<tabs[k + 1]])
                }
                func number(_ k: Int) -> Int64? {
                    let f = field(k)
                    guard !f.isEmpty else { return nil }
                    var v: Int64 = 0
                    for b in f {
                        guard b >= 0x30 && b <= 0x39 else { return nil }
                        v = v * 10 + Int64(b - 0x30)
                    }
                    return v
                }
                guard let code = number(0) else {
                    throw RuleFileError(file: path, line: lineNumber, message: "code '\(String(decoding: field(0), as: UTF8.self))' is not a number")
                }
                if indexByCode[code] != nil { continue }
                let shortBytes = field(4)
                let type: EntityType
                switch field(2).count {
                // The four municipalities (北京, 天津, 上海, 重庆) are cities (ONTOLOGY).
                case 8 where field(2).elementsEqual("province".utf8): type = Self.municipalityPrefixes.contains(code / 10_000_000_000) ? .city : .province
                case 4 where field(2).elementsEqual("city".utf8): type = .city
                case 6 where field(2).elementsEqual("county".utf8): type = .district
                case 4 where field(2).elementsEqual("town".utf8): type = .town
                case 7 where field(2).elementsEqual("village".utf8):
                    type = shortBytes.count >= 6 && (shortBytes.suffix(6).elementsEqual("社区".utf8) || shortBytes.suffix(6).elementsEqual("小区".utf8)) ? .community : .village
                default:
                    throw RuleFileError(file: path, line: lineNumber, message: "unknown level '\(String(decoding: field(2), as: UTF8.self))'; expected province, city, county, town or village")
                }
                var parent: Int32 = -1
                if !field(1).isEmpty {
                    guard let p = number(1).flatMap({ indexByCode[$0] }) else {
                        throw RuleFileError(file: path, line: lineNumber, message: "parent code \(String(decoding: field(1), as: UTF8.self)) is not an earlier row")
                    }
                    parent = p
                }
                indexByCode[code] = Int32(units.count)
                let name = String(decoding: field(3), as: UTF8.self)
                let short = field(4).elementsEqual(field(3)) ? name : String(decoding: shortBytes, as: UTF8.self)
                units.append(GazetteerUnit(code: String(decoding: field(0), as: UTF8.self), parent: parent, type: type, name: name, shortName: short))
            }
        }
    }

    /// The two-digit code prefixes of the provincial-level municipalities.
    static let municipalityPrefixes: Set<Int64> = [11, 12, 31, 50]

    static let ignoredNames: [[Unicode.Scalar]] = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"].map { Array($0.unicodeScalars) }

    mutating func buildNames() {
        var trie = ScalarTrie<GazetteerEntry>(expectedEdges: units.count * 6)
        for (i, unit) in units.enumerated() {
            let index = Int32(i)
            let name = Array(unit.name.unicodeScalars)
            if Self.ignoredNames.contains(name) { continue }
            let short = Array(unit.shortName.unicodeScalars)
            // Two-character names above village level (城区, 郊区) are everyday words;
            // a county of one character and 县 (嵩县, 沛县) is kept, and read only where
            // it stands as a word of its own (SentenceAnalyzer.isBareCountyInWord).
            let minimum = unit.type == .village || unit.type == .community || (unit.type == .district && name.last == "县") ? 2 : 3
            if name.count >= minimum { trie.insert(name, value: GazetteerEntry(unit: index, form: .full)) }
            if short != name && short.count >= minimum { trie.insert(short, value: GazetteerEntry(unit: index, form: .full)) }
            if let form = Self.shortForm(of: short, type: unit.type), form != name, form != short {
                trie.insert(form, value: GazetteerEntry(unit: index, form: .short))
            }
            // An autonomous prefecture goes by its place name and 州 (凉山彝族自治州: 凉山州, 凉山).
            if unit.type == .city, let place = Self.prefecturePlaceName(name) {
                trie.insert(place + ["州"], value: GazetteerEntry(unit: index, form: .full))
                trie.insert(place, value: GazetteerEntry(unit: index, form: .short))
            }
        }
        names = trie
    }

    static let levelSuffixes: [EntityType: [[Unicode.Scalar]]] = [
        .province: ["自治区", "省", "市"], .city: ["地区", "盟", "市"], .district: ["区", "县", "市"],
        .town: ["街道", "镇", "乡"], .village: ["社区", "村"], .community: ["社区", "村"],
    ].mapValues { $0.map { Array($0.unicodeScalars) } }
    static let ethnicSuffixes: [[Unicode.Scalar]] = ["维吾尔", "壮族", "回族"].map { Array($0.unicodeScalars) }

    /// The place name of an autonomous prefecture: what stands before its peoples'
    /// names (凉山彝族自治州 → 凉山, 阿坝藏族羌族自治州 → 阿坝).
    static func prefecturePlaceName(_ name: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        let suffix = Array("自治州".unicodeScalars)
        guard name.count > suffix.count + 2, name.suffix(suffix.count).elementsEqual(suffix) else { return nil }
        for k in 2..<(name.count - suffix.count) where peoples.contains(where: { name[k...].starts(with: $0) }) {
            return Array(name[..<k])
        }
        return nil
    }

    /// The peoples whose names appear in the names of autonomous prefectures.
    static let peoples: [[Unicode.Scalar]] = [
        "彝", "藏", "羌", "苗", "布依", "侗", "土家", "哈尼", "傣", "白族", "景颇", "傈僳", "回族", "蒙古", "哈萨克", "柯尔克孜",
        "朝鲜", "壮", "黎", "瑶", "纳西", "拉祜", "佤", "阿昌", "德昂", "独龙", "普米", "仡佬", "毛南", "仫佬", "畲", "撒拉",
    ].map { Array($0.unicodeScalars) }

    /// The form with the level suffix dropped (`路桥区` → `路桥`), when two or more
    /// characters remain.
    static func shortForm(of name: [Unicode.Scalar], type: EntityType) -> [Unicode.Scalar]? {
        guard let suffixes = levelSuffixes[type], let suffix = suffixes.first(where: { name.count > $0.count && name.suffix($0.count).elementsEqual($0) }) else { return nil }
        var form = Array(name.dropLast(suffix.count))
        if type == .province && suffix.count == 3 {
            for ethnic in ethnicSuffixes where form.count > ethnic.count && form.suffix(ethnic.count).elementsEqual(ethnic) { form.removeLast(ethnic.count) }
        }
        if form.last == "族" || (form.count >= 2 && form.suffix(2).elementsEqual("自治".unicodeScalars)) { return nil }
        return form.count >= 2 ? form : nil
    }
}
