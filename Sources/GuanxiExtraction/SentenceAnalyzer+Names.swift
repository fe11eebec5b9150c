import GuanxiText

/// A name closed by a suffix, before overlaps are settled.
struct SuffixCandidate {
    var range: Range<Int>
    var suffixStart: Int
    var type: EntityType
}

/// A name suffix found in a sentence: where it starts, how long it is, what it closes.
struct SuffixAt {
    var start: Int
    var length: Int
    var suffix: NameSuffix
}

extension SentenceAnalyzer {
    /// Names from the known-names lexicon (`党中央`, `省委`), longest first.
    func findKnownNames() {
        var i = 0
        while i < count {
            if let match = rules.knownNames.longestMatch(in: text, from: i), let type = match.values.first {
                let range = i..<(i + match.length)
                // A known name never starts inside a place (仙居|县委 is 仙居县|委), and a
                // place of the article that is written the same way is that place.
                if isFree(range) && !titles.contains(where: { $0.range.overlaps(range) && $0.coreStart < range.upperBound && $0.coreStart >= range.lowerBound })
                    && !places.contains(where: { ($0.range.lowerBound < i && $0.range.upperBound > i) || $0.range == range })
                    && !(range.count <= 2 && (wordCrosses(into: i) || rules.placeSuffixes.longestMatch(in: text, from: range.upperBound) != nil)) {
                    add(Mention(type: type, sentence: index, range: range, name: string(range), rule: "name.known"))
                    i = range.upperBound
                    continue
                }
            }
            i += 1
        }
    }

    /// True when an everyday word starts before `position` and runs into it: a short
    /// known name there is part of that word (民建 in 农民建房, 民进 in 居民进行), as
    /// it is part of a place when a place suffix follows it (民建村).
    func wordCrosses(into position: Int) -> Bool {
        var crosses = false
        for start in max(0, position - 3)..<position {
            rules.lexicon.words.forEachMatch(in: text, from: start) { length, word in
                if start + length > position && !word.isProper { crosses = true }
            }
        }
        return crosses
    }

    /// Organisations, companies and projects closed by a suffix (`…有限公司`,
    /// `…组织部`, `…产业园`), extended leftwards to the nearest boundary.
    func findSuffixNames() {
        var candidates: [SuffixCandidate] = []
        // The sentence's suffixes, found once: the names and where they stop read them.
        var suffixes: [SuffixAt] = []
        for i in 0..<count {
            if let match = rules.nameSuffixes.longestMatch(in: text, from: i), let suffix = match.values.first {
                suffixes.append(SuffixAt(start: i, length: match.length, suffix: suffix))
            }
        }
        // Where names stop, found when the first suffix needs them: many sentences
        // have no suffix that gets that far, and the scan reads every position.
        var stopFlags: (stops: [Bool], forProjects: [Bool])?
        for found in suffixes {
            let (i, suffix) = (found.start, found.suffix)
            let suffixRange = i..<(i + found.length)
            // A title word is not a suffix (院 in 院士), and a unit body followed by a
            // title belongs to the role (党委 in 党委副书记).
            if titles.contains(where: { $0.coreStart < suffixRange.upperBound && $0.range.upperBound > suffixRange.lowerBound && $0.coreStart >= suffixRange.lowerBound }) { continue }
            if rules.unitBodies.longestMatch(in: text, from: i).map({ $0.length == found.length }) ?? false,
               titles.contains(where: { $0.range.lowerBound <= i && $0.range.upperBound > suffixRange.upperBound }) {
                continue
            }
            if falseSuffixCovers(suffixRange) { continue }
            let passThrough = rules.unitBodies.longestMatch(in: text, from: i)?.length == found.length || text[i] == "分" || text[i] == "支"
            let flags = stopFlags ?? nameStops(suffixes)
            stopFlags = flags
            // A stem too long to be a name may still be a short one after a chain of
            // places (在阿坝县|南岸新区, 住龙镇住溪村|1935营地).
            var extent = leftExtent(from: i, maximumStem: suffix.maximumStem, throughQuotes: true,
                                    stopAt: passThrough ? [] : suffix.type == .project ? flags.forProjects : flags.stops,
                                    forCompany: suffix.type == .company)
                ?? placeChainStart(before: i, within: suffix.maximumStem)
                ?? (suffix.type == .project ? clauseCutStart(before: i, within: suffix.maximumStem) : nil)
            // A production line's project opens with its capacity, however long
            // (年产3万吨某某和某某生产线项目).
            if suffix.type == .project, let capacity = capacityStart(before: i), capacity < (extent ?? i) { extent = capacity }
            guard var start = extent else { continue }
            start = skipQuantity(from: start, to: i)
            start = skipPastTimePhrase(from: start, to: i)
            start = skipLeadingWords(from: start, to: i)
            start = skipQuantity(from: start, to: i)
            start = skipPastVerbOfPlacing(from: start, to: i)
            start = skipPastPlaceAndVerb(from: start, to: i)
            if suffix.type == .company { start = skipPastAidingPlace(from: start, to: i) }
            start = skipToPlaceAfterWords(from: start, to: i)
            start = closedStart(start, i)
            start = placeBodyStart(start, suffixRange, type: suffix.type)
            // A company's registered name starts at its place after a generic word
            // (企业浙江某某有限公司, 衢商企业浙江某某集团).
            if suffix.type == .company, let place = places.first(where: { $0.range.lowerBound > start && $0.range.upperBound < i && endsGenericStem(at: $0.range.lowerBound) }) {
                start = place.range.lowerBound
            }
            // …and its name after a description of the firm (中国百强民营企业|海亮集团) or
            // after the name of its owner that opens the stem (某某企业|长兴某某有限公司),
            // not inside one (某某企业管理有限公司).
            if suffix.type == .company, i - start >= 5 {
                for p in stride(from: i - 2, to: start + 3, by: -1) where text[p - 2] == "企" && text[p - 1] == "业"
                    && (Self.firmQualifiers.contains(string((p - 4)..<(p - 2)))
                        || (2...3).contains(where: { p - 2 - $0 == start && nameLength(at: start, exact: $0) == $0 })) {
                    start = p
                    break
                }
            }
            // A stem that runs through a person's title and on past it holds a sentence,
            // not a name (某某镇党委书记|某某代表镇党委): the title names its own unit.
            if titles.contains(where: { $0.range.lowerBound >= start && $0.range.upperBound + 2 <= i }) { continue }
            // A one-character suffix that ends an everyday word (举办, 互联网) or starts
            // one (网格, 网络) is none.
            if found.length == 1 && i > 0 && (everydayWordEnds(at: i + 1, startingFrom: 0, before: i + 1)
                || (rules.lexicon.words.longestMatch(in: text, from: i)?.length ?? 0) >= 2) { continue }
            let stemLength = (start..<i).reduce(0) { $0 + (Self.isQuoteMark(text[$1]) ? 0 : 1) }
            guard stemLength >= suffix.minimumStem else { continue }
            let stem = string(start..<i)
            // A level word before an association or a department names the body of
            // the article's place (市工商联, 县商会), unlike 村公司 or 村党支部.
            let levelBody = suffix.type == .organization && stem.unicodeScalars.count == 1 && stem.unicodeScalars.first.map { EntityType.ofLevelWord[$0] != nil } == true && !passThrough
            if (rules.genericStems.contains(stem) && !levelBody) || Self.isNumberLike(stem) { continue }
            // A generic phrase is no name (交通项目, 基础设施项目, 服务中心); a short
            // project name needs something that names it (a place, a quote, a number).
            let genericLimit = suffix.type == .project ? 4 : 2
            if isGeneric(start..<i, upTo: genericLimit) { continue }
            // …also after a level word (社区|居家照料服务中心, 村|党群服务中心): the
            // community's own centre, not a name.
            if let level = Self.levelWords.first(where: { stem.hasBytePrefix($0) }), suffix.type != .company {
                let rest = (start + level.unicodeScalars.count)..<i
                if rules.genericStems.contains(string(rest)) || isGeneric(rest, upTo: 8) { continue }
            }
            // …also after a one-character verb (有服务中心).
            if i - start > 1, let first = rules.lexicon.words.word(text[start..<(start + 1)]), first.isVerb,
               isGeneric((start + 1)..<i, upTo: genericLimit) { continue }
            if suffix.type == .project && stemLength <= 4 && !namesSomething(start..<i) { continue }
            if suffix.type == .project && namesProjectCategory(headStart: i, floor: start) { continue }
            if suffix.minimumStem == 0 && stemLength > 0 && rules.genericStems.contains(String(stem.unicodeScalars.suffix(1).map(Character.init))) { continue }
            // A name never starts inside a person's name or a title.
            if start > 0 && owner[start] >= 0 && mentions[Int(owner[start])].rule != "name.known" { continue }
            candidates.append(SuffixCandidate(range: start..<suffixRange.upperBound, suffixStart: i, type: suffix.type))
        }
        // Longest first; a shorter candidate survives only inside a longer one of another
        // type (the project inside `…项目临时党支部`), never crossing it.
        // The same span closed by two suffixes (报业集团, 集团) takes the longer suffix.
        candidates.sort {
            if $0.range.count != $1.range.count { return $0.range.count > $1.range.count }
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            return $0.suffixStart < $1.suffixStart
        }
        var accepted: [SuffixCandidate] = []
        for c in candidates {
            var ok = true
            for a in accepted where a.range.overlaps(c.range) {
                let inside = a.range.lowerBound <= c.range.lowerBound && a.range.upperBound >= c.range.upperBound
                if !inside || a.type == c.type || a.range == c.range { ok = false }
            }
            if ok { accepted.append(c) }
        }
        accepted.sort { $0.range.lowerBound < $1.range.lowerBound }
        // An outlet's channel is one name with the outlet (浙江在线|衢州频道).
        var k = 1
        while k < accepted.count {
            let outlet = accepted[k - 1], channel = accepted[k]
            if outlet.type == .organization && channel.type == .organization && outlet.range.upperBound == channel.range.lowerBound,
               endsWithAny(of: ["频道"], channel.range), endsWithAny(of: rules.outletSuffixes, outlet.range) {
                accepted[k - 1] = SuffixCandidate(range: outlet.range.lowerBound..<channel.range.upperBound, suffixStart: channel.suffixStart, type: .organization)
                accepted.remove(at: k)
            } else {
                k += 1
            }
        }
        // …and so is its regional edition named by a place alone (中国网|温州, then a
        // space or the end of the line).
        for k in accepted.indices where accepted[k].type == .organization {
            let end = accepted[k].range.upperBound
            guard let place = places.first(where: { $0.range.lowerBound == end }),
                  endsWithAny(of: rules.outletSuffixes, accepted[k].range),
                  place.range.upperBound == count || !ScalarClass.isHan(text[place.range.upperBound]),
                  !accepted.contains(where: { $0.range.overlaps(place.range) })
            else { continue }
            accepted[k].range = accepted[k].range.lowerBound..<place.range.upperBound
        }
        for c in accepted {
            let name = string(c.range)
            if rules.notEntities.contains(name) { continue }
            // Known short names inside a longer name yield to it.
            for i in c.range where owner[i] >= 0 && mentions[Int(owner[i])].rule == "name.known" {
                owner[i] = -1
            }
            mentions.removeAll { $0.rule == "name.known" && c.range.lowerBound <= $0.range.lowerBound && $0.range.upperBound <= c.range.upperBound && $0.range != c.range }
            reindexOwners()
            var aliases: [String] = []
            var canonical = name
            // The canonical name drops a leading parent place (ONTOLOGY): a project is
            // named without its places, an organisation keeps the nearest one
            // (路桥街道古街社区居家养老照料中心 → 古街社区居家养老照料中心).
            if c.type == .project, let bare = withoutLeadingPlaces(c.range, keepLast: false), bare.unicodeScalars.count >= 4 {
                canonical = bare
                aliases.append(name)
            } else if c.type == .organization, let bare = withoutLeadingPlaces(c.range, keepLast: true), bare != name {
                canonical = bare
                aliases.append(name)
            } else if c.type == .company, let bare = withoutRegisteredPlace(c.range), bare.unicodeScalars.count >= 4 {
                aliases.append(bare)
            }
            let claim = c.range.allSatisfy { owner[$0] < 0 }
            add(Mention(type: c.type, sentence: index, range: c.range, name: canonical, aliases: aliases, rule: "name.suffix.\(c.type.rawValue.lowercased())"), claim: claim)
        }
    }

    /// Positions where a name part ends that a following name does not run through:
    /// the end of another organisation (黄岩公安分局|巡特警大队) unless the next
    /// word stations it (海关驻…办事处), and the end of a programme head
    /// (…党建示范点|方林汽车4S党总支). A project's name runs through a zone's head
    /// (某某产业园基础设施项目): the second set leaves those out.
    /// Where names stop: the end of every name suffix (a name never runs back over
    /// another unit's name), and of every programme head; the second list holds those
    /// a project name stops at. Flags by position, read once a step by `leftExtent`.
    /// `suffixes` are the sentence's name suffixes in the order of their positions.
    func nameStops(_ suffixes: [SuffixAt]) -> ([Bool], forProjects: [Bool]) {
        var stops = [Bool](repeating: false, count: count + 1)
        var projectStops = stops
        var next = 0
        for i in 0..<count {
            if next < suffixes.count && suffixes[next].start == i {
                let end = i + suffixes[next].length
                let type = suffixes[next].suffix.type
                next += 1
                // A suffix that stops nothing here also hides a programme head starting
                // at it (as the rules were tuned).
                guard end < count && text[end] != "驻" && type != .project else { continue }
                if !Self.areaCommittees.contains(where: { $0.elementsEqual(text[i..<end]) }) && !runsOnIntoSubUnit(i..<end) {
                    stops[end] = true
                    projectStops[end] = true
                }
            }
            if let h = rules.programHeads.longestMatch(in: text, from: i), h.length >= 3 {
                stops[i + h.length] = true
                if h.values.first != .project { projectStops[i + h.length] = true }
            }
        }
        return (stops, projectStops)
    }

    static let areaCommittees = ["区委", "市委", "县委", "省委", "镇委", "党委", "党工委", "工委", "政府"].map { Array($0.unicodeScalars) }

    /// True when the name closed by the suffix `text[suffix]` runs on into a unit of its own:
    /// a university or academy into its institute or centre (某某大学|某地创新中心,
    /// 某某院|茶叶研究所), a group into its subsidiary (某某集团|某地种植有限公司), as a
    /// bank runs on into its branch.
    func runsOnIntoSubUnit(_ suffix: Range<Int>) -> Bool {
        let written = text[suffix]
        if Self.academicParents.contains(where: { $0.elementsEqual(written) }) {
            return subUnitFollows(suffix.upperBound, units: Self.academicUnits)
        }
        if written.elementsEqual("集团".unicodeScalars) { return subUnitFollows(suffix.upperBound, units: Self.subsidiaryUnits) }
        return false
    }

    static let academicParents = ["大学", "学院", "科学院", "农科院", "研究院"].map { Array($0.unicodeScalars) }
    static let academicUnits = ["研究所", "研究院", "研究中心", "创新中心", "实验室", "研究基地"].map { Array($0.unicodeScalars) }
    static let subsidiaryUnits = ["有限公司", "有限责任公司", "股份有限公司", "分公司"].map { Array($0.unicodeScalars) }

    /// True when one of `units` closes a name a few characters after `position`, with
    /// only name characters between.
    func subUnitFollows(_ position: Int, units: [[Unicode.Scalar]]) -> Bool {
        var p = position + 1
        while p < count && p - position <= 10 && isNameScalar(text[p - 1]) {
            if units.word(startingAt: p, in: text) != nil { return true }
            p += 1
        }
        return false
    }

    func reindexOwners() {
        owner = Array(repeating: -1, count: count)
        for (id, m) in mentions.enumerated() {
            for i in m.range where owner[i] < 0 { owner[i] = Int32(id) }
        }
    }

    /// The name without the parent places it starts with: full-form places of town
    /// level or above, each below the one before (新桥镇…创业园 → …创业园), and a
    /// village too at the end of a chain of two or more (某市某镇某村…营地 → …营地).
    /// Short forms (路桥, 台州) are part of many names and stay, unless a full form
    /// follows. With `keepLast`, a chain of two or more keeps its last place
    /// (路桥街道古街社区… → 古街社区…).
    func withoutLeadingPlaces(_ range: Range<Int>, keepLast: Bool = false) -> String? {
        var start = range.lowerBound
        var chain: [Int] = []
        var lastRank = -1
        while let hit = places.first(where: { $0.range.lowerBound == start && $0.range.upperBound < range.upperBound }),
              hit.entries.contains(where: { $0.form == .full }) || fullPlaceFollows(hit, within: range) {
            let rank = resolve(hit).1.placeRank ?? 9
            guard rank > lastRank, keepLast || rank <= 3 || chain.count >= 2 else { break }
            lastRank = rank
            chain.append(start)
            start = hit.range.upperBound
        }
        if keepLast {
            guard chain.count >= 2, let last = chain.last else { return nil }
            start = last
        }
        while start < range.upperBound && Self.isQuoteMark(text[start]) { start += 1 }
        return start > range.lowerBound ? string(start..<range.upperBound) : nil
    }

    /// True when a full-form place follows `hit` inside `range`: a short form that
    /// opens a chain of places (龙泉|某某镇某某村…营地) is one of them.
    func fullPlaceFollows(_ hit: PlaceHit, within range: Range<Int>) -> Bool {
        places.contains { $0.range.lowerBound == hit.range.upperBound && $0.range.upperBound < range.upperBound && $0.entries.contains { $0.form == .full } }
    }

    /// A company name without the places of registration it starts with (浙江, 台州市
    /// 黄岩): provinces, cities and counties, full or short.
    func withoutRegisteredPlace(_ range: Range<Int>) -> String? {
        var start = range.lowerBound
        while let hit = places.first(where: { $0.range.lowerBound == start && $0.range.upperBound < range.upperBound }),
              (resolve(hit).1.placeRank ?? 9) <= 2 {
            start = hit.range.upperBound
        }
        return start > range.lowerBound ? string(start..<range.upperBound) : nil
    }

    /// Skips a leading count and level (`2家市级`, `3个省级`) that is not part of a name.
    /// Also an ordinal (区首个, 第一家), a classifier left by a demonstrative (这|个…)
    /// and a bare level (乡级乡贤联谊会).
    func skipQuantity(from start: Int, to limit: Int) -> Int {
        var p = start
        // 区|首个, 全市|第一家: the place word before an ordinal goes with it.
        if p + 2 < limit && Self.levelCharacters.contains(text[p]) && (text[p + 1] == "首" || text[p + 1] == "第") { p += 1 }
        if p < limit && (text[p] == "首" || text[p] == "第") && p + 1 < limit { p += 1 }
        while p < limit && (ScalarClass.isDigit(text[p]) || Self.numerals.contains(text[p])) { p += 1 }
        let counted = p > start || (p < limit && text[p] == "个" && start > 0 && Self.demonstratives.contains(text[start - 1]))
        if counted {
            guard p < limit, Self.classifiers.contains(text[p]) else { return start }
            p += 1
        }
        // A level keeps at least one character of the stem after it.
        if let level = Self.levelScalars.word(startingAt: p, in: text, limit: limit - 1) { return p + level.count }
        return p
    }

    static let scopeMarks: ScalarSet = ["全", "各", "本", "该", "每", "我"]
    static let demonstratives: ScalarSet = ["这", "那", "哪", "每", "各", "某"]

    /// Skips the words at the start of a stem that never open a name: verbs, adverbs,
    /// pronouns, time words and the like (举行四季度重大项目, 积极策划…, 去年…), and a
    /// year (2017年商会).
    func skipLeadingWords(from start: Int, to limit: Int) -> Int {
        var p = start
        while p < limit && owner[p] < 0 {
            // A scope (全县, 各村, 本镇) says where, not what.
            if p + 2 < limit && Self.scopeMarks.contains(text[p]) && Self.levelCharacters.contains(text[p + 1]) && owner[p + 1] < 0 {
                p += 2
                continue
            }
            if ScalarClass.isDigit(text[p]) {
                var q = p
                while q < limit && ScalarClass.isDigit(text[q]) { q += 1 }
                guard q < limit, text[q] == "年" || text[q] == "月" || text[q] == "日" else { break }
                p = q + 1
                continue
            }
            // One character that modifies a verb after it (新|当选, 刚|成立): the two go.
            if p == start, p + 2 < limit, Self.verbModifiers.contains(text[p]),
               let verb = rules.lexicon.words.longestMatch(in: text, from: p + 1, limit: limit), verb.length >= 2, verb.word.isVerb,
               verb.word.opensNoName, !places.contains(where: { $0.range.contains(p) }) {
                p += 1 + verb.length
                continue
            }
            guard !places.contains(where: { $0.range.contains(p) }),
                  let match = rules.lexicon.words.longestMatch(in: text, from: p, limit: limit), match.word.opensNoName, (p..<(p + match.length)).allSatisfy({ owner[$0] < 0 })
            else { break }
            p += match.length
        }
        return p
    }

    static let verbModifiers: ScalarSet = ["新", "刚", "首", "已", "正", "将", "再", "又", "均", "共", "还"]

    /// A place's body (…乡党委, …镇政府) starts at the place: when the stem holds
    /// everyday words and then a place and its level character right before the
    /// ending (建议|某某乡党委), the name starts after the words. For a place the
    /// gazetteer does not know, its own name is taken as two characters, or three
    /// where no word ends two characters before the level character.
    func placeBodyStart(_ start: Int, _ suffix: Range<Int>, type: EntityType) -> Int {
        guard type == .organization else { return start }
        // The level character right before a body's ending (某某乡|党委; 乡|党|委 when
        // the suffix matched is 委).
        guard let level = [suffix.lowerBound - 1, suffix.lowerBound - 2].first(where: { l in
            l > start + 3 && Self.levelCharacters.contains(text[l]) && rules.bodySuffixes.contains(string((l + 1)..<suffix.upperBound))
        }) else { return start }
        guard (start..<level).allSatisfy({ owner[$0] < 0 && ScalarClass.isHan(text[$0]) }) else { return start }
        if let place = places.first(where: { $0.range.upperBound == level + 1 && $0.range.lowerBound > start }) {
            return everydayWordEnds(at: place.range.lowerBound, startingFrom: start, before: place.range.lowerBound) ? place.range.lowerBound : start
        }
        guard !places.contains(where: { $0.range.lowerBound >= start && $0.range.lowerBound < level }) else { return start }
        for nameLength in 2...3 where level - nameLength > start {
            let p = level - nameLength
            if everydayWordEnds(at: p, startingFrom: start, before: p) { return p }
        }
        return start
    }

    static let levelCharacters: ScalarSet = ["乡", "镇", "村", "县", "区", "市", "省"]

    /// True when a generic stem (企业, 民营) ends at `end`.
    func endsGenericStem(at end: Int) -> Bool {
        (1...min(4, end)).contains { rules.genericStems.contains(string((end - $0)..<end)) }
    }

    /// The start of the chain of places whose last place ends at most `within` scalars
    /// before `position`, with nothing but name characters between.
    func placeChainStart(before position: Int, within limit: Int) -> Int? {
        guard let last = places.filter({ $0.range.upperBound < position && position - $0.range.upperBound <= limit })
            .max(by: { $0.range.upperBound < $1.range.upperBound }),
              (last.range.upperBound..<position).allSatisfy({ isNameScalar(text[$0]) && owner[$0] < 0 })
        else { return nil }
        var start = last.range.lowerBound
        while let prior = places.first(where: { $0.range.upperBound == start }) { start = prior.range.lowerBound }
        return start
    }

    /// Where a project's name starts inside a stretch too long to be one: after the
    /// last village or town (某某镇某某总村|高山药材种植基地), or else the first verb
    /// (某某招引|某某智能温室大棚项目), within `limit` scalars of `position`, leaving
    /// at least four.
    func clauseCutStart(before position: Int, within limit: Int) -> Int? {
        let floor = max(0, position - limit)
        guard floor + 1 <= position - 4 else { return nil }
        // The name after the cut is Han characters nobody claimed; the clause it is cut
        // from may hold an amount (投资1000余万元完成|某某基地).
        func nameFrom(_ p: Int) -> Bool { (p..<position).allSatisfy { owner[$0] < 0 && ScalarClass.isHan(text[$0]) } }
        if let p = stride(from: position - 4, through: floor + 1, by: -1).first(where: {
            Self.villageOrTown.contains(text[$0 - 1]) && $0 - 2 >= floor && nameFrom($0) && (($0 - 2)..<$0).allSatisfy { ScalarClass.isHan(text[$0]) }
        }) { return p }
        for p in (floor + 1)...(position - 4) where nameFrom(p) {
            for length in 2...3 where p - length >= floor {
                if let word = rules.lexicon.words.word(text[(p - length)..<p]), word.isVerb, word.opensNoName, !word.isProper { return p }
            }
        }
        return nil
    }

    static let villageOrTown: ScalarSet = ["村", "镇", "乡"]

    /// True when `stem` holds a place, a quotation, a digit or Latin letter, or a
    /// proper name the lexicon knows.
    func namesSomething(_ stem: Range<Int>) -> Bool {
        if places.contains(where: { $0.range.overlaps(stem) }) { return true }
        if stem.contains(where: { owner[$0] >= 0 || Self.isQuoteMark(text[$0]) || ScalarClass.isDigit(text[$0]) || ScalarClass.isLatin(text[$0]) }) { return true }
        for p in stem {
            var proper = false
            rules.lexicon.words.forEachMatch(in: text, from: p, limit: stem.upperBound) { _, word in
                if word.isProper { proper = true }
            }
            if proper { return true }
        }
        return false
    }

    /// Where a capacity phrase (年产, 年加工, 年出栏) opens a project name ending at
    /// `end`, with only name characters and 和 between: the phrase is the name's start.
    func capacityStart(before end: Int) -> Int? {
        var p = end - 1
        while p >= 1 && end - p <= 28 {
            let c = text[p]
            guard owner[p] < 0, isNameScalar(c) || c == "." else { return nil }
            if text[p - 1] == "年", Self.capacityVerbs.contains(c), p + 1 < end, ScalarClass.isDigit(text[p + 1]) || Self.numerals.contains(text[p + 1]) {
                return p - 1
            }
            p -= 1
        }
        return nil
    }

    static let capacityVerbs: ScalarSet = ["产", "加", "出", "处", "养", "销"]

    /// True when the word before a project's head word `项目` at `headStart` makes it a
    /// kind of project (重大产业|项目, 签约|项目), not one.
    func namesProjectCategory(headStart: Int, floor: Int) -> Bool {
        guard headStart + 2 <= count, text[headStart] == "项", text[headStart + 1] == "目" else { return false }
        var found = false
        rules.projectCategoriesReversed.forEachMatchBackward(in: text, endingAt: headStart, floor: floor) { _, _ in found = true }
        return found
    }

    /// A name starts at its place, not at the everyday words that open the stem before
    /// it (代表|某某县委统战部, 会议代表|某某县委统战部). A verb after the first place
    /// stays (某某市对口帮扶某某县前方指挥部).
    func skipToPlaceAfterWords(from start: Int, to limit: Int) -> Int {
        var p = start
        while p < limit && owner[p] < 0 {
            if p > start && places.contains(where: { $0.range.lowerBound == p }) { return p }
            guard let match = rules.lexicon.words.longestMatch(in: text, from: p, limit: limit), match.length >= 2,
                  !match.word.isProper, !match.word.isNameTagged,
                  !places.contains(where: { $0.range.lowerBound < p + match.length && $0.range.upperBound > p })
            else { break }
            p += match.length
        }
        return start
    }

    /// The start after the last verb that places something (送到, 设在): what stands
    /// before it is the clause (孩子送到|社区服务中心, 食堂设在|…照料中心).
    func skipPastVerbOfPlacing(from start: Int, to limit: Int) -> Int {
        var cut = start
        for p in (start + 1)..<max(start + 1, limit - 1) where Self.placingMarks.contains(text[p]) && owner[p] < 0 {
            let verbBefore = (1...2).contains { length in
                p - length >= start && rules.lexicon.words.word(text[(p - length)..<p])?.isVerb == true
            }
            if verbBefore { cut = p + 1 }
        }
        return cut
    }

    static let placingMarks: ScalarSet = ["在", "到"]

    /// After 在, a stem that opens with a place and a verb of building holds a clause
    /// (在某镇|建设|某某产业园项目): the name starts after the verb, the place is where
    /// it stands.
    func skipPastPlaceAndVerb(from start: Int, to limit: Int) -> Int {
        guard start > 0, text[start - 1] == "在" else { return start }
        for p in (start + 1)..<max(start + 1, limit) {
            guard let suffix = rules.placeSuffixes.longestMatch(in: text, from: p, limit: limit) else { continue }
            let end = p + suffix.length
            guard let verb = BuildingVerbs.building.word(startingAt: end, in: text, limit: limit - 1) else { continue }
            return end + verb.count
        }
        return start
    }

    /// The start of a firm's name after one place's aid to another (某市援|某县…有限公司,
    /// 某市对口帮扶|某县…公司): the aiding place is the clause's, not the firm's. (The
    /// aiding place's own bodies keep it: 某市对口帮扶某县前方指挥部 is the city's.)
    func skipPastAidingPlace(from start: Int, to limit: Int) -> Int {
        guard let aiding = places.first(where: { $0.range.lowerBound == start }),
              let verb = Self.aidVerbs.word(startingAt: aiding.range.upperBound, in: text, limit: limit) else { return start }
        let next = aiding.range.upperBound + verb.count
        return places.contains(where: { $0.range.lowerBound == next && $0.range.upperBound < limit }) ? next : start
    }

    static let aidVerbs = ["对口帮扶", "对口支援", "帮扶", "支援", "援建", "援"].map { Array($0.unicodeScalars) }

    /// The start after the last verb followed by a time word or numeral in a stem
    /// (全县举行四季度|重大项目): what stands before it tells when, not what.
    func skipPastTimePhrase(from start: Int, to limit: Int) -> Int {
        var p = start
        var cut = start
        var previousVerb = false
        while p < limit {
            guard owner[p] < 0, let match = rules.lexicon.words.longestMatch(in: text, from: p, limit: limit) else {
                p += 1
                previousVerb = false
                continue
            }
            let end = p + match.length
            if match.word.isTimeOrNumeral && match.length >= 2 && previousVerb && !places.contains(where: { $0.range.contains(p) }) {
                cut = end
            }
            previousVerb = match.word.isVerb && match.length >= 2
            p = end
        }
        return cut
    }

    /// True when `stem` is at most `limit` characters, all free, holds no place, and
    /// reads as everyday words of two or more characters only (no proper name).
    func isGeneric(_ stem: Range<Int>, upTo limit: Int) -> Bool {
        guard !stem.isEmpty, stem.count <= limit, stem.allSatisfy({ owner[$0] < 0 && ScalarClass.isHan(text[$0]) }),
              !places.contains(where: { $0.range.overlaps(stem) })
        else { return false }
        var p = stem.lowerBound
        while p < stem.upperBound {
            guard let match = rules.lexicon.words.longestMatch(in: text, from: p, limit: stem.upperBound), match.length >= 2,
                  !match.word.isProper
            else { return false }
            p += match.length
        }
        return true
    }

    /// Words that describe a firm before 企业 (民营企业, 龙头企业): a description, not a name.
    static let firmQualifiers: Set<String> = ["民营", "百强", "龙头", "重点", "骨干", "上市", "知名", "国有", "外资", "本地", "优秀", "领军", "规上", "科技"]
    static let levelWords = ["社区", "街道", "村", "镇", "乡"]
    static let classifiers: ScalarSet = ["个", "家", "名", "项", "座", "所", "批", "支", "处"]
    /// Level phrases a stem may open with (省级, 村级), skipped with its quantity.
    static let levelScalars = ["国家级", "省级", "市级", "区级", "县级", "镇级", "乡级", "村级", "街道级", "社区级"].map { Array($0.unicodeScalars) }

    static func isNumberLike(_ stem: String) -> Bool {
        !stem.isEmpty && stem.unicodeScalars.allSatisfy { ScalarClass.isDigit($0) || numerals.contains($0) || $0 == "个" || $0 == "家" }
    }
}
