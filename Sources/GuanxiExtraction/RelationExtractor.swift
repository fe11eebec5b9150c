import GuanxiText

/// Finds the facts between the entities of one document.
struct RelationExtractor {
    let sentences: [Sentence]
    let mentions: [[Mention]]
    let entityOf: [[Int]]
    let entities: [Entity]
    let rules: RuleSet
    let gazetteer: Gazetteer

    mutating func extract() -> [Relation] { [] }
}
