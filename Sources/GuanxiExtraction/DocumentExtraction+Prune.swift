extension DocumentExtraction {
    /// Drops the entities the ONTOLOGY does not count as mentioned:
    /// - a place written only inside another name (浙江 in 浙江日报, 浙江 in
    ///   浙江某某有限公司), unless a fact of its own relates it (a title read as the
    ///   place); inside a party or government body (`bodySuffixes`: 台州市委组织部)
    ///   it stays, as the ONTOLOGY leaves that case open;
    /// - a place's committee or government that only stood before a title
    ///   (云和县委|书记), which the title read as the place itself.
    /// Relations of a dropped entity go with it; ids are renumbered.
    mutating func pruneEntities(mentions: [[Mention]], entityOf: [[Int]], readAsPlace: Set<[Int]>, bodySuffixes: [String]) {
        var total = [Int](repeating: 0, count: entities.count)
        var droppable = [Int](repeating: 0, count: entities.count)
        for (s, list) in mentions.enumerated() {
            for (k, m) in list.enumerated() {
                let e = entityOf[s][k]
                guard e >= 0 else { continue }
                total[e] += 1
                if readAsPlace.contains([s, m.range.lowerBound]) && !m.type.isPlace {
                    droppable[e] += 1
                } else if m.type.isPlace && list.contains(where: { other in
                    !other.type.isPlace && other.type != .person && other.range.count > m.range.count
                        && other.range.lowerBound <= m.range.lowerBound && other.range.upperBound >= m.range.upperBound
                        && !bodySuffixes.contains { other.name.hasByteSuffix($0) }
                }) {
                    droppable[e] += 1
                }
            }
        }
        var related = Set<Int>()
        for r in relations where r.evidence.rule != "belongs_to.named-after" {
            related.insert(r.subject)
            related.insert(r.object)
        }
        dropEntities(Set(entities.indices.filter { e in
            total[e] > 0 && droppable[e] == total[e] && (!entities[e].type.isPlace || !related.contains(e))
        }))
    }

    /// Removes the entities `drop` names (by id) with their relations, renumbering the rest.
    mutating func dropEntities(_ drop: Set<Int>) {
        guard !drop.isEmpty else { return }
        var newId = [Int](repeating: -1, count: entities.count)
        var kept: [Entity] = []
        for (e, entity) in entities.enumerated() where !drop.contains(e) {
            newId[e] = kept.count
            var copy = entity
            copy.id = kept.count
            kept.append(copy)
        }
        entities = kept
        relations = relations.compactMap { r in
            guard newId[r.subject] >= 0, newId[r.object] >= 0 else { return nil }
            var copy = r
            copy.subject = newId[r.subject]
            copy.object = newId[r.object]
            return copy
        }
    }
}
