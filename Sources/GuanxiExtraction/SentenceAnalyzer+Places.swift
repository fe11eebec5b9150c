import GuanxiText

extension SentenceAnalyzer {
    /// Chooses among the gazetteer matches the ones the document supports, longest
    /// first from the left.
    func selectPlaces() {
        guard !candidatePlaces.isEmpty else { return }
        // By start, the longest first at each start (ties in the order found).
        let order = candidatePlaces.indices.sorted { a, b in
            let ra = candidatePlaces[a].range, rb = candidatePlaces[b].range
            if ra.lowerBound != rb.lowerBound { return ra.lowerBound < rb.lowerBound }
            return ra.count != rb.count ? ra.count > rb.count : a < b
        }
        var next = 0
        var k = 0
        while k < order.count {
            let start = candidatePlaces[order[k]].range.lowerBound
            var end = k
            while end < order.count && candidatePlaces[order[end]].range.lowerBound == start { end += 1 }
            defer { k = end }
            guard start >= next else { continue }
            for candidate in order[k..<end] {
                let hit = candidatePlaces[candidate]
                guard !namesARoad(hit) && !isSplitShortForm(hit) && !isBareCountyInWord(hit) else { continue }
                let accepted = hit.entries.filter { context.accepts($0, gazetteer: gazetteer) || isKnownCityName($0, hit.range) }
                if !accepted.isEmpty && !falseSuffixCovers(hit.range.upperBound - 1..<hit.range.upperBound) {
                    places.append(PlaceHit(range: hit.range, entries: accepted[...]))
                    next = hit.range.upperBound
                    break
                }
            }
        }
    }

    /// A county of one character and 县 (嵩县) where the text reads other words: its
    /// character ends a word begun before it (贡献|县域), is a word of its own before
    /// 县 (市和县, 各县), or 县 starts a word after it (代县|长 in 代县长, 县委, 县城).
    func isBareCountyInWord(_ hit: PlaceHit) -> Bool {
        guard hit.range.count == 2, text[hit.range.upperBound - 1] == "县" else { return false }
        let start = hit.range.lowerBound, end = hit.range.upperBound
        if start > 0 && (wordCrosses(into: start) || ScalarClass.isHan(text[start - 1]) && rules.lexicon.words.contains(text[(start - 1)...start])) {
            return true
        }
        // After a character, the county stands alone only after a place (河北|蔚县), a
        // word (利用|易县) or a preposition (在, 至): not inside a longer name (紫|云县).
        if start > 0 && ScalarClass.isHan(text[start - 1]) && !Self.prepositions.contains(text[start - 1])
            && !candidatePlaces.contains(where: { $0.range.upperBound == start })
            && !everydayWordEnds(at: start, startingFrom: max(0, start - 4), before: start) {
            return true
        }
        if Self.countyWordEnds.contains(text[start]) { return true }
        return end < count && (Self.countyWordEnds.contains(text[end]) || rules.lexicon.words.contains(text[(end - 1)...end]))
    }

    static let prepositions: ScalarSet = ["在", "于", "至", "到", "从", "使", "的", "是", "赴", "往", "向", "对", "经"]

    /// Characters that join 县 into another word, before or after it.
    static let countyWordEnds: ScalarSet = ["和", "与", "及", "各", "全", "本", "该", "每", "两", "省", "市", "州", "郡", "邻", "外", "这", "那", "长", "委", "域", "城", "级", "政", "里", "内", "乡", "镇", "区", "志", "令", "官", "府", "情", "直", "属", "一", "二", "三", "多", "几", "个", "新", "老"]

    /// `江苏路街道`, `延安路`: a place name right before 路 names a road (and the
    /// street office named after it), not the place, unless another place starts
    /// there (台州路桥区).
    func namesARoad(_ hit: PlaceHit) -> Bool {
        let end = hit.range.upperBound
        guard end < count, text[end] == "路" else { return false }
        return !candidatePlaces.contains { $0.range.lowerBound == end }
    }

    /// A short form (益阳 for 益阳市) whose first character ends an everyday word begun
    /// before it (收益|阳光): the text reads the words, not the place; unless a place
    /// ends right before it (金清镇|上塘村, where 镇上 is no word of the text). Also a
    /// village's that is a word before a false suffix (高山|村落).
    func isSplitShortForm(_ hit: PlaceHit) -> Bool {
        let start = hit.range.lowerBound
        guard hit.entries.allSatisfy({ $0.form == .short }) else { return false }
        // An everyday word before a word that only looks like a suffix (高山|村落).
        let end = hit.range.upperBound
        if end < count, rules.lexicon.words.contains(text[hit.range]), falseSuffixCovers(end..<(end + 1)),
           hit.entries.allSatisfy({ [.village, .community].contains(gazetteer.units[Int($0.unit)].type) }) { return true }
        guard start > 0, wordCrosses(into: start) else { return false }
        return !Self.levelCharacters.contains(text[start - 1]) && !candidatePlaces.contains { $0.range.upperBound == start }
    }

    /// A city's short form that the lexicon knows as a place name (杭州, 宁波, 上海):
    /// read as the city even where the document names nothing around it.
    func isKnownCityName(_ entry: GazetteerEntry, _ range: Range<Int>) -> Bool {
        guard entry.form == .short, gazetteer.units[Int(entry.unit)].type == .city else { return false }
        return rules.lexicon.words.word(text[range])?.isProper ?? false
    }

    /// The gazetteer places not swallowed by a longer name. A place at the start of an
    /// organisation or project name is still a mention of the place (`螺洋街道党工委`);
    /// the registered place of a company (`浙江…有限公司`) is not.
    func emitGazetteerPlaces() {
        for hit in places {
            let range = hit.range
            // A list of places has named it already.
            if owner[range.lowerBound] >= 0 && mentions[Int(owner[range.lowerBound])].range == range && mentions[Int(owner[range.lowerBound])].rule == "place.list" { continue }
            var keep = true
            for i in range where owner[i] >= 0 {
                let m = mentions[Int(owner[i])]
                // Inside a longer name, a place counts only in the chain of places it starts with.
                var chainStart = range.lowerBound
                while chainStart > m.range.lowerBound, let prior = places.first(where: { $0.range.upperBound == chainStart }) {
                    chainStart = prior.range.lowerBound
                }
                if m.type == .person || m.type == .company || m.type == .program || chainStart != m.range.lowerBound {
                    keep = false
                }
            }
            if !keep { continue }
            let (unit, type, ambiguity) = resolve(hit)
            if (type == .village || type == .community) && !isAnchored(hit) {
                // A village the document gives no town or district for is read only
                // where it stands as a name: three characters or more, at a phrase
                // boundary (not 新农村 inside 社会主义新农村).
                let start = range.lowerBound
                let atBoundary = start == 0 || !ScalarClass.isHan(text[start - 1]) || boundaryEnds(at: start) || mentionEnds(at: start)
                    || places.contains { $0.range.upperBound == start }
                if range.count < 3 || !atBoundary || everydayWordEnds(at: range.upperBound, startingFrom: start, before: range.upperBound - 1) { continue }
            }
            // A place is named as the article writes it (衢州 stays 衢州); the
            // gazetteer's name is an alias.
            let written = string(range)
            var aliases: [String] = []
            if let unit {
                let canonical = gazetteer.units[Int(unit)].shortName
                if canonical != written { aliases = [canonical] }
            } else if let entry = hit.entries.first, entry.form == .short {
                aliases = [gazetteer.units[Int(entry.unit)].shortName]
            }
            // …unless the rest of the gazetteer's name follows right after it
            // (上塘|村两委: the article writes 上塘村).
            var name = written
            if let canonical = aliases.first, canonical.hasBytePrefix(written) {
                let rest = Array(canonical.unicodeScalars.dropFirst(written.unicodeScalars.count))
                if range.upperBound + rest.count <= count && text[range.upperBound..<(range.upperBound + rest.count)].elementsEqual(rest) {
                    name = canonical
                    aliases = [written]
                }
            }
            var mention = Mention(type: type, sentence: index, range: range, name: name, aliases: aliases,
                                  rule: hit.entries.contains { $0.form == .short } ? "place.gazetteer.short" : "place.gazetteer", unit: unit)
            mention.ambiguity = ambiguity
            add(mention, claim: isFree(range))
        }
    }

    /// True when a town or district above one of the hit's units is named in the document
    /// (or stands above a town it names).
    func isAnchored(_ hit: PlaceHit) -> Bool {
        for entry in hit.entries {
            for ancestor in gazetteer.lineage(entry.unit).dropFirst() {
                let t = gazetteer.units[Int(ancestor)].type
                if (t == .town || t == .district) && context.lineageUnits.contains(ancestor) { return true }
            }
        }
        return false
    }

    /// The unit a hit means, its type, and how many units it could mean if unresolved.
    func resolve(_ hit: PlaceHit) -> (Int32?, EntityType, Int) {
        var units = Array(Set(hit.entries.map(\.unit))).sorted()
        // A short form shared by a county and one of its towns (路桥: 路桥区, 路桥街道)
        // means the larger unit.
        if hit.entries.allSatisfy({ $0.form == .short }) {
            let best = units.compactMap { gazetteer.units[Int($0)].type.placeRank }.min()
            units = units.filter { gazetteer.units[Int($0)].type.placeRank == best }
        }
        if units.count == 1 { return (units[0], gazetteer.units[Int(units[0])].type, 0) }
        let named = units.filter { context.namedUnits.contains($0) }
        if named.count == 1 { return (named[0], gazetteer.units[Int(named[0])].type, 0) }
        if let unit = DocumentContext.resolve(units, within: context.lineageUnits, gazetteer: gazetteer) {
            return (unit, gazetteer.units[Int(unit)].type, 0)
        }
        // Unresolved: the most frequent type among the candidates.
        var counts: [EntityType: Int] = [:]
        for u in units { counts[gazetteer.units[Int(u)].type, default: 0] += 1 }
        let type = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }?.key ?? .village
        return (nil, type, units.count)
    }

    /// Places the gazetteer does not know, by suffix (`钟洋村`, `文化北区`), never
    /// dropped for being unknown.
    func findSuffixPlaces() {
        var i = 0
        while i < count {
            guard owner[i] < 0, let match = rules.placeSuffixes.longestMatch(in: text, from: i),
                  let suffix = match.values.first
            else {
                i += 1
                continue
            }
            let suffixRange = i..<(i + match.length)
            defer { i += 1 }
            guard isFree(suffixRange), !falseSuffixCovers(suffixRange) else { continue }
            guard var start = leftExtent(from: i, maximumStem: suffix.maximumStem, throughQuotes: false, stopAtPlaces: true) else { continue }
            // A verb is never the start of a place's name (结合长新小区 → 长新小区).
            if let verb = rules.lexicon.words.longestMatch(in: text, from: start, limit: i), verb.length >= 2, verb.word.isVerb,
               i - start - verb.length >= max(2, suffix.minimumStem) {
                start += verb.length
            }
            let stem = start..<i
            guard stem.count >= suffix.minimumStem, isFree(stem), stem.allSatisfy({ ScalarClass.isHan(text[$0]) }) else { continue }
            let stemText = string(stem)
            // 家乡, 驻村, 自然村 are words (one starts in the stem and ends with the
            // suffix); 先进村, 建立村 are an adjective or a verb before 村 where nothing
            // places them.
            if everydayWordEnds(at: suffixRange.upperBound, startingFrom: start, before: i) { continue }
            if !places.contains(where: { $0.range.upperBound == start }),
               let word = rules.lexicon.words.word(text[stem]), word.isVerb || word.opensNoName || word.isAdjective { continue }
            // Right after a person's name, an everyday word before a level character is
            // what the person does (某某|代表镇党委), not a place.
            if start > 0, owner[start - 1] >= 0, mentions[Int(owner[start - 1])].type == .person,
               let word = rules.lexicon.words.word(text[stem]), !word.isProper { continue }
            // 市级薄弱村, 相对薄弱村: a level or a degree before a generic word is no name.
            if stem.count >= 4 && rules.genericStems.contains(String(stemText.unicodeScalars.dropFirst(2))) { continue }
            // A longer stem ending in a verb is a clause, not a name (顺利连任|村党总支书记).
            if stem.count >= 3, let verb = rules.lexicon.words.word(text[(i - 2)..<i]), verb.isVerb,
               rules.lexicon.words.word(text[stem]) == nil { continue }
            if rules.genericStems.contains(stemText) || stem.contains(where: { rules.nameStopScalars.contains(text[$0]) && Self.numerals.contains(text[$0]) }) { continue }
            // A residential area the gazetteer does not know is named right after the
            // place that holds it (百官街道文化北区, 博文社区春江花城小区); a 区 of two
            // characters right after a city is one of its districts, one the gazetteer
            // no longer lists (杭州市江干区, merged away since).
            var type = suffix.type
            if suffix.type == .community {
                let after = places.first { $0.range.upperBound == start }.map { resolve($0).1 }
                    ?? (start > 0 && owner[start - 1] >= 0 ? mentions[Int(owner[start - 1])].type : nil)
                guard let after else { continue }
                if after == .city && text[i] == "区" && match.length == 1 && stem.count == 2 {
                    type = .district
                } else {
                    guard after == .town || after == .community || (text[i] != "区" && after == .district) else { continue }
                }
            }
            let name = string(start..<suffixRange.upperBound)
            if rules.notEntities.contains(name) { continue }
            // A longer stem the gazetteer does not know must be placed by its context: a
            // place before it (金清镇联盟村) or a title or party body after it.
            if suffix.type == .village && stem.count >= 3 {
                let end = suffixRange.upperBound
                let placed = places.contains { $0.range.upperBound == start } || (start > 0 && owner[start - 1] >= 0 && mentions[Int(owner[start - 1])].type.isPlace)
                    || boundaryEnds(at: start) && start >= 2 && rules.anaphoraReversed.longestMatch(in: Array(text[..<start].reversed()), from: 0) != nil
                let titled = titles.contains { $0.range.lowerBound == end } || rules.unitBodies.longestMatch(in: text, from: end) != nil
                    || (end < count && text[end] == "党")
                if !placed && !titled { continue }
            }
            add(Mention(type: type, sentence: index, range: start..<suffixRange.upperBound, name: name, rule: "place.suffix"))
            i = suffixRange.upperBound - 1
        }
    }

    static let numerals: ScalarSet = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "两", "几", "多", "全", "各", "每", "该", "本"]
}
