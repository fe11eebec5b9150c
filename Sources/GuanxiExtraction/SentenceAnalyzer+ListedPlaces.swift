import GuanxiText

extension SentenceAnalyzer {
    /// Villages and communities listed without their level word, which the phrase after
    /// the list supplies (ONTOLOGY): 甲溪、乙溪、丙心等村, 该镇甲福、乙口、丙东三个
    /// 相对薄弱村, 甲井、乙峰、丙山四个行政村. Each item is a place under the form
    /// written.
    func findListedPlaces() {
        var k = 0
        let numerals = Self.countNumerals
        while k < count {
            // Most positions open no marker: 等, a digit or a numeral does.
            let c = text[k]
            guard c == "等" || ScalarClass.isDigit(c) || numerals.contains(c), let (marker, type) = listMarker(at: k) else {
                k += 1
                continue
            }
            k = marker.upperBound
            var items: [Range<Int>] = []
            var end = marker.lowerBound
            while true {
                var start = end
                while start > 0 && ScalarClass.isHan(text[start - 1]) && owner[start - 1] < 0 && end - start <= 4 { start -= 1 }
                let length = end - start
                guard length >= 2 else { break }
                let separated = start >= 1 && Self.listSeparators.contains(text[start - 1])
                if length > 3 || (!separated && !openingBoundary(at: start)) {
                    // The first item after a word that opens the list (该镇|甲福): its
                    // last two characters, when a place, an anaphor or a level character
                    // stands before them.
                    let item = (end - 2)..<end
                    if items.count >= 1 && (mentionEnds(at: item.lowerBound) || boundaryEnds(at: item.lowerBound)
                        || places.contains(where: { $0.range.upperBound == item.lowerBound })
                        || (item.lowerBound > 0 && Self.levelCharacters.contains(text[item.lowerBound - 1]))) { items.append(item) }
                    break
                }
                items.append(start..<end)
                guard separated else { break }
                // Skip the separator and a stray comma a web page left before it (甲,、乙).
                end = start - 1
                if end >= 1 && text[end - 1] == "," { end -= 1 }
            }
            guard items.count >= 2 else { continue }
            for item in items.reversed() where isFree(item) {
                let name = string(item)
                guard !rules.notEntities.contains(name), !rules.genericStems.contains(name) else { continue }
                // A name the gazetteer knows keeps its unit when the unit is of the list's level.
                let unit = places.first(where: { $0.range == item }).map { resolve($0) }.flatMap { $0.1 == type ? $0.0 : nil }
                let aliases = unit.map { [gazetteer.units[Int($0)].shortName] }?.filter { $0 != name } ?? []
                add(Mention(type: type, sentence: index, range: item, name: name, aliases: aliases, rule: "place.list", unit: unit))
            }
        }
    }

    /// The phrase that closes a list of bare place names at `position`: 等, or a count
    /// (三个, 4个), then at most eight characters of description and the level word
    /// (村, 社区) that ends the phrase. Returns the marker's range and the places' type.
    func listMarker(at position: Int) -> (Range<Int>, EntityType)? {
        var p = position
        if text[p] == "等" {
            p += 1
        } else {
            while p < count && (ScalarClass.isDigit(text[p]) || Self.countNumerals.contains(text[p])) { p += 1 }
            guard p > position, p < count, text[p] == "个" || text[p] == "\u{500B}" else { return nil }
            p += 1
        }
        guard position > 0, ScalarClass.isHan(text[position - 1]) else { return nil }
        let markerEnd = p
        // A reading in parentheses a web page left (个(gè)).
        if p < count && text[p] == "(", let close = text[p...].firstIndex(of: ")"), close - p <= 8,
           text[(p + 1)..<close].allSatisfy({ ScalarClass.isLatin($0) || $0.value > 0x7F && !ScalarClass.isHan($0) }) {
            p = close + 1
        }
        var q = p
        // The level word ends the phrase: punctuation, a verb or a function word follows.
        func endsPhrase(after q: Int) -> Bool {
            let after = q + 1
            return after == count || !ScalarClass.isHan(text[after])
                || rules.lexicon.words.longestMatch(in: text, from: after).map { $0.word.isVerb || $0.word.opensNoName } ?? false
        }
        while q < count && q - p <= 8 && ScalarClass.isHan(text[q]) {
            if text[q] == "村" && endsPhrase(after: q) { return (position..<markerEnd, .village) }
            if q >= 1 && text[q - 1] == "社" && text[q] == "区" && endsPhrase(after: q) { return (position..<markerEnd, .community) }
            q += 1
        }
        return nil
    }

    static let listSeparators: ScalarSet = ["\u{3001}"]
    static let countNumerals: ScalarSet = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "几"]
}
