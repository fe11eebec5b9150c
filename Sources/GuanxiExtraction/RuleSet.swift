import Foundation
import GuanxiText

/// Whether a title makes its holder the head of a unit or one of its members.
public enum TitleKind: String, Sendable {
    case head
    case member
}

/// A suffix that closes a name of a given type, with the stem lengths it accepts.
public struct NameSuffix: Sendable {
    /// The type of the name the suffix closes.
    public let type: EntityType
    /// Fewest scalars before the suffix.
    public let minimumStem: Int
    /// Most scalars before the suffix.
    public let maximumStem: Int
}

/// All rules and lexicons the extractor uses, read from plain-text data files.
///
/// The defaults ship in the package (`Resources/Rules`); `RuleSet.load(extending:)`
/// reads a user's folder of files with the same names and adds their entries.
///
/// A class, not a value: every sentence's analyzer holds the rules, and copying
/// forty tables per sentence was a measurable part of extraction. Every table is a
/// constant, filled by `load` through `RuleTables`: the compiler then reads a table in
/// place instead of copying it around each lookup (a class's variables may change
/// during a call), and sharing the rules across threads is safe by construction.
public final class RuleSet: Sendable {
    /// Surnames; the value is false for rare surnames that are also everyday words.
    public let surnames: ScalarTrie<Bool>
    public let titles: ScalarTrie<TitleKind>
    /// Generic member titles (干部, 员工) after which only common surnames start a name.
    public let weakTitles: ScalarTrie<Bool>
    /// Newsroom titles (记者, 通讯员, 作者): with no unit before them, the article's outlet.
    public let newsroomTitles: ScalarTrie<Bool>
    /// Level words (村, 区委, 街道) that stand for the document's place of that level
    /// before a title, stored reversed.
    public let titleUnitsReversed: ScalarTrie<EntityType>
    /// Endings of party and government bodies (党委, 政府, 组织部): a place written
    /// inside such a name is still a mention of the place.
    public let bodySuffixes: [String]
    /// Endings of outlet names (日报, 在线, 新闻网); each is also a name suffix.
    public let outletSuffixes: [String]
    public let titleModifiers: ScalarTrie<Bool>
    public let unitBodies: ScalarTrie<Bool>
    public let placeSuffixes: ScalarTrie<NameSuffix>
    public let nameSuffixes: ScalarTrie<NameSuffix>
    public let programHeads: ScalarTrie<EntityType>
    public let programCues: ScalarTrie<Bool>
    /// Cue words stored reversed, to find one that ends where a quote opens.
    public let programCuesReversed: ScalarTrie<Bool>
    public let speechVerbs: ScalarTrie<Bool>
    /// Boundary words stored reversed, for scanning leftwards from a suffix.
    public let boundaryWordsReversed: ScalarTrie<Bool>
    public let nameStopScalars: ScalarSet
    /// Stop characters a name may read on through when it then ends (李长根).
    public let nameSoftStopScalars: ScalarSet
    public let nameBlockers: ScalarSet
    public let notEntities: Set<String>
    public let genericStems: Set<String>
    /// Words that, right before 项目, make it a kind of project (重大, 签约), stored
    /// reversed to find one that ends where the head word starts.
    public let projectCategoriesReversed: ScalarTrie<Bool>
    public let falseSuffixes: ScalarTrie<Bool>
    public let knownNames: ScalarTrie<EntityType>
    public let fundingVerbs: ScalarTrie<Bool>
    public let locationCues: ScalarTrie<String>
    /// Words that refer back to an earlier unit (`该村`), with the type they refer to.
    public let anaphora: ScalarTrie<EntityType>
    /// The anaphora, reversed: they also bound names found by their suffix.
    public let anaphoraReversed: ScalarTrie<EntityType>
    /// Everyday words and name-character statistics (`Resources/Lexicon`), for names
    /// with no cue and for the left edge of organisation and project names.
    public let lexicon: Lexicon
    /// The segmenter that finds names with no cue, over `lexicon`.
    let nameSegmenter: NameSegmenter

    /// The rules of `tables`, fixed.
    init(_ tables: RuleTables) {
        surnames = tables.surnames
        titles = tables.titles
        weakTitles = tables.weakTitles
        newsroomTitles = tables.newsroomTitles
        titleUnitsReversed = tables.titleUnitsReversed
        bodySuffixes = tables.bodySuffixes
        outletSuffixes = tables.outletSuffixes
        titleModifiers = tables.titleModifiers
        unitBodies = tables.unitBodies
        placeSuffixes = tables.placeSuffixes
        nameSuffixes = tables.nameSuffixes
        programHeads = tables.programHeads
        programCues = tables.programCues
        programCuesReversed = tables.programCuesReversed
        speechVerbs = tables.speechVerbs
        boundaryWordsReversed = tables.boundaryWordsReversed
        nameStopScalars = tables.nameStopScalars
        nameSoftStopScalars = tables.nameSoftStopScalars
        nameBlockers = tables.nameBlockers
        notEntities = tables.notEntities
        genericStems = tables.genericStems
        projectCategoriesReversed = tables.projectCategoriesReversed
        falseSuffixes = tables.falseSuffixes
        knownNames = tables.knownNames
        fundingVerbs = tables.fundingVerbs
        locationCues = tables.locationCues
        anaphora = tables.anaphora
        anaphoraReversed = tables.anaphoraReversed
        lexicon = tables.lexicon
        nameSegmenter = NameSegmenter(lexicon: tables.lexicon, surnames: tables.surnames, commonSurnames: tables.commonSurnames,
                                      stopScalars: tables.nameStopScalars, softStopScalars: tables.nameSoftStopScalars)
    }

    /// An empty rule set.
    public convenience init() {
        self.init(RuleTables())
    }

    /// The names of the rule files, in the order they are read.
    public static let fileNames = [
        "surnames.txt", "titles.txt", "title-modifiers.txt", "unit-bodies.txt", "place-suffixes.txt",
        "name-suffixes.txt", "program-heads.txt", "program-cues.txt", "speech-verbs.txt",
        "boundary-words.txt", "name-stop-chars.txt", "name-soft-stop-chars.txt", "name-blockers.txt", "not-entities.txt",
        "generic-stems.txt", "project-categories.txt", "false-suffixes.txt", "known-names.txt", "funding-verbs.txt",
        "location-cues.txt", "anaphora.txt", "title-units.txt", "outlet-suffixes.txt", "body-suffixes.txt",
    ]

    /// The folder of rule files shipped with the package.
    public static var bundledDirectory: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Rules").path
    }

    /// The package's default rules.
    /// - Throws: `RuleFileError` when a shipped file is missing or malformed.
    public static func bundled() throws -> RuleSet {
        guard let dir = bundledDirectory else {
            throw RuleFileError(file: "Rules", line: 0, message: "the package's rule files are missing from its resource bundle")
        }
        return try load(directories: [dir])
    }

    /// The package's rules extended with the files in `directory`, if given.
    /// - Throws: `RuleFileError` naming the file and line of the first malformed entry.
    public static func load(extending directory: String?) throws -> RuleSet {
        guard let bundled = bundledDirectory else {
            throw RuleFileError(file: "Rules", line: 0, message: "the package's rule files are missing from its resource bundle")
        }
        guard let directory else { return try load(directories: [bundled]) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw RuleFileError(file: directory, line: 0, message: "--rules must name a folder of rule files")
        }
        let known = Set(fileNames)
        let present = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in present.sorted() where name.hasSuffix(".txt") && !known.contains(name) {
            throw RuleFileError(file: "\(directory)/\(name)", line: 0,
                                message: "unknown rule file; expected one of \(fileNames.joined(separator: ", "))")
        }
        return try load(directories: [bundled, directory])
    }

    /// Reads every rule file present in `directories`, later folders adding to earlier ones.
    public static func load(directories: [String]) throws -> RuleSet {
        var tables = RuleTables()
        // The lexicon loads beside the rule files, which do not need it.
        let lexicon = BackgroundLoad { try Lexicon.bundled() }
        for dir in directories {
            for name in fileNames {
                let path = (dir as NSString).appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                try tables.add(file: try RuleFile.read(path), named: name)
            }
        }
        tables.lexicon = try lexicon.value()
        return RuleSet(tables)
    }
}

/// The tables of a `RuleSet` while its files are read; documented there.
struct RuleTables {
    var surnames = ScalarTrie<Bool>()
    var titles = ScalarTrie<TitleKind>()
    var weakTitles = ScalarTrie<Bool>()
    var newsroomTitles = ScalarTrie<Bool>()
    var titleUnitsReversed = ScalarTrie<EntityType>()
    var bodySuffixes: [String] = []
    var outletSuffixes: [String] = []
    var titleModifiers = ScalarTrie<Bool>()
    var unitBodies = ScalarTrie<Bool>()
    var placeSuffixes = ScalarTrie<NameSuffix>()
    var nameSuffixes = ScalarTrie<NameSuffix>()
    var programHeads = ScalarTrie<EntityType>()
    var programCues = ScalarTrie<Bool>()
    var programCuesReversed = ScalarTrie<Bool>()
    var speechVerbs = ScalarTrie<Bool>()
    var boundaryWordsReversed = ScalarTrie<Bool>()
    var nameStopScalars = ScalarSet()
    var nameSoftStopScalars = ScalarSet()
    var nameBlockers = ScalarSet()
    var notEntities = Set<String>()
    var genericStems = Set<String>()
    var projectCategoriesReversed = ScalarTrie<Bool>()
    var falseSuffixes = ScalarTrie<Bool>()
    var knownNames = ScalarTrie<EntityType>()
    var fundingVerbs = ScalarTrie<Bool>()
    var locationCues = ScalarTrie<String>()
    var anaphora = ScalarTrie<EntityType>()
    var anaphoraReversed = ScalarTrie<EntityType>()
    var lexicon = Lexicon()
    /// Surnames that are not everyday words, for the name segmenter.
    var commonSurnames: [String] = []

    /// Adds the entries of one rule file.
    /// - Throws: `RuleFileError` at the first malformed line.
    mutating func add(file: RuleFile, named name: String) throws {
        switch name {
        case "surnames.txt":
            for l in try file.entries(fields: 1...64, shape: "surnames") {
                let rare = l.fields.last == "rare"
                for f in l.fields where f != "rare" {
                    surnames.insert(f, value: !rare)
                    if !rare { commonSurnames.append(f) }
                }
            }
        case "titles.txt":
            for l in try file.entries(fields: 2...3, shape: "a title, head|member and optionally weak or newsroom") {
                guard let kind = TitleKind(rawValue: l.fields[1]) else {
                    throw RuleFileError(file: file.path, line: l.line, message: "unknown title kind '\(l.fields[1])'; expected head or member")
                }
                if l.fields.count == 3 {
                    switch l.fields[2] {
                    case "weak": weakTitles.insert(l.fields[0], value: true)
                    case "newsroom": newsroomTitles.insert(l.fields[0], value: true)
                    default:
                        throw RuleFileError(file: file.path, line: l.line, message: "unknown title flag '\(l.fields[2])'; expected weak or newsroom")
                    }
                }
                titles.insert(l.fields[0], value: kind)
            }
        case "title-modifiers.txt":
            for l in try file.entries(fields: 1...1, shape: "one modifier") { titleModifiers.insert(l.fields[0], value: true) }
        case "unit-bodies.txt":
            for l in try file.entries(fields: 1...1, shape: "one body name") { unitBodies.insert(l.fields[0], value: true) }
        case "place-suffixes.txt":
            for l in try file.entries(fields: 4...4, shape: "suffix, type, minimum stem, maximum stem") {
                placeSuffixes.insert(l.fields[0], value: try Self.suffix(l, file: file))
            }
        case "name-suffixes.txt":
            for l in try file.entries(fields: 4...4, shape: "suffix, type, minimum stem, maximum stem") {
                nameSuffixes.insert(l.fields[0], value: try Self.suffix(l, file: file))
            }
        case "program-heads.txt":
            for l in try file.entries(fields: 2...2, shape: "a head word and a type") {
                programHeads.insert(l.fields[0], value: try Self.type(l.fields[1], l, file: file))
            }
        case "program-cues.txt":
            for l in try file.entries(fields: 1...1, shape: "one cue word") {
                programCues.insert(l.fields[0], value: true)
                programCuesReversed.insert(l.fields[0].unicodeScalars.reversed(), value: true)
            }
        case "speech-verbs.txt":
            for l in try file.entries(fields: 1...1, shape: "one verb") { speechVerbs.insert(l.fields[0], value: true) }
        case "boundary-words.txt":
            for l in try file.entries(fields: 1...1, shape: "one word") {
                boundaryWordsReversed.insert(l.fields[0].unicodeScalars.reversed(), value: true)
            }
        case "name-stop-chars.txt", "name-soft-stop-chars.txt", "name-blockers.txt":
            for l in try file.entries(fields: 1...1000, shape: "characters") {
                for field in l.fields {
                    for s in field.unicodeScalars {
                        switch name {
                        case "name-stop-chars.txt": nameStopScalars.insert(s)
                        case "name-soft-stop-chars.txt": nameSoftStopScalars.insert(s)
                        default: nameBlockers.insert(s)
                        }
                    }
                }
            }
        case "not-entities.txt":
            for l in try file.entries(fields: 1...1, shape: "one name") { notEntities.insert(l.fields[0]) }
        case "generic-stems.txt":
            for l in try file.entries(fields: 1...1, shape: "one stem") { genericStems.insert(l.fields[0]) }
        case "project-categories.txt":
            for l in try file.entries(fields: 1...1, shape: "one word") {
                projectCategoriesReversed.insert(l.fields[0].unicodeScalars.reversed(), value: true)
            }
        case "false-suffixes.txt":
            for l in try file.entries(fields: 1...1, shape: "one word") { falseSuffixes.insert(l.fields[0], value: true) }
        case "known-names.txt":
            for l in try file.entries(fields: 2...2, shape: "a name and a type") {
                knownNames.insert(l.fields[0], value: try Self.type(l.fields[1], l, file: file))
            }
        case "funding-verbs.txt":
            for l in try file.entries(fields: 1...1, shape: "one verb") { fundingVerbs.insert(l.fields[0], value: true) }
        case "location-cues.txt":
            for l in try file.entries(fields: 2...2, shape: "a cue and before|after|within") {
                guard ["before", "after", "within"].contains(l.fields[1]) else {
                    throw RuleFileError(file: file.path, line: l.line, message: "expected before, after or within, found '\(l.fields[1])'")
                }
                locationCues.insert(l.fields[0], value: l.fields[1])
            }
        case "anaphora.txt":
            for l in try file.entries(fields: 2...2, shape: "a word and the type it refers to") {
                let type = try Self.type(l.fields[1], l, file: file)
                anaphora.insert(l.fields[0], value: type)
                anaphoraReversed.insert(l.fields[0].unicodeScalars.reversed(), value: type)
            }
        case "title-units.txt":
            for l in try file.entries(fields: 2...2, shape: "a level word and the place type it stands for") {
                let type = try Self.type(l.fields[1], l, file: file)
                guard type.isPlace else {
                    throw RuleFileError(file: file.path, line: l.line, message: "'\(l.fields[1])' is not a place type")
                }
                titleUnitsReversed.insert(l.fields[0].unicodeScalars.reversed(), value: type)
            }
        case "body-suffixes.txt":
            for l in try file.entries(fields: 1...1, shape: "one ending") { bodySuffixes.append(l.fields[0]) }
        case "outlet-suffixes.txt":
            for l in try file.entries(fields: 3...3, shape: "suffix, minimum stem, maximum stem") {
                guard let lo = Int(l.fields[1]), let hi = Int(l.fields[2]), lo >= 0, hi >= lo else {
                    throw RuleFileError(file: file.path, line: l.line,
                                        message: "stem lengths must be whole numbers with minimum <= maximum, found '\(l.fields[1])' and '\(l.fields[2])'")
                }
                nameSuffixes.insert(l.fields[0], value: NameSuffix(type: .organization, minimumStem: lo, maximumStem: hi))
                outletSuffixes.append(l.fields[0])
            }
        default:
            throw RuleFileError(file: file.path, line: 0, message: "unknown rule file")
        }
    }

    static func type(_ raw: String, _ line: RuleLine, file: RuleFile) throws -> EntityType {
        guard let type = EntityType(rawValue: raw) else {
            throw RuleFileError(file: file.path, line: line.line,
                                message: "unknown entity type '\(raw)'; expected one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return type
    }

    static func suffix(_ line: RuleLine, file: RuleFile) throws -> NameSuffix {
        let type = try type(line.fields[1], line, file: file)
        guard let lo = Int(line.fields[2]), let hi = Int(line.fields[3]), lo >= 0, hi >= lo else {
            throw RuleFileError(file: file.path, line: line.line,
                                message: "stem lengths must be whole numbers with minimum <= maximum, found '\(line.fields[2])' and '\(line.fields[3])'")
        }
        return NameSuffix(type: type, minimumStem: lo, maximumStem: hi)
    }
}
