import Foundation

/// Word and name-character statistics derived from a public dictionary
/// (`scripts/derive_lexicons.py` from jieba's `dict.txt`): which strings are
/// ordinary words, which of them are verbs, and how likely a character is as a
/// surname, in a given name or in a transliterated foreign name.
///
/// It knows no person: only characters and everyday words. `NameSegmenter` uses it
/// to find names that stand with no title or verb beside them.
public struct Lexicon: Sendable {
    /// An ordinary word: its log probability (natural log × 100), whether it is a verb,
    /// and whether the source dictionary tags it as a name although it is an everyday
    /// word (智慧, 小平): such a word is never a name by itself, but may be a given name.
    public struct Word: Sendable {
        public var logProbability: Int32
        public var isVerb: Bool
        public var isNameTagged: Bool
        /// A verb, adverb, pronoun, preposition, conjunction, particle, numeral, time
        /// word or set phrase: never the first word of a name (举行, 积极, 去年, 一位).
        public var opensNoName: Bool
        /// A place, organisation or other proper name (jieba's ns, nt, nz, j).
        public var isProper: Bool
        /// An adjective (jieba's a, ad, an).
        public var isAdjective: Bool
    }

    /// jieba's tags of the words that never open a name.
    static let tagsOpeningNoName: Set<String> = [
        "v", "vd", "vg", "d", "dg", "ad", "p", "c", "r", "rg", "rr", "rz", "t", "tg", "u", "ud", "ug", "uj", "ul", "uv", "uz",
        "f", "m", "mq", "q", "y", "e", "o", "i", "l",
    ]
    /// jieba's tags of proper names other than persons.
    static let properTags: Set<String> = ["ns", "nt", "nz", "j"]

    /// Per-character log probabilities (natural log × 100); `unknown` where too rare.
    public struct CharacterScores: Sendable {
        public var single: Int16 = unknown
        public var first: Int16 = unknown
        public var second: Int16 = unknown
        public var foreign: Int16 = unknown
        public var surname: Int16 = unknown
        public static let unknown = Int16.min
    }

    /// Ordinary words of one to four characters.
    public internal(set) var words = ScalarTrie<Word>()
    /// Scores of the characters from U+3400 to U+9FFF, indexed by `value - 0x3400`.
    var characterTable: [CharacterScores] = []
    /// Compound surnames (two characters) and their log probability.
    var compoundSurnames: [String: Int16] = [:]

    static let tableBase: UInt32 = 0x3400
    static let tableEnd: UInt32 = 0xA000

    /// An empty lexicon: no word is known, and names are found by cues only.
    public init() {}

    /// True when the lexicon holds nothing.
    public var isEmpty: Bool { characterTable.isEmpty }

    /// The scores of `s`, or nil outside the CJK blocks.
    @inline(__always)
    func scores(_ s: Unicode.Scalar) -> CharacterScores? {
        guard !characterTable.isEmpty, s.value >= Self.tableBase, s.value < Self.tableEnd else { return nil }
        return characterTable[Int(s.value - Self.tableBase)]
    }

    /// The folder of lexicon files shipped with the package.
    public static var bundledDirectory: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Lexicon").path
    }

    /// The package's lexicon.
    /// - Throws: `RuleFileError` naming the file and line of a malformed entry.
    public static func bundled() throws -> Lexicon {
        guard let dir = bundledDirectory else {
            throw RuleFileError(file: "Lexicon", line: 0, message: "the package's lexicon files are missing from its resource bundle")
        }
        return try load(directory: dir)
    }

    /// Reads `words.tsv` and `name-chars.tsv` from `directory`.
    /// - Throws: `RuleFileError` naming the file and line of a malformed entry.
    public static func load(directory: String) throws -> Lexicon {
        var lexicon = Lexicon()
        lexicon.characterTable = Array(repeating: CharacterScores(), count: Int(tableEnd - tableBase))
        lexicon.words = ScalarTrie(expectedEdges: 160_000)
        try TabFile.read((directory as NSString).appendingPathComponent("words.tsv")) { fields, line, path in
            guard fields.count == 3, let frequency = Int(fields[1]), frequency > 0 else {
                throw RuleFileError(file: path, line: line, message: "expected word, frequency and tag separated by tabs")
            }
            lexicon.add(word: fields[0], frequency: frequency, tag: fields[2])
        }
        lexicon.finishWords()
        try TabFile.read((directory as NSString).appendingPathComponent("name-chars.tsv")) { fields, line, path in
            guard fields.count == 6 else {
                throw RuleFileError(file: path, line: line, message: "expected a character and five scores separated by tabs")
            }
            var numbers: [Int16] = []
            for f in fields.dropFirst() {
                if f.isEmpty {
                    numbers.append(CharacterScores.unknown)
                } else if let n = Int16(f) {
                    numbers.append(n)
                } else {
                    throw RuleFileError(file: path, line: line, message: "'\(f)' is not a whole number")
                }
            }
            let scalars = Array(fields[0].unicodeScalars)
            if scalars.count == 2 {
                lexicon.compoundSurnames[fields[0]] = numbers[4]
                return
            }
            guard scalars.count == 1, scalars[0].value >= tableBase, scalars[0].value < tableEnd else {
                throw RuleFileError(file: path, line: line, message: "'\(fields[0])' is not one CJK character")
            }
            lexicon.characterTable[Int(scalars[0].value - tableBase)] = CharacterScores(
                single: numbers[0], first: numbers[1], second: numbers[2], foreign: numbers[3], surname: numbers[4])
        }
        return lexicon
    }

    private var pending: [(String, Int, String)] = []
    /// jieba's tags whose one-character words may be skipped at the start of a name:
    /// prepositions, conjunctions, pronouns, adverbs, particles, localisers (not verbs:
    /// 发 in 发改局 is no verb there).
    static let singleCharacterTagsOpeningNoName: Set<String> = ["p", "c", "r", "d", "u", "ud", "ug", "uj", "ul", "uv", "uz", "f"]
    private var totalFrequency = 0

    private mutating func add(word: String, frequency: Int, tag: String) {
        pending.append((word, frequency, tag))
        totalFrequency += frequency
    }

    private mutating func finishWords() {
        let total = Double(max(1, totalFrequency))
        for (word, frequency, tag) in pending {
            words.insert(word, value: Word(logProbability: Int32((100 * Foundation.log(Double(frequency) / total)).rounded()),
                                           isVerb: tag.hasPrefix("v"), isNameTagged: tag.hasPrefix("nr"),
                                           opensNoName: word.unicodeScalars.count == 1 ? Self.singleCharacterTagsOpeningNoName.contains(tag) : Self.tagsOpeningNoName.contains(tag),
                                           isProper: Self.properTags.contains(tag),
                                           isAdjective: tag == "a" || tag == "ad" || tag == "an"))
        }
        pending = []
    }
}
