import Dispatch
import Foundation
import GuanxiText

/// Extracts entities and relations from articles by rules.
///
/// An `Extractor` is a value: build it once (rules and gazetteer loading is the
/// expensive part) and call `extract(_:)` for each document, from any thread.
public struct Extractor: Sendable {
    /// The rules in use.
    public let rules: RuleSet
    /// The gazetteer in use.
    public let gazetteer: Gazetteer
    /// The text layer's segmenter.
    public var segmenter = Segmenter()

    /// Creates an extractor.
    public init(rules: RuleSet, gazetteer: Gazetteer) {
        self.rules = rules
        self.gazetteer = gazetteer
    }

    /// The extractor with the package's rules and gazetteer, optionally extended or
    /// replaced by a user's folders.
    /// - Throws: `RuleFileError` naming the file and line of a malformed entry.
    /// The two do not depend on each other and load side by side, which keeps the
    /// start-up of a one-file `extract` short.
    public static func standard(rulesDirectory: String? = nil, gazetteerDirectory: String? = nil) throws -> Extractor {
        let gazetteer = BackgroundLoad {
            let loaded = try Gazetteer.load(directory: gazetteerDirectory)
            // The traditional-character table is read on first use: here, off the
            // critical path, rather than at the first document.
            _ = Simplifier.simplified("\u{570B}")
            return loaded
        }
        let rules = Result { try RuleSet.load(extending: rulesDirectory) }
        return Extractor(rules: try rules.get(), gazetteer: try gazetteer.value())
    }

    /// Extracts everything from one article.
    /// - Complexity: O(n · k) in the length of the text, k the longest lexicon word.
    public func extract(_ source: SourceText) -> DocumentExtraction {
        let segments = segmenter.segment(source)
        let sentences = segments.flatMap(\.sentences)
        let candidates = sentences.map { findGazetteerNames(in: $0.text) }
        let context = DocumentContext(matches: candidates, gazetteer: gazetteer)
        var mentions: [[Mention]] = []
        var titles: [[TitleHit]] = []
        mentions.reserveCapacity(sentences.count)
        let analyzer = SentenceAnalyzer(rules: rules, gazetteer: gazetteer, context: context)
        for (i, sentence) in sentences.enumerated() {
            analyzer.load(sentence, places: candidates[i])
            mentions.append(analyzer.analyze())
            titles.append(analyzer.titles)
        }
        var resolver = EntityResolver(sentences: sentences, mentions: mentions, rules: rules, gazetteer: gazetteer)
        resolver.propagatePersons()
        let entities = resolver.resolve()
        var result = DocumentExtraction(
            source: source,
            sentences: sentences.map { SentenceInfo(start: $0.offsets.first ?? 0, end: ($0.offsets.last ?? -1) + 1, kind: $0.kind.rawValue) },
            entities: entities, relations: [])
        var relations = RelationExtractor(sentences: sentences, mentions: resolver.mentions, entityOf: resolver.entityOfMention,
                                          titles: titles, entities: entities, rules: rules)
        result.relations = relations.extract()
        result.pruneEntities(mentions: resolver.mentions, entityOf: resolver.entityOfMention,
                             readAsPlace: relations.bodyMentionsReadAsPlace, bodySuffixes: rules.bodySuffixes)
        result.readMetadata(outletSuffixes: rules.outletSuffixes, lexicon: rules.lexicon)
        return result
    }

    /// Every gazetteer name in `text`, at every start position.
    func findGazetteerNames(in text: [Unicode.Scalar]) -> [PlaceHit] {
        var hits: [PlaceHit] = []
        for i in 0..<text.count where ScalarClass.isHan(text[i]) {
            gazetteer.names.forEachMatch(in: text, from: i) { length, entries in
                // Room for a sentence's usual hits at once, at the first: grown from empty,
                // the array was copied four or five times a sentence, and many sentences
                // name no place.
                if hits.isEmpty { hits.reserveCapacity(16) }
                hits.append(PlaceHit(range: i..<(i + length), entries: entries))
            }
        }
        return hits
    }
}
