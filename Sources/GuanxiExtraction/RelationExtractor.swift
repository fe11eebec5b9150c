import GuanxiText

/// Finds the facts between the entities of one document: `leads` and `member_of`
/// from title chains, `belongs_to` from composite names, names built on a unit and
/// location phrases, `funds` from investment phrases with their amounts.
struct RelationExtractor {
    let sentences: [Sentence]
    let mentions: [[Mention]]
    let entityOf: [[Int]]
    let titles: [[TitleHit]]
    let entities: [Entity]
    let rules: RuleSet

    /// A mention tied to its entity.
    struct Item {
        var range: Range<Int>
        var entity: Int
        var type: EntityType
        var rule: String
    }

    var items: [[Item]] = []
    /// Pairs [funded, funder] that `由X投资建设的Y` stated: Y is no place of X.
    var fundedByAgent = Set<[Int]>()
    /// What the latest donation (捐…) went to, and in which sentence.
    var lastRecipient: (Int, Int)?
    var relations: [Relation] = []
    var seen: [String: Int] = [:]
    /// Mentions (sentence, start) of a place's committee or government read as the
    /// place before a title (云和县委|书记): such a body is no entity of its own unless
    /// the text names it elsewhere.
    var bodyMentionsReadAsPlace = Set<[Int]>()
    /// The funders of the funds facts stated so far: none of them is read as what a
    /// later sentence funds.
    var statedFunders = Set<Int>()

    init(sentences: [Sentence], mentions: [[Mention]], entityOf: [[Int]], titles: [[TitleHit]], entities: [Entity], rules: RuleSet) {
        self.sentences = sentences
        self.mentions = mentions
        self.entityOf = entityOf
        self.titles = titles
        self.entities = entities
        self.rules = rules
        items.reserveCapacity(mentions.count)
        for (s, list) in mentions.enumerated() {
            var row: [Item] = []
            row.reserveCapacity(list.count)
            for (k, m) in list.enumerated() where entityOf[s][k] >= 0 {
                row.append(Item(range: m.range, entity: entityOf[s][k], type: entities[entityOf[s][k]].type, rule: m.rule))
            }
            row.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
            items.append(row)
        }
    }

    mutating func extract() -> [Relation] {
        for s in sentences.indices {
            titleChains(s)
            fundingByAgent(s)
            fundingByInvestor(s)
            fundingByDonors(s)
            composites(s)
            builtIn(s)
            locations(s)
            funding(s)
        }
        return relations
    }

    // MARK: - Helpers

    mutating func add(_ subject: Int, _ predicate: RelationType, _ object: Int, sentence s: Int, span: Range<Int>, rule: String,
                      role: String? = nil, amount: AmountParser.Amount? = nil) {
        guard subject != object, subject >= 0, object >= 0 else { return }
        let key = "\(subject)|\(predicate.rawValue)|\(object)"
        if let existing = seen[key] {
            // Each role of the same pair is one fact, the roles joined by 、.
            if let role, var old = relations[existing].role, !old.components(separatedBy: "、").contains(role) {
                old += "、" + role
                relations[existing].role = old
            }
            return
        }
        let r = sentences[s].originalRange(span)
        seen[key] = relations.count
        relations.append(Relation(subject: subject, predicate: predicate, object: object, role: role,
                                  amount: amount?.text, amountYuan: amount?.yuan,
                                  evidence: Evidence(start: r.lowerBound, end: r.upperBound, sentence: sentences[s].index, rule: rule)))
    }

    func text(_ s: Int) -> [Unicode.Scalar] { sentences[s].text }

    func string(_ s: Int, _ range: Range<Int>) -> String { sentences[s].string(range) }

    /// The outermost unit (not a person) whose mention ends at `position`.
    func unit(endingAt position: Int, in s: Int) -> Item? {
        items[s].filter { $0.range.upperBound == position && $0.type != .person }.max { $0.range.count < $1.range.count }
    }

    /// The outermost mention starting at `position`.
    func item(startingAt position: Int, in s: Int, where accept: (Item) -> Bool = { _ in true }) -> Item? {
        items[s].filter { $0.range.lowerBound == position && accept($0) }.max { $0.range.count < $1.range.count }
    }

    /// An anaphor (`该村`, `村里`) ending at `position`, resolved to the nearest earlier
    /// entity of its type; returns the entity and where the anaphor starts.
    func anaphor(endingAt position: Int, in s: Int) -> (Int, Int)? {
        var result: (Int, Int)?
        rules.anaphoraReversed.forEachMatchBackward(in: text(s), endingAt: position) { length, types in
            guard let type = types.first, let e = antecedent(of: type, before: position - length, in: s) else { return }
            result = (e, position - length)
        }
        return result
    }

    func antecedent(of type: EntityType, before position: Int, in s: Int) -> Int? {
        var sentence = s
        var limit = position
        while sentence >= 0 && s - sentence <= 6 {
            if let hit = items[sentence].last(where: { $0.range.upperBound <= limit && $0.type == type }) { return hit.entity }
            sentence -= 1
            if sentence >= 0 { limit = text(sentence).count }
        }
        return nil
    }

    /// The unit at `position`, as a mention or an anaphor: entity and start.
    func unitOrAnaphor(endingAt position: Int, in s: Int) -> (Int, Int)? {
        if let u = unit(endingAt: position, in: s) { return (u.entity, u.range.lowerBound) }
        return anaphor(endingAt: position, in: s)
    }

    /// Place rank with residential compounds (…小区) below communities.
    func rank(_ item: Item) -> Int? {
        guard let r = item.type.placeRank else { return nil }
        return item.type == .community && entities[item.entity].name.hasSuffix("小区") ? r + 1 : r
    }

    /// A short form of a town or village inside a longer name is too weak to locate it.
    func isWeakPlace(_ item: Item) -> Bool {
        item.rule == "place.gazetteer.short" && (item.type.placeRank ?? 0) >= 3
    }

    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        ScalarClass.isPhraseBreak(c) || c == "\u{3002}"
    }

    // MARK: - leads / member_of

    struct ChainElement {
        var unit: Int?
        var role: String
        var head: Bool
        var start: Int
        /// The title word proper, without modifiers.
        var core: Range<Int>
    }

    mutating func titleChains(_ s: Int) {
        let t = text(s)
        var previousPerson: (Int, [(Int, RelationType, String)])?
        for person in items[s] where person.type == .person {
            var pos = person.range.lowerBound
            if pos > 0 && (t[pos - 1] == " " || t[pos - 1] == "\u{201D}") { pos -= 1 }
            // A title joined to the name by 的 (新当选理事会会长的某某, 担任村党支部书记的某某).
            if pos > 1 && t[pos - 1] == "的" && titles[s].contains(where: { $0.range.upperBound == pos - 1 }) { pos -= 1 }
            // A credit line's colon between title and name (作者:甲, 作者 : 甲).
            var colon = pos
            while colon > 0 && t[colon - 1] == " " { colon -= 1 }
            if colon > 0 && t[colon - 1] == ":" {
                colon -= 1
                while colon > 0 && t[colon - 1] == " " { colon -= 1 }
                if titles[s].contains(where: { $0.range.upperBound == colon && rules.newsroomTitles.contains(Array(t[$0.coreStart..<$0.range.upperBound])) }) {
                    pos = colon
                }
            }
            var elements: [ChainElement] = []
            while let title = titles[s].last(where: { $0.range.upperBound == pos }) {
                var element = ChainElement(unit: nil, role: string(s, title.range), head: title.kind == .head, start: title.range.lowerBound,
                                           core: title.coreStart..<title.range.upperBound)
                pos = title.range.lowerBound
                if pos > 0 && t[pos - 1] == "\u{201C}" { pos -= 1 }
                var q = pos
                if q > 0 && t[q - 1] == "的" { q -= 1 }
                // A parenthesis between unit and title (企业办(永宁企业家办公室)专职副主任).
                if q > 0 && t[q - 1] == ")", let open = t[..<(q - 1)].lastIndex(of: "("), q - open <= 16 { q = open }
                if let inside = unitEndingInside(title, in: s) {
                    // The unit's name ends inside the title's modifiers (…党工委|委员).
                    // A bare level word and committee (街道党工委) is the article's place.
                    let levelPlace = levelOfBody(inside, in: s).flatMap { documentUnit(of: $0, near: s, position: inside.range.lowerBound) }
                    element.unit = levelPlace ?? inside.entity
                    element.start = inside.range.lowerBound
                    element.role = string(s, (levelPlace == nil ? inside.range.upperBound : inside.range.lowerBound)..<title.range.upperBound)
                    if levelPlace != nil { bodyMentionsReadAsPlace.insert([s, inside.range.lowerBound]) }
                    pos = inside.range.lowerBound
                    // The place's committee that ran into the title (仙居县委|常委) was the title's.
                    for body in items[s] where inside.type.isPlace && body.type == .organization && body.range.lowerBound == inside.range.lowerBound
                        && body.range.upperBound > title.range.lowerBound && body.range.upperBound <= title.range.upperBound {
                        bodyMentionsReadAsPlace.insert([s, body.range.lowerBound])
                    }
                } else if let (unit, start, roleStart) = titleUnit(endingAt: q, in: s) {
                    element.unit = unit
                    element.start = start
                    if let roleStart { element.role = string(s, roleStart..<title.range.upperBound) }
                    pos = start
                } else if let (unit, start) = bareDepartment(endingAt: q, in: s) {
                    element.unit = unit
                    element.start = start
                    pos = start
                }
                elements.insert(element, at: 0)
                // Titles joined by 、 or 兼 (常务副会长兼秘书长) form one chain.
                if pos > 0 && (t[pos - 1] == "\u{3001}" || t[pos - 1] == "兼") { pos -= 1 } else { break }
            }
            var facts: [(Int, RelationType, String)] = []
            if elements.isEmpty {
                // A byline lists several people after one title (唐笑笑 吴芝颖), and a
                // list shares the title of its first name (区领导甲、乙、丙).
                if person.rule == "person.byline" || follows(person, in: s), let (_, prior) = previousPerson {
                    for (unit, predicate, role) in prior {
                        add(person.entity, predicate, unit, sentence: s, span: person.range, rule: "member.byline", role: role)
                    }
                    facts = prior
                } else if let quoted = quotedRole(before: person.range.lowerBound, in: s) {
                    add(person.entity, .memberOf, quoted.unit, sentence: s, span: quoted.start..<person.range.upperBound, rule: "member.quoted-role", role: quoted.role)
                    facts = [(quoted.unit, .memberOf, quoted.role)]
                } else if person.rule == "person.honorific", let u = unit(endingAt: person.range.lowerBound, in: s) {
                    add(person.entity, .memberOf, u.entity, sentence: s, span: u.range.lowerBound..<person.range.upperBound, rule: "member.unit-name")
                } else if let appointed = appointedTitle(person, in: s) {
                    // 甲顺利连任村党总支书记, 乙当选为商会会长.
                    let predicate: RelationType = appointed.head ? .leads : .memberOf
                    add(person.entity, predicate, appointed.unit, sentence: s, span: person.range.lowerBound..<appointed.end,
                        rule: appointed.head ? "leads.appointed" : "member.appointed", role: appointed.role)
                    facts = [(appointed.unit, predicate, appointed.role)]
                } else if let after = titleAfter(person, in: s, previous: previousPerson) {
                    // A title after the name (三会吴方良会长、黄培君副会长).
                    let predicate: RelationType = after.head ? .leads : .memberOf
                    add(person.entity, predicate, after.unit, sentence: s, span: after.start..<after.end,
                        rule: after.head ? "leads.title-after" : "member.title-after", role: after.role)
                    facts = [(after.unit, predicate, after.role)]
                } else if let wire = wireDateline(before: person.range.lowerBound, in: s) {
                    // A wire dateline names its reporters without a title (中新网丽水2月5日电(甲 乙)).
                    add(person.entity, .memberOf, wire.outlet, sentence: s, span: wire.start..<person.range.upperBound, rule: "member.dateline")
                    facts = [(wire.outlet, .memberOf, "")]
                }
                // A list shares the title of the name right before it only: a name with no
                // title of its own breaks the chain.
                previousPerson = facts.isEmpty ? nil : (person.entity, facts)
                continue
            }
            // A newsroom title with no unit of its own: the source its credit line names
            // (作者:甲 来源:某某商会), else the article's outlet.
            // Under a bare 本报 (本报江山2月3日电 (记者 甲)) the paper is not named, and
            // the fact is left out rather than given to whichever outlet the page names.
            if elements[0].unit == nil, rules.newsroomTitles.contains(Array(text(s)[elements[0].core])),
               !underOwnPaper(before: elements[0].start, in: s),
               let outlet = creditSource(in: s) ?? outlet(near: s, before: elements[0].start) {
                elements[0].unit = outlet
            }
            // A head title with no unit of its own, standing on its own after a
            // punctuation mark: the unit named earlier in the sentence.
            if elements[0].unit == nil && elements[0].head,
               elements[0].start == 0 || Self.isPunctuation(t[elements[0].start - 1]),
               let earlier = items[s].last(where: { $0.range.upperBound <= elements[0].start && ($0.type == .company || $0.type == .organization) }) {
                elements[0].unit = earlier.entity
            }
            // A place's own title with no unit, after a punctuation mark in a list of
            // officials (…市长甲,副市长乙,县委书记丙,副县长丁): the nearest place of its
            // level named before it in the sentence.
            if elements[0].unit == nil, elements[0].start > 0, Self.isPunctuation(t[elements[0].start - 1]),
               let type = Self.levelOfTitle(string(s, elements[0].core)),
               let place = items[s].last(where: { $0.range.upperBound <= elements[0].start && $0.type == type }) {
                elements[0].unit = place.entity
            }
            for i in elements.indices where elements[i].unit == nil && i > 0 { elements[i].unit = elements[i - 1].unit }
            var i = 0
            while i < elements.count {
                guard let unit = elements[i].unit else {
                    i += 1
                    continue
                }
                var j = i
                var roles: [String] = []
                var head = false
                let start = elements[i].start
                while j < elements.count && elements[j].unit == unit {
                    roles.append(elements[j].role)
                    head = head || elements[j].head
                    j += 1
                }
                let predicate: RelationType = head ? .leads : .memberOf
                let role = roles.joined(separator: "、")
                add(person.entity, predicate, unit, sentence: s, span: start..<person.range.upperBound,
                    rule: head ? "leads.title" : "member.title", role: role)
                facts.append((unit, predicate, role))
                i = j
            }
            previousPerson = (person.entity, facts)
        }
    }

    /// The unit a title at `position` belongs to: a mention or anaphor ending there, with
    /// a place's committee or government read as the place (云和县委书记 leads 云和县),
    /// or a bare level word read as the document's place of that level (村党支部书记,
    /// 区委书记, 街道党工委书记). Returns the entity, where the unit starts, and where
    /// the role starts when the level word belongs to it.
    mutating func titleUnit(endingAt position: Int, in s: Int) -> (Int, Int, Int?)? {
        let t = text(s)
        // A bare level word (村, 区委, 街道) right before the title.
        let named = unit(endingAt: position, in: s)
        var level: (EntityType, Int)?
        rules.titleUnitsReversed.forEachMatchBackward(in: t, endingAt: position) { length, types in
            guard let type = types.first else { return }
            let start = position - length
            // Only where no longer name ends there (方林村 is a mention, not 村).
            if let named, named.range.lowerBound < start { return }
            level = (type, start)
        }
        if let u = named {
            if let place = placeOfBody(u, in: s) {
                bodyMentionsReadAsPlace.insert([s, u.range.lowerBound])
                return (place, u.range.lowerBound, nil)
            }
            // A level word and a committee (街道党工委, 街道办事处) before a title: the
            // committee of the article's place of that level; the words are the role's.
            if let type = levelOfBody(u, in: s), let place = documentUnit(of: type, near: s, position: u.range.lowerBound) {
                bodyMentionsReadAsPlace.insert([s, u.range.lowerBound])
                return (place, u.range.lowerBound, u.range.lowerBound)
            }
            if let (type, start) = level, start == u.range.lowerBound, let place = documentUnit(of: type, near: s, position: start) {
                bodyMentionsReadAsPlace.insert([s, u.range.lowerBound])
                return (place, start, start)
            }
            return (u.entity, u.range.lowerBound, nil)
        }
        if let (type, start) = level, let place = documentUnit(of: type, near: s, position: start) {
            return (place, start, start)
        }
        return anaphor(endingAt: position, in: s).map { ($0.0, $0.1, nil) }
    }

    /// `县委常委、统战部部长`: a department written as its bare suffix word before a
    /// title, read as the department of that name the document names nearest.
    func bareDepartment(endingAt position: Int, in s: Int) -> (Int, Int)? {
        let t = text(s)
        for length in stride(from: 4, through: 2, by: -1) where position - length >= 0 {
            let word = Array(t[(position - length)..<position])
            guard rules.nameSuffixes.values(for: word).contains(where: { $0.type == .organization && $0.minimumStem <= 1 }) else { continue }
            let name = String(scalars: word)
            guard let unit = nearestItem(to: s, before: position - length, where: {
                $0.type == .organization && entities[$0.entity].name.hasSuffix(name)
            }) else { return nil }
            return (unit.entity, position - length)
        }
        return nil
    }

    /// The place whose committee or government `body` is (云和县委, 华埠镇党委,
    /// 开化县政府): a place mention followed by one of the committee words.
    func placeOfBody(_ body: Item, in s: Int) -> Int? {
        guard body.type == .organization,
              let place = items[s].filter({ $0.range.lowerBound == body.range.lowerBound && $0.range.upperBound < body.range.upperBound && $0.type.isPlace })
                .max(by: { $0.range.count < $1.range.count })
        else { return nil }
        return Self.committeeWords.contains(string(s, place.range.upperBound..<body.range.upperBound)) ? place.entity : nil
    }

    /// The level of an organisation mention written as a bare level word and a
    /// committee word (街道|党工委, 镇|党委, 街道|办事处), nil for any other.
    func levelOfBody(_ body: Item, in s: Int) -> EntityType? {
        guard body.type == .organization else { return nil }
        let t = text(s)
        for w in Self.committeeWordScalars {
            let end = body.range.upperBound - w.count
            guard end > body.range.lowerBound, t[end..<body.range.upperBound].elementsEqual(w) else { continue }
            var level: EntityType?
            rules.titleUnitsReversed.forEachMatchBackward(in: t, endingAt: end, floor: body.range.lowerBound) { length, types in
                if end - length == body.range.lowerBound { level = types.first }
            }
            if let level { return level }
        }
        return nil
    }

    static let committeeWords: Set<String> = ["委", "党委", "党工委", "政府", "人民政府", "党委政府", "办事处", "街道办事处"]
    static let committeeWordScalars = committeeWords.sorted().map { Array($0.unicodeScalars) }

    /// The document's place of `type` nearest before `position` in sentence `s`, or
    /// failing that the first after it.
    func documentUnit(of type: EntityType, near s: Int, position: Int) -> Int? {
        nearestItem(to: s, before: position) { $0.type == type }?.entity
    }

    /// The item that `accept`s nearest before `position` in sentence `s` or the
    /// sentences before it, or failing that the first after it in the document.
    func nearestItem(to s: Int, before position: Int, where accept: (Item) -> Bool) -> Item? {
        for back in stride(from: s, through: 0, by: -1) {
            let limit = back == s ? position : Int.max
            if let hit = items[back].last(where: { $0.range.upperBound <= limit && accept($0) }) { return hit }
        }
        for next in s..<items.count {
            let floor = next == s ? position : 0
            if let hit = items[next].first(where: { $0.range.lowerBound >= floor && accept($0) }) { return hit }
        }
        return nil
    }

    /// A title right after `person` with the unit right before the name, or, in a list,
    /// the unit of the previous person's title-after fact.
    func titleAfter(_ person: Item, in s: Int, previous: (Int, [(Int, RelationType, String)])?)
        -> (unit: Int, role: String, head: Bool, start: Int, end: Int)? {
        let t = text(s)
        guard let title = titles[s].first(where: { $0.range.lowerBound == person.range.upperBound }) else { return nil }
        var q = person.range.lowerBound
        if q > 0 && (t[q - 1] == "\u{201D}" || t[q - 1] == "\u{300D}") { q -= 1 }
        let role = string(s, title.range)
        if let u = unit(endingAt: q, in: s) {
            return (u.entity, role, title.kind == .head, u.range.lowerBound, title.range.upperBound)
        }
        if q > 0 && t[q - 1] == "\u{3001}", let (_, prior) = previous, let unit = prior.first?.0 {
            return (unit, role, title.kind == .head, person.range.lowerBound, title.range.upperBound)
        }
        return nil
    }

    /// The place type a title of a place's government belongs to: 市长 a city, 县长 and
    /// 区长 a district, 镇长 and 乡长 a town, 村长 a village.
    static func levelOfTitle(_ title: String) -> EntityType? {
        if title.hasSuffix("市长") { return .city }
        if title.hasSuffix("县长") || title.hasSuffix("区长") { return .district }
        if title.hasSuffix("镇长") || title.hasSuffix("乡长") { return .town }
        if title.hasSuffix("村长") { return .village }
        return nil
    }

    /// The unit whose name ends inside a title's modifiers (…党工委|委员): it starts
    /// before the title and ends before the title word proper.
    func unitEndingInside(_ title: TitleHit, in s: Int) -> Item? {
        items[s].filter {
            $0.type != .person && $0.range.upperBound > title.range.lowerBound && $0.range.upperBound <= title.coreStart
                && $0.range.lowerBound < title.range.lowerBound
        }.max { $0.range.upperBound < $1.range.upperBound }
    }

    static let appointmentVerbs = ["当选为", "担任", "连任", "当选", "出任", "就任", "兼任", "任"].map { Array($0.unicodeScalars) }

    /// `甲顺利连任村党总支书记`: a verb of appointment a few characters after the name,
    /// then a title with its unit; the unit is read as for a title before a name.
    mutating func appointedTitle(_ person: Item, in s: Int) -> (unit: Int, role: String, head: Bool, end: Int)? {
        let t = text(s)
        let p = person.range.upperBound
        for v in p..<min(t.count, p + 4) {
            if Self.isPunctuation(t[v]) { return nil }
            guard let verb = Self.appointmentVerbs.word(startingAt: v, in: t) else { continue }
            let q = v + verb.count
            guard let title = titles[s].first(where: { $0.range.lowerBound >= q && $0.range.lowerBound - q <= 12 }),
                  !t[q..<title.range.lowerBound].contains(where: Self.isPunctuation),
                  !items[s].contains(where: { $0.type == .person && $0.range.lowerBound >= q && $0.range.lowerBound < title.range.upperBound })
            else { return nil }
            var role = string(s, title.range)
            if let inside = unitEndingInside(title, in: s) {
                return (inside.entity, string(s, inside.range.upperBound..<title.range.upperBound), title.kind == .head, title.range.upperBound)
            }
            guard let (unit, _, roleStart) = titleUnit(endingAt: title.range.lowerBound, in: s) else { return nil }
            if let roleStart { role = string(s, roleStart..<title.range.upperBound) }
            return (unit, role, title.kind == .head, title.range.upperBound)
        }
        return nil
    }

    /// True when `person` follows another person of the sentence with only a list
    /// separator between them (甲、乙 / 甲和乙 / 甲 乙).
    func follows(_ person: Item, in s: Int) -> Bool {
        let t = text(s)
        let p = person.range.lowerBound
        guard p > 0, Self.listSeparators.contains(t[p - 1]) else { return false }
        return items[s].contains { $0.type == .person && $0.range.upperBound == p - 1 }
    }

    static let listSeparators: ScalarSet = ["\u{3001}", "和", "及", "与", " "]

    /// An outlet: an organisation whose name ends like one (日报, 在线, 新闻网),
    /// the nearest before `position` in sentence `s` or the sentences before, or else
    /// the first after it.
    func outlet(near s: Int, before position: Int) -> Int? {
        nearestItem(to: s, before: position) { item in
            item.type == .organization && rules.outletSuffixes.contains { entities[item.entity].name.hasSuffix($0) }
        }?.entity
    }

    /// True when a bare 本报 (this paper) opens the dateline before `position` in
    /// sentence `s`, with no organisation named between them.
    func underOwnPaper(before position: Int, in s: Int) -> Bool {
        let t = text(s)
        guard position >= 2 else { return false }
        var p = position - 2
        while p >= 0 {
            if t[p] == "本" && t[p + 1] == "报" {
                return !items[s].contains { $0.type == .organization && $0.range.lowerBound >= p && $0.range.upperBound <= position }
            }
            p -= 1
        }
        return false
    }

    /// The organisation a credit line names as its source (来源: 某某商会, 来源 : 某某网).
    func creditSource(in s: Int) -> Int? {
        let t = text(s)
        guard t.count > 3 else { return nil }
        for i in 0..<(t.count - 2) where t[i] == "来" && t[i + 1] == "源" {
            var p = i + 2
            while p < t.count && t[p] == " " { p += 1 }
            guard p < t.count, t[p] == ":" else { continue }
            p += 1
            while p < t.count && t[p] == " " { p += 1 }
            if let source = items[s].first(where: { $0.range.lowerBound == p && ($0.type == .organization || $0.type == .company) }) {
                return source.entity
            }
        }
        return nil
    }

    /// The places of `first`'s type listed right after it with 、 or 和 (甲村、乙村和丙村).
    func listedAfter(_ first: Item, in s: Int) -> [Item] {
        let t = text(s)
        var listed: [Item] = []
        var end = first.range.upperBound
        while end + 1 < t.count && Self.listSeparators.contains(t[end]) && t[end] != " ",
              let c = items[s].first(where: { $0.range.lowerBound == end + 1 && $0.type == first.type }) {
            listed.append(c)
            end = c.range.upperBound
        }
        return listed
    }

    /// `中新网 丽水2月5日电(甲`: an outlet, then a dateline ending 电( or 讯(, right
    /// before a name.
    func wireDateline(before position: Int, in s: Int) -> (outlet: Int, start: Int)? {
        let t = text(s)
        guard position >= 2, t[position - 1] == "(", t[position - 2] == "电" || t[position - 2] == "讯" else { return nil }
        guard let outlet = outlet(near: s, before: position - 2),
              let at = items[s].last(where: { $0.entity == outlet && $0.range.upperBound <= position - 2 }),
              position - at.range.upperBound <= 16 else { return nil }
        return (outlet, at.range.lowerBound)
    }

    /// `东城中队“橘乡红管家”王家宁`: a quoted role after a unit, right before a name.
    func quotedRole(before position: Int, in s: Int) -> (unit: Int, role: String, start: Int)? {
        let t = text(s)
        guard position > 2, t[position - 1] == "\u{201D}", let open = t[..<(position - 1)].lastIndex(of: "\u{201C}"),
              position - 1 - open <= 8
        else { return nil }
        var q = open
        if q > 0 && t[q - 1] == "的" { q -= 1 }
        guard let (unit, start) = unitOrAnaphor(endingAt: q, in: s) else { return nil }
        return (unit, string(s, (open + 1)..<(position - 1)), start)
    }

    // MARK: - belongs_to from names

    /// Words before a place that make it an origin (来自某省的…).
    static let originWords = ["来自", "来自于"].map { Array($0.unicodeScalars) }

    mutating func composites(_ s: Int) {
        let t = text(s)
        let row = items[s]
        for a in row {
            // A place right after a larger place (a page artefact such as (xiāng) or a
            // 的 may stand between), or after an anaphor for one (该镇联盟村); the
            // places listed after it with 、 or 和 belong there too (凉山州金阳县、甘洛县).
            guard a.type.isPlace, let rank = rank(a) else { continue }
            var next = skipArtefact(after: a.range.upperBound, in: s)
            if next < t.count && t[next] == "的" { next += 1 }
            if let b = row.first(where: { $0.range.lowerBound == next && $0.type.isPlace }),
               let rb = self.rank(b), rb > rank {
                add(b.entity, .belongsTo, a.entity, sentence: s, span: a.range.lowerBound..<b.range.upperBound, rule: "belongs_to.composite")
                for c in listedAfter(b, in: s) {
                    add(c.entity, .belongsTo, a.entity, sentence: s, span: a.range.lowerBound..<c.range.upperBound, rule: "belongs_to.composite-list")
                }
            }
            // A place, 的, and a project, company or body in it (红里村占地300亩的…基地);
            // not a place something comes from (来自某省的某某公司: its origin, not its place).
            if t.count > a.range.upperBound, Self.originWords.word(endingAt: a.range.lowerBound, in: t) == nil,
               let de = t[a.range.upperBound...].prefix(12).firstIndex(of: "的"),
               !t[a.range.upperBound..<de].contains(where: { Self.isPunctuation($0) }),
               !row.contains(where: { $0.range.lowerBound >= a.range.upperBound && $0.range.upperBound <= de }),
               let target = item(startingAt: de + 1, in: s, where: { [.project, .company, .organization].contains($0.type) }),
               !fundedByAgent.contains([target.entity, a.entity]) {
                add(target.entity, .belongsTo, a.entity, sentence: s, span: a.range.lowerBound..<target.range.upperBound, rule: "belongs_to.possessive")
            }
        }
        for b in row where b.type.isPlace {
            var found: (Int, Int)?
            rules.anaphoraReversed.forEachMatchBackward(in: t, endingAt: b.range.lowerBound) { length, types in
                guard let type = types.first, type.isPlace, let rank = type.placeRank, let rb = b.type.placeRank, rb > rank,
                      let e = antecedent(of: type, before: b.range.lowerBound - length, in: s) else { return }
                found = (e, b.range.lowerBound - length)
            }
            if let (e, start) = found {
                add(b.entity, .belongsTo, e, sentence: s, span: start..<b.range.upperBound, rule: "belongs_to.anaphor")
                // …and so do the places listed after it (该镇甲、乙、丙三个村).
                for c in listedAfter(b, in: s) {
                    add(c.entity, .belongsTo, e, sentence: s, span: start..<c.range.upperBound, rule: "belongs_to.anaphor-list")
                }
            }
        }
        for o in row where o.type == .organization || o.type == .project || o.type == .company {
            // Named after its unit: the last place of the chain it starts with, or the
            // organisation or company it is built on (…有限公司党支部).
            var chainEnd = o.range.lowerBound
            var last: Item?
            while let p = row.first(where: { $0.range.lowerBound == chainEnd && $0.type.isPlace && $0.range.upperBound < o.range.upperBound }),
                  !isWeakPlace(p), (last.flatMap(rank) ?? -1) < (rank(p) ?? 0) {
                last = p
                chainEnd = p.range.upperBound
            }
            let inner = row.filter {
                $0.range.lowerBound == o.range.lowerBound && $0.range.upperBound < o.range.upperBound && !$0.type.isPlace
                    && $0.type != .person && $0.type != .program
            }.max { $0.range.count < $1.range.count }
            if o.type == .organization, let inner {
                add(o.entity, .belongsTo, inner.entity, sentence: s, span: o.range, rule: "belongs_to.named-after")
            } else if o.type != .company, let last, o.type == .project || (rank(last) ?? 0) >= 3 {
                add(o.entity, .belongsTo, last.entity, sentence: s, span: o.range, rule: "belongs_to.named-after")
            }
            // A sub-unit right after its parent (黄岩公安分局巡特警大队).
            if o.type == .organization, let parent = unit(endingAt: o.range.lowerBound, in: s), !parent.type.isPlace || parent.type == .town,
               parent.type != .program {
                add(o.entity, .belongsTo, parent.entity, sentence: s, span: parent.range.lowerBound..<o.range.upperBound, rule: "belongs_to.sub-unit")
            }
        }
    }

    /// The position after a page artefact at `position` (a parenthesised
    /// romanisation such as `(xiāng)`), or `position` itself.
    func skipArtefact(after position: Int, in s: Int) -> Int {
        let t = text(s)
        guard position < t.count, t[position] == "(" else { return position }
        var p = position + 1
        while p < t.count && p - position <= 12 && t[p] != ")" {
            guard t[p].properties.isAlphabetic && !ScalarClass.isHan(t[p]) else { return position }
            p += 1
        }
        return p < t.count && t[p] == ")" && p > position + 1 ? p + 1 : position
    }

    // MARK: - belongs_to from location phrases

    mutating func locations(_ s: Int) {
        let t = text(s)
        for c in 0..<t.count {
            guard let cue = rules.locationCues.longestMatch(in: t, from: c), let direction = cue.values.first else { continue }
            let cueEnd = c + cue.length
            if direction == "before" {
                // 位于X的Y: Y belongs to X.
                guard let de = t[cueEnd...].prefix(24).firstIndex(of: "的"), let place = unit(endingAt: de, in: s),
                      let target = item(startingAt: de + 1, in: s, where: { $0.type != .person && !$0.type.isPlace || $0.type == .community })
                else { continue }
                add(target.entity, .belongsTo, place.entity, sentence: s, span: c..<target.range.upperBound, rule: "belongs_to.location")
                continue
            }
            if direction == "within" {
                // X内,Y: Y belongs to X.
                var next = cueEnd
                while next < t.count && (t[next] == "," || t[next] == " ") { next += 1 }
                guard let container = unit(endingAt: c, in: s),
                      let target = item(startingAt: next, in: s, where: { $0.type == .company || $0.type == .organization || $0.type == .project })
                else { continue }
                add(target.entity, .belongsTo, container.entity, sentence: s, span: container.range.lowerBound..<target.range.upperBound, rule: "belongs_to.location")
                continue
            }
            // Y所在的X, Y地处X, Y落地X; or Y在X落地.
            var object = item(startingAt: cueEnd, in: s, where: { $0.type.isPlace || $0.type == .project })
                ?? item(startingAt: cueEnd, in: s, where: { $0.type != .person })
            var subjectEnd = c
            if object == nil, let place = unit(endingAt: c, in: s), place.type.isPlace, place.range.lowerBound > 0, t[place.range.lowerBound - 1] == "在" {
                object = place
                subjectEnd = place.range.lowerBound - 1
            }
            guard let object else { continue }
            var subjects: [(Int, Int)] = []
            if let direct = unitOrAnaphor(endingAt: subjectEnd, in: s) {
                subjects.append(direct)
            }
            // Every project or company of the same clause before the cue (A和B落地X).
            var clauseStart = subjectEnd
            while clauseStart > 0 && !Self.isPunctuation(t[clauseStart - 1]) { clauseStart -= 1 }
            for i in items[s] where i.range.lowerBound >= clauseStart && i.range.upperBound <= subjectEnd
                && (i.type == .project || i.type == .company) && !subjects.contains(where: { $0.0 == i.entity }) {
                subjects.append((i.entity, i.range.lowerBound))
            }
            if subjects.isEmpty, let quoted = items[s].last(where: { $0.range.upperBound <= subjectEnd && $0.range.lowerBound >= clauseStart && $0.type != .person && !$0.type.isPlace }) {
                subjects.append((quoted.entity, quoted.range.lowerBound))
            }
            for (subject, start) in subjects where subject != object.entity {
                add(subject, .belongsTo, object.entity, sentence: s, span: min(start, object.range.lowerBound)..<max(cueEnd, object.range.upperBound), rule: "belongs_to.location")
            }
        }
    }

    /// 在X建设Y, 在X打造Y: a project or company built or set up in a place belongs to it.
    mutating func builtIn(_ s: Int) {
        let t = text(s)
        for target in items[s] where target.type == .project || target.type == .company {
            // Back over one or two verbs (投资建设, 打造) to the place, then 在 before it.
            var p = target.range.lowerBound
            var verbs = 0
            while verbs < 2, let verb = verbEnding(at: p, in: t) {
                p -= verb
                verbs += 1
            }
            guard verbs > 0, let place = unit(endingAt: p, in: s), place.type.isPlace, place.range.lowerBound > 0,
                  t[place.range.lowerBound - 1] == "在", place.entity != target.entity
            else { continue }
            add(target.entity, .belongsTo, place.entity, sentence: s, span: (place.range.lowerBound - 1)..<target.range.upperBound, rule: "belongs_to.built-in")
        }
    }

    /// The length of a verb of building or setting up that ends at `end`.
    func verbEnding(at end: Int, in t: [Unicode.Scalar]) -> Int? {
        BuildingVerbs.building.word(endingAt: end, in: t)?.count
    }

    // MARK: - funds

    mutating func funding(_ s: Int) {
        let t = text(s)
        var c = 0
        while c < t.count {
            guard let verb = rules.fundingVerbs.longestMatch(in: t, from: c) else {
                c += 1
                continue
            }
            defer { c += verb.length }
            let verbEnd = c + verb.length
            var a = verbEnd
            if a < t.count && t[a] == "了" { a += 1 }
            var amount = AmountParser.parse(t, from: a)
            if amount == nil {
                // A few words may name what is given before the amount (投入帮扶资金1458万元).
                var b = a
                while b < t.count && b - a < 6 && ScalarClass.isHan(t[b]) && amount == nil {
                    b += 1
                    if b < t.count && (ScalarClass.isDigit(t[b]) || SentenceAnalyzer.numerals.contains(t[b])) {
                        amount = AmountParser.parse(t, from: b)
                        if amount != nil { a = b }
                    }
                }
            }
            if amount == nil && string(s, c..<verbEnd) == "入股" {
                // X以14多亩村留地入股: the contribution stands before the verb.
                var b = c - 1
                while b > 0 && !Self.isPunctuation(t[b - 1]) && amount == nil {
                    if ScalarClass.isDigit(t[b]) && !ScalarClass.isDigit(t[b - 1]) { amount = AmountParser.parse(t, from: b) }
                    b -= 1
                }
            }
            guard let amount, amount.value > 0 else { continue }
            // The funders: the nearest unit or person before the verb in the clause, and
            // those listed with it (甲、乙和丙共同出资); else the subject of the sentence
            // before a comma (X主动上门服务,提供了…).
            var funders: [(Int, Int)] = []
            var beneficiary: (Int, Int)?
            var p = c
            while p > 0 && !Self.isPunctuation(t[p - 1]) {
                if let u = funder(endingAt: p, in: s) {
                    // 为X / 给X / 向X names who receives, not who gives.
                    var chainStart = u.1
                    while let outer = items[s].first(where: { $0.range.upperBound == chainStart && $0.type.isPlace }) { chainStart = outer.range.lowerBound }
                    if chainStart > 0 && Self.beneficiaryMarkers.contains(t[chainStart - 1]) && beneficiary == nil {
                        beneficiary = u
                        p = chainStart - 1
                        continue
                    }
                    funders = [u] + listed(before: u.1, in: s)
                    break
                }
                p -= 1
            }
            funders.removeAll { [.project, .program].contains(entities[$0.0].type) }
            // A total (总投资) states a project's size, not who pays, unless the payer
            // stands right before it.
            let isTotal = t[c] == "总"
            if funders.isEmpty && !isTotal {
                var q = c
                while q > 0 && t[q - 1] != "\u{3002}" {
                    if let u = unit(endingAt: q, in: s), ![.project, .program].contains(u.type) {
                        funders = [(u.entity, u.range.lowerBound)] + listed(before: u.range.lowerBound, in: s)
                        break
                    }
                    q -= 1
                }
            }
            guard let (_, firstStart) = funders.min(by: { $0.1 < $1.1 }) else { continue }
            let funderIds = Set(funders.map(\.0))
            let end = max(verbEnd, amount.length + a)
            let fundable: (Item) -> Bool = { [.project, .company, .organization, .program].contains($0.type) && !funderIds.contains($0.entity) }
            // What is funded: a unit after 为 before the verb (为红旗村捐助), the next
            // project, company, body or programme in the clause (past a comma only a
            // project or programme), or the latest project or company before that has
            // not itself been stated as a funder.
            var funded: (Int, Int)?
            if let beneficiary {
                funded = (beneficiary.0, end)
            } else if let after = items[s].first(where: { $0.range.lowerBound >= end && fundable($0)
                && ($0.type == .project || $0.type == .program || !t[end..<$0.range.lowerBound].contains(where: Self.isPunctuation)) }) {
                funded = (after.entity, after.range.upperBound)
            } else if t[c] == "捐", let (recipient, sentence) = lastRecipient, s - sentence <= 2, !funderIds.contains(recipient) {
                // A donation with no recipient in its clause goes where the donations
                // just stated went (甲为某村捐助50万元。乙去年捐款10万元).
                funded = (recipient, end)
            } else {
                for back in stride(from: s, through: max(0, s - 2), by: -1) {
                    let limit = back == s ? firstStart : Int.max
                    if let prior = items[back].last(where: { $0.range.upperBound <= limit && ($0.type == .project || $0.type == .company)
                        && !funderIds.contains($0.entity) && !statedFunders.contains($0.entity) }) {
                        funded = (prior.entity, end)
                        break
                    }
                }
            }
            guard let (fundedEntity, fundedEnd) = funded else { continue }
            for (funder, start) in funders where funder != fundedEntity {
                add(funder, .funds, fundedEntity, sentence: s, span: min(start, c)..<max(end, fundedEnd), rule: "funds.verb", amount: amount)
                statedFunders.insert(funder)
            }
            if t[c] == "捐" { lastRecipient = (fundedEntity, s) }
        }
    }

    /// `由X投资建设的Y`, `由X援建,总投资…建成的Y`: X funds Y, with or without an
    /// amount. X is the unit, place or person right after 由 (the last of a chain of
    /// places), a funding verb follows it, and Y is the project, body, company or
    /// programme right after the first 的 of the clause that follows.
    mutating func fundingByAgent(_ s: Int) {
        let t = text(s)
        for k in t.indices where t[k] == "由" {
            guard var funder = items[s].first(where: { $0.range.lowerBound == k + 1 && $0.type != .project && $0.type != .program }) else { continue }
            while let next = items[s].first(where: { $0.range.lowerBound == funder.range.upperBound && $0.type.isPlace }) { funder = next }
            var p = funder.range.upperBound
            if p + 2 <= t.count && t[p] == "共" && t[p + 1] == "同" { p += 2 }
            guard let verb = rules.fundingVerbs.longestMatch(in: t, from: p) else { continue }
            // What it built: right after the first 的 of the sentence, past one comma at most.
            var q = p + verb.length
            var commas = 0
            // (Sentence text is folded to half-width: a comma is always ",".)
            while q < t.count && t[q] != "的" && t[q] != "\u{3002}" && commas <= 1 && q - p < 40 {
                if t[q] == "," { commas += 1 }
                q += 1
            }
            guard q < t.count, t[q] == "的", commas <= 1,
                  let funded = items[s].first(where: { $0.range.lowerBound == q + 1 && [.project, .organization, .company, .program].contains($0.type) })
            else { continue }
            let amount = AmountParser.parse(t, from: p + verb.length)
            add(funder.entity, .funds, funded.entity, sentence: s, span: k..<funded.range.upperBound, rule: "funds.agent", amount: amount)
            statedFunders.insert(funder.entity)
            fundedByAgent.insert([funded.entity, funder.entity])
        }
    }

    /// `甲、乙等侨商捐建的Y`: every person, company or body of the clause before a
    /// verb of donated building funds the work right after its 的.
    mutating func fundingByDonors(_ s: Int) {
        let t = text(s)
        for work in items[s] where work.type == .project && work.range.lowerBound >= 3 && t[work.range.lowerBound - 1] == "的" {
            let verbEnd = work.range.lowerBound - 1
            guard let verb = BuildingVerbs.donated.word(endingAt: verbEnd, in: t) else { continue }
            // The clause runs back over a list's 、 to its first name.
            var clauseStart = verbEnd - verb.count
            while clauseStart > 0 && (!Self.isPunctuation(t[clauseStart - 1]) || t[clauseStart - 1] == "、") { clauseStart -= 1 }
            for donor in items[s] where donor.range.lowerBound >= clauseStart && donor.range.upperBound <= verbEnd - verb.count
                && [.person, .company, .organization].contains(donor.type) {
                add(donor.entity, .funds, work.entity, sentence: s, span: donor.range.lowerBound..<work.range.upperBound, rule: "funds.donors")
                statedFunders.insert(donor.entity)
            }
        }
    }

    /// `该项目投资方是X`, `项目的投资方负责人为X`: X funds the project (a person,
    /// company or body named after 是 or 为, a few words of description allowed).
    mutating func fundingByInvestor(_ s: Int) {
        let t = text(s)
        for k in t.indices where (t[k] == "投" || t[k] == "出") && k + 3 <= t.count
            && Self.investorWords.word(startingAt: k, in: t) != nil {
            var before = k
            if before > 0 && t[before - 1] == "的" { before -= 1 }
            guard let (project, projectStart) = unitOrAnaphor(endingAt: before, in: s), entities[project].type == .project else { continue }
            var p = k + 3
            for word in Self.investorHeads where t[p...].starts(with: word) { p += word.count }
            guard p < t.count, t[p] == "是" || t[p] == "为" else { continue }
            guard let investor = items[s].first(where: { $0.range.lowerBound > p && $0.range.lowerBound - p <= 12
                && [.person, .company, .organization].contains($0.type) && !t[p..<$0.range.lowerBound].contains(where: Self.isPunctuation) })
            else { continue }
            add(investor.entity, .funds, project, sentence: s, span: projectStart..<investor.range.upperBound, rule: "funds.investor")
            statedFunders.insert(investor.entity)
        }
    }

    static let investorWords: [[Unicode.Scalar]] = ["投资方", "出资方", "投资人", "投资商"].map { Array($0.unicodeScalars) }
    static let investorHeads: [[Unicode.Scalar]] = ["负责人", "代表", "法人"].map { Array($0.unicodeScalars) }

    static let beneficiaryMarkers: ScalarSet = ["为", "给", "向"]

    /// A funder ending at `position`: a unit or anaphor, or a person.
    func funder(endingAt position: Int, in s: Int) -> (Int, Int)? {
        if let u = unitOrAnaphor(endingAt: position, in: s) { return u }
        return items[s].first { $0.range.upperBound == position && $0.type == .person }.map { ($0.entity, $0.range.lowerBound) }
    }

    /// The units and persons listed before the one starting at `start`, joined by 、,
    /// 和, 与 or 及 (甲、乙和丙).
    func listed(before start: Int, in s: Int) -> [(Int, Int)] {
        let t = text(s)
        var out: [(Int, Int)] = []
        var p = start
        while p > 1 && Self.listSeparators.contains(t[p - 1]) && t[p - 1] != " ", let u = funder(endingAt: p - 1, in: s) {
            out.append(u)
            p = u.1
        }
        return out
    }
}
