import Foundation

/// Word and name-character statistics derived from a public dictionary
/// (`scripts/derive_lexicons.py` from jieba's `dict.txt`): which strings are
/// ordinary words, which of them are verbs, and how likely a character is as a
/// surname, in a given name or in a transliterated foreign name.
///
/// It knows no person: only characters and everyday words. `NameSegmenter` uses it
/// to find names that stand with no title or verb beside them.
public struct Lexicon: Sendable {
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
    public internal(set) var words = WordTable()
    /// Scores of the characters from U+3400 to U+9FFF, indexed by `value - 0x3400`.
    var characterTable: [CharacterScores] = []
    /// Compound surnames (two characters, packed 32 bits each) and their log probability.
    var compoundSurnames: [UInt64: Int16] = [:]
    /// Countries and their divisions outside China (`world-places.txt`): never a
    /// foreign person's name, however it reads.
    public internal(set) var worldPlaces = NameSet()

    static let tableBase: UInt32 = 0x3400
    static let tableEnd: UInt32 = 0xA000

    /// An empty lexicon: no word is known, and names are found by cues only.
    public init() {}

    /// True when the lexicon holds nothing.
    public var isEmpty: Bool { characterTable.isEmpty }

    /// The log probability of the surname at `text[i..<i + length]`, if known.
    @inline(__always)
    func surnameScore(_ text: [Unicode.Scalar], _ i: Int, _ length: Int) -> Int32? {
        if length == 1 {
            guard let s = scores(text[i]), s.surname != CharacterScores.unknown else { return nil }
            return Int32(s.surname)
        }
        guard length == 2 else { return nil }
        return compoundSurnames[UInt64(text[i].value) << 32 | UInt64(text[i + 1].value)].map(Int32.init)
    }

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

    /// Reads `words.bin` (compiled from `words.tsv`) and `name-chars.tsv` from `directory`.
    /// - Throws: `RuleFileError` naming the file and line of a malformed entry.
    public static func load(directory: String) throws -> Lexicon {
        var lexicon = Lexicon()
        lexicon.characterTable = Array(repeating: CharacterScores(), count: Int(tableEnd - tableBase))
        lexicon.words = try WordTable.load((directory as NSString).appendingPathComponent("words.bin"))
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
                lexicon.compoundSurnames[UInt64(scalars[0].value) << 32 | UInt64(scalars[1].value)] = numbers[4]
                return
            }
            guard scalars.count == 1, scalars[0].value >= tableBase, scalars[0].value < tableEnd else {
                throw RuleFileError(file: path, line: line, message: "'\(fields[0])' is not one CJK character")
            }
            lexicon.characterTable[Int(scalars[0].value - tableBase)] = CharacterScores(
                single: numbers[0], first: numbers[1], second: numbers[2], foreign: numbers[3], surname: numbers[4])
        }
        let places = (directory as NSString).appendingPathComponent("world-places.txt")
        if FileManager.default.fileExists(atPath: places) {
            try TabFile.read(places) { fields, line, path in
                guard fields.count == 1, !fields[0].isEmpty else {
                    throw RuleFileError(file: path, line: line, message: "expected one place name")
                }
                lexicon.worldPlaces.insert(fields[0])
            }
        }
        return lexicon
    }
}
