import GuanxiText

/// Groups the mentions of one document into entities: the same name, a short and a
/// full form, or a quoted name and its programme are one entity with aliases.
struct EntityResolver {
    let sentences: [Sentence]
    /// Mentions per sentence; `propagatePersons()` adds to them.
    var mentions: [[Mention]]
    let rules: RuleSet
    let gazetteer: Gazetteer
    /// For each mention (same shape as `mentions`), the id of its entity, or -1.
    var entityOfMention: [[Int]] = []

    init(sentences: [Sentence], mentions: [[Mention]], rules: RuleSet, gazetteer: Gazetteer) {
        self.sentences = sentences
        self.mentions = mentions
        self.rules = rules
        self.gazetteer = gazetteer
    }

    /// Every other place a person's name or a company's short form occurs in the
    /// document is a mention too (能伟科技 for 浙江能伟科技有限公司).
    mutating func propagatePersons() {
        var names = ScalarTrie<Int>()
        var templates: [Mention] = []
        // Keyed by bytes (`FormKey`): a set of `String` hashed each Chinese name's
        // normalised form, several thousand instructions an insert.
        var otherNames = Set<FormKey>(minimumCapacity: mentions.reduce(0) { $0 + $1.count })
        for list in mentions {
            for m in list where m.type != .person { otherNames.insert(FormKey(m.name)) }
        }
        var any = false
        for list in mentions {
            for m in list where m.type == .person && !otherNames.contains(FormKey(m.name)) {
                names.insert(m.name, value: templates.count)
                templates.append(Mention(type: .person, sentence: 0, range: 0..<0, name: m.name, rule: "person.repeat"))
                any = true
            }
            for m in list where m.type == .company {
                for short in Self.companyShortForms(m) where !otherNames.contains(FormKey(short)) {
                    names.insert(short, value: templates.count)
                    templates.append(Mention(type: .company, sentence: 0, range: 0..<0, name: m.name, aliases: [short], rule: "company.short-form"))
                    any = true
                }
            }
        }
        guard any else { return }
        // One buffer for every sentence, and mentions and sentences read in place:
        // copies of them were most of this loop's cost.
        var covered: [Bool] = []
        for s in sentences.indices {
            let text = sentences[s].text
            covered.removeAll(keepingCapacity: true)
            covered.append(contentsOf: repeatElement(false, count: text.count))
            for k in mentions[s].indices { for i in mentions[s][k].range { covered[i] = true } }
            var i = 0
            while i < text.count {
                if !covered[i], let match = names.longestMatch(in: text, from: i), let slot = match.values.first,
                   (i..<(i + match.length)).allSatisfy({ !covered[$0] }) {
                    let range = i..<(i + match.length)
                    var m = templates[slot]
                    m.sentence = sentences[s].index
                    m.range = range
                    mentions[s].append(m)
                    i = range.upperBound
                } else {
                    i += 1
                }
            }
        }
    }

    static let legalSuffixes = ["股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "公司"]

    /// Short forms a company's registered name suggests: its core without place and
    /// legal suffix, and the first two characters of the core with any two later ones
    /// (全顺电驱科技服务 → 全顺科技). Only the ones the text uses become mentions.
    static func companyShortForms(_ m: Mention) -> [String] {
        var core = m.aliases.last ?? m.name
        for suffix in legalSuffixes where core.hasByteSuffix(suffix) {
            core.removeLast(suffix.count)
            break
        }
        let scalars = Array(core.unicodeScalars)
        guard scalars.count >= 4, scalars.allSatisfy(ScalarClass.isHan) else { return [] }
        var out = [core]
        let brand = String(scalars: scalars.prefix(2))
        var i = 2
        while i + 2 <= scalars.count {
            out.append(brand + String(scalars: scalars[i..<(i + 2)]))
            i += 1
        }
        return out.filter { $0 != m.name }
    }

    struct Group {
        var type: EntityType
        /// The names mentions proposed; the canonical name is chosen among these.
        var names: [String] = []
        var forms: [String]
        var units: [Int32: Int]
        var ambiguity: Int
        var score: Int
    }

    /// The groups a form names, in the order they took it. Most forms name one group,
    /// which is kept without an array.
    struct FormGroups {
        var first: Int
        var more: [Int] = []

        var all: [Int] { [first] + more }

        mutating func append(_ id: Int) { more.append(id) }
    }

    static func priority(_ rule: String) -> Int {
        if rule.hasBytePrefix("place.gazetteer") { return 6 }
        if rule.hasBytePrefix("person.title") || rule.hasBytePrefix("name.suffix") || rule.hasBytePrefix("name.known") { return 5 }
        if rule.hasBytePrefix("program") || rule.hasBytePrefix("person") { return 3 }
        return 2
    }

    /// The form names are compared by: quotes and spaces dropped, full-width forms
    /// folded. Most names are already in that form and are returned as they are.
    static func key(_ s: String) -> String {
        func kept(_ c: Unicode.Scalar) -> Bool { !SentenceAnalyzer.isQuoteMark(c) && c != " " }
        if s.unicodeScalars.allSatisfy({ kept($0) && ScalarClass.normalized($0) == $0 }) { return s }
        return String(scalars: s.unicodeScalars.lazy.filter(kept).map(ScalarClass.normalized))
    }

    /// Groups mentions into entities, merges aliases, picks canonical names.
    mutating func resolve() -> [Entity] {
        var groups: [Group] = []
        var byForm: [FormKey: FormGroups] = [:]
        // Each mention's group, flat in reading order: a group's members are the
        // mentions that name it, so no group keeps a list of its own.
        var assignment: [Int] = []
        assignment.reserveCapacity(mentions.reduce(0) { $0 + $1.count })
        for (s, list) in mentions.enumerated() {
            for (k, m) in list.enumerated() {
                // The name, then its aliases; most mentions have none, and no array
                // of forms is built for them.
                let nameKey = FormKey(Self.key(m.name))
                let aliasKeys = m.aliases.map { FormKey(Self.key($0)) }
                var target = fittingGroup(byForm[nameKey], groups, m)
                for f in aliasKeys where target == nil { target = fittingGroup(byForm[f], groups, m) }
                let id: Int
                if let target {
                    id = target
                } else {
                    id = groups.count
                    // Its names and its forms start as one shared array: most groups
                    // never gain another, and those that do copy it then.
                    let named = [m.name]
                    groups.append(Group(type: m.type, names: named, forms: named, units: [:], ambiguity: 0, score: 0))
                    Self.add(id, to: &byForm, under: nameKey)
                }
                if !groups[id].names.contains(m.name) { groups[id].names.append(m.name) }
                if !groups[id].forms.contains(m.name) {
                    groups[id].forms.append(m.name)
                    Self.add(id, to: &byForm, under: nameKey)
                }
                for (f, fk) in zip(m.aliases, aliasKeys) where !groups[id].forms.contains(f) {
                    groups[id].forms.append(f)
                    Self.add(id, to: &byForm, under: fk)
                }
                if let u = m.unit { groups[id].units[u, default: 0] += 1 }
                groups[id].ambiguity = max(groups[id].ambiguity, m.ambiguity)
                groups[id].score += Self.priority(m.rule)
                assignment.append(id)
            }
        }
        var parent = Array(groups.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { x = parent[x] }
            return x
        }
        // The same name under two types: the better-supported type wins.
        // In a fixed order (a dictionary's order changes from run to run), ties going to
        // the group found first, so that the same article always gives the same graph.
        for form in byForm.compactMap({ $0.value.more.isEmpty ? nil : $0.key }).sorted(by: { $0.text < $1.text }) {
            guard let ids = byForm[form]?.all else { continue }
            let roots = Set(ids.map(find)).sorted()
            guard roots.count > 1 else { continue }
            let names = roots.map { Self.key(groups[$0].forms[0]) }
            guard Set(names).count == 1 else { continue }
            let best = roots.max { groups[$0].score != groups[$1].score ? groups[$0].score < groups[$1].score : $0 > $1 } ?? roots[0]
            for r in roots where r != best && !(groups[r].type.isPlace && groups[best].type.isPlace) {
                parent[r] = best
                groups[best].score += groups[r].score
            }
        }
        // Short and full forms of one company, project or organisation.
        let roots = groups.indices.filter { find($0) == $0 && [.company, .project, .organization].contains(groups[$0].type) }
        // Arrays by group id rather than dictionaries: ids are dense, and hashing an
        // integer cost more than the work done with what it found.
        var keys = [[[Unicode.Scalar]]](repeating: [], count: groups.count)
        for r in roots { keys[r] = groups[r].forms.map { Array(Self.key($0).unicodeScalars) } }
        // A body written after a bare level word (市工商联, 县委统战部) is the full one's
        // only where the document names one place of that level.
        var placesOfType: [EntityType: Int] = [:]
        for (id, g) in groups.enumerated() where find(id) == id && g.type.isPlace { placesOfType[g.type, default: 0] += 1 }
        for b in roots {
            let shortKeys = keys[b]
            guard shortKeys.contains(where: { $0.count >= 4 }) else { continue }
            if groups[b].type == .organization, let first = shortKeys.first?.first, let level = EntityType.ofLevelWord[first],
               (placesOfType[level] ?? 0) > 1 { continue }
            for a in roots where a != b && find(a) == a && find(b) == b && groups[a].type == groups[b].type {
                if Self.isShortForm(shortKeys, of: keys[a], type: groups[a].type) { parent[b] = a }
            }
        }
        // Build entities in order of first mention. An entity's mentions are those of
        // its groups, group by group, each group's in reading order.
        var membersOfGroup = [[(Int, Int)]](repeating: [], count: groups.count)
        var next = 0
        for (s, list) in mentions.enumerated() {
            for k in list.indices {
                membersOfGroup[assignment[next]].append((s, k))
                next += 1
            }
        }
        var members = [[(Int, Int)]](repeating: [], count: groups.count)
        var groupsOfRoot = [[Int]](repeating: [], count: groups.count)
        for id in groups.indices {
            let root = find(id)
            if members[root].isEmpty {
                swap(&members[root], &membersOfGroup[id])
            } else {
                members[root].append(contentsOf: membersOfGroup[id])
            }
            groupsOfRoot[root].append(id)
        }
        // No two roots share a first mention, so the order is total.
        let ordered = groupsOfRoot.indices.filter { !groupsOfRoot[$0].isEmpty }
            .map { (first: members[$0].min { $0 < $1 } ?? (0, 0), root: $0) }
            .sorted { $0.first < $1.first }
            .map(\.root)
        var entities: [Entity] = []
        var entityOfRoot = [Int](repeating: -1, count: groups.count)
        for root in ordered {
            // Taken out, not copied: each root's list is read by this entity only.
            var list: [(Int, Int)] = []
            swap(&list, &members[root])
            let ids = groupsOfRoot[root]
            var forms: [String] = []
            var proposed: [String] = []
            var units: [Int32: Int] = [:]
            var ambiguity = 0
            if ids.count == 1 {
                // Most entities are one group: its lists are read as they are, not copied.
                let group = groups[ids[0]]
                (forms, proposed, units, ambiguity) = (group.forms, group.names, group.units, group.ambiguity)
            } else {
                for id in ids {
                    for n in groups[id].names where !proposed.contains(n) { proposed.append(n) }
                    for f in groups[id].forms where !forms.contains(f) { forms.append(f) }
                    for (u, c) in groups[id].units { units[u, default: 0] += c }
                    ambiguity = max(ambiguity, groups[id].ambiguity)
                }
            }
            let type = groups[root].type
            let unit = units.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            var name = (proposed.isEmpty ? forms : proposed).max { a, b in
                let la = a.unicodeScalars.count, lb = b.unicodeScalars.count
                return la != lb ? la < lb : a > b
            } ?? forms[0]
            // A place is named by the fullest form the article writes; the gazetteer's
            // name stays an alias.
            if let unit, !type.isPlace { name = gazetteer.units[Int(unit)].shortName }
            var cleanName = Self.clean(name)
            var aliases: [String] = []
            for form in forms {
                let f = Self.clean(form)
                if f != cleanName && !aliases.contains(f) && !f.isEmpty { aliases.append(f) }
            }
            // Names stay as the article wrote them (traditional characters), with the
            // simplified form the rules matched as an alias.
            var written: [String: String] = [:]
            for (s, k) in list {
                let r = mentions[s][k].range
                // Most articles are written as matched: compare scalars before building strings.
                let clamped = r.clamped(to: 0..<sentences[s].text.count)
                if sentences[s].text[clamped].elementsEqual(sentences[s].original[clamped]) { continue }
                let w = Self.clean(sentences[s].written(r))
                let m = Self.clean(sentences[s].string(r))
                if w != m && Simplifier.simplified(w) == m { written[m] = w }
            }
            if !written.isEmpty {
                for a in aliases { if let w = written[a], !aliases.contains(w) { aliases.append(w) } }
                if let w = written[cleanName] {
                    aliases.insert(cleanName, at: 0)
                    aliases.removeAll { $0 == w }
                    cleanName = w
                }
            }
            var evidence: [Evidence] = []
            evidence.reserveCapacity(list.count)
            list.sort(by: { $0 < $1 })
            for (s, k) in list {
                let m = mentions[s][k]
                let r = sentences[s].originalRange(m.range)
                evidence.append(Evidence(start: r.lowerBound, end: r.upperBound, sentence: sentences[s].index, rule: m.rule))
            }
            let id = entities.count
            entityOfRoot[root] = id
            entities.append(Entity(id: id, type: type, name: cleanName, aliases: aliases, mentions: evidence,
                                   code: unit.map { gazetteer.units[Int($0)].code },
                                   unresolvedCandidates: unit == nil && ambiguity > 1 ? ambiguity : nil))
        }
        next = 0
        entityOfMention = mentions.map { list in
            list.indices.map { _ in
                defer { next += 1 }
                return entityOfRoot[find(assignment[next])]
            }
        }
        return entities
    }

    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: SentenceAnalyzer.isQuoteMark) else { return s }
        return String(scalars: s.unicodeScalars.lazy.filter { !SentenceAnalyzer.isQuoteMark($0) })
    }

    /// The first of `ids` whose group `mention` may join: of its type, with agreeing units.
    private func fittingGroup(_ ids: FormGroups?, _ groups: [Group], _ mention: Mention) -> Int? {
        guard let ids else { return nil }
        func fits(_ id: Int) -> Bool { groups[id].type == mention.type && unitsAgree(groups[id], mention) }
        return fits(ids.first) ? ids.first : ids.more.first(where: fits)
    }

    /// Records that group `id` takes the form `key`.
    private static func add(_ id: Int, to byForm: inout [FormKey: FormGroups], under key: FormKey) {
        if byForm[key] == nil {
            byForm[key] = FormGroups(first: id)
        } else {
            byForm[key]?.append(id)
        }
    }

    /// Two place mentions with different known units are different entities.
    func unitsAgree(_ group: Group, _ mention: Mention) -> Bool {
        guard let u = mention.unit, !group.units.isEmpty else { return true }
        return group.units[u] != nil
    }

    /// True when `short` is another form of `full`: for companies and projects the
    /// characters of the short name appear in order in the full one, with its first
    /// two and last two together (全顺科技 in 台州市全顺电驱科技服务有限公司); for
    /// organisations the short name ends the full one (区行政服务中心).
    static func isShortForm(_ shortKeys: [[Unicode.Scalar]], of fullKeys: [[Unicode.Scalar]], type: EntityType) -> Bool {
        for b in shortKeys where b.count >= 4 {
            for a in fullKeys where a.count > b.count {
                switch type {
                case .company, .project:
                    if isSubsequence(b, of: a) && containsRun(a, Array(b.prefix(2))) && containsRun(a, Array(b.suffix(2))) { return true }
                case .organization:
                    if a.suffix(b.count).elementsEqual(b) { return true }
                default:
                    break
                }
            }
        }
        return false
    }

    static func isSubsequence(_ b: [Unicode.Scalar], of a: [Unicode.Scalar]) -> Bool {
        var i = 0
        for s in a where i < b.count && s == b[i] { i += 1 }
        return i == b.count
    }

    static func containsRun(_ a: [Unicode.Scalar], _ run: [Unicode.Scalar]) -> Bool {
        guard !run.isEmpty, run.count <= a.count else { return false }
        for i in 0...(a.count - run.count) where a[i..<(i + run.count)].elementsEqual(run) { return true }
        return false
    }
}
