import Foundation
import GuanxiText

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
    var notEntities = NameSet()
    var genericStems = NameSet()
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
