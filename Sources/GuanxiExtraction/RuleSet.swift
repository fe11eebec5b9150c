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
    public let notEntities: NameSet
    public let genericStems: NameSet
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
