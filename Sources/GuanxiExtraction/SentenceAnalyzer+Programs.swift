import GuanxiText

extension SentenceAnalyzer {
    /// A quoted name and what decides its type.
    struct QuotedName {
        var open: Int
        var close: Int
        var inner: Range<Int>
        var type: EntityType?
        var name: String
        var aliases: [String]
        var range: Range<Int>
    }

    /// Programmes (and quoted projects and organisations) from quoted names: a quote
    /// followed by a head word (“十二个一”活动), ending in one (“500精英计划”),
    /// introduced by a cue verb (开展“…”), shaped like a numbered slogan (“三访三察”),
    /// or standing in a list with one of these; then unquoted names led by a cue verb
    /// and closed by a head word (实施党员干部道德诚信引领工程).
    func findPrograms() {
        var quoted: [QuotedName] = []
        // Book titles (《…》) are not quotes: only a plan's title names a programme.
        for open in text.indices where text[open] == "\u{300A}" {
            if let close = text[open...].firstIndex(of: "\u{300B}"), let plan = titledPlan(open: open, close: close) { quoted.append(plan) }
        }
        for open in closeOf.keys.sorted() {
            guard let close = closeOf[open], text[open] == "\u{201C}" || text[open] == "\u{300C}" || text[open] == "\u{300E}" else { continue }
            let inner = (open + 1)..<close
            guard inner.count >= 2, inner.count <= 24 else { continue }
            if let q = classifyQuote(open: open, close: close) { quoted.append(q) }
        }
        // Lists: a quote right next to a programme quote is a programme too.
        var changed = true
        while changed {
            changed = false
            for i in quoted.indices where quoted[i].type == nil {
                let neighbours = quoted.filter { $0.type == .program && (adjacent($0, quoted[i]) || adjacent(quoted[i], $0)) }
                if !neighbours.isEmpty && isProgramShaped(quoted[i].inner) {
                    quoted[i].type = .program
                    changed = true
                }
            }
        }
        for q in quoted {
            guard let type = q.type, !rules.notEntities.contains(q.name) else { continue }
            let range = q.range
            // A quoted name inside an organisation found by its suffix stays part of it; a
            // quoted project inside a longer project name is another form of it.
            let holders = range.map { owner[$0] }.filter { $0 >= 0 }
            if let holder = holders.first, type != .program {
                // The quoted name is the name; the longer one describes it (“…智谷”返乡项目).
                if mentions[Int(holder)].type == type {
                    let holderName = mentions[Int(holder)].name
                    mentions[Int(holder)].aliases.append(holderName)
                    mentions[Int(holder)].name = q.name
                }
                continue
            }
            let claim = isFree(range)
            add(Mention(type: type, sentence: index, range: range, name: q.name, aliases: q.aliases.filter { $0 != q.name },
                        rule: "program.quote"), claim: claim)
        }
        findCuedPrograms()
        findNumberedEvents()
    }

    /// Events held under an edition number (首届某某大会, 第三届某某论坛): a programme
    /// named with its edition.
    func findNumberedEvents() {
        var i = 0
        while i + 3 < count {
            var p = i
            if text[p] == "首" && text[p + 1] == "届" {
                p += 2
            } else if text[p] == "第" {
                var q = p + 1
                while q < count && (Self.sloganNumerals.contains(text[q]) || ScalarClass.isDigit(text[q])) { q += 1 }
                guard q > p + 1, q < count, text[q] == "届" else { i += 1; continue }
                p = q + 1
            } else {
                i += 1
                continue
            }
            // The name runs over free Han characters to the last event head within twelve.
            var end: Int?
            var q = p
            while q < count && q - p <= 12 && ScalarClass.isHan(text[q]) && owner[q] < 0 {
                for head in Self.eventHeads where q + head.count <= count && text[q..<(q + head.count)].elementsEqual(head) {
                    if q > p { end = q + head.count }
                }
                q += 1
            }
            guard let end, isFree(i..<end) else { i += 1; continue }
            let name = string(i..<end)
            if !rules.notEntities.contains(name) {
                add(Mention(type: .program, sentence: index, range: i..<end, name: name, rule: "program.edition"))
            }
            i = end
        }
    }

    static let eventHeads: [[Unicode.Scalar]] = ["大会", "论坛", "峰会", "博览会", "交易会", "洽谈会", "文化节", "旅游节", "艺术节", "运动会", "大赛", "擂台赛"]
        .map { Array($0.unicodeScalars) }

    /// A plan published under a book title (出台了《某某街道物业治理三年行动计划(2020-2022)》):
    /// a programme when the title ends in a programme's head word, a parenthetical
    /// (its years) allowed after it. Other titles (books, newspapers) are no entity.
    func titledPlan(open: Int, close: Int) -> QuotedName? {
        let inner = (open + 1)..<close
        guard inner.count >= 4, inner.count <= 48, !text[inner].contains(where: { ScalarClass.isSentenceEnd($0) || $0 == "," }) else { return nil }
        var end = inner.upperBound
        if text[end - 1] == ")" || text[end - 1] == "\u{FF09}", let paren = text[inner].lastIndex(where: { $0 == "(" || $0 == "\u{FF08}" }) { end = paren }
        for split in (inner.lowerBound + 1)..<end {
            guard let head = rules.programHeads.longestMatch(in: text, from: split, limit: end), split + head.length == end else { continue }
            guard head.values.first == .program, head.length < end - inner.lowerBound else { return nil }
            return QuotedName(open: open, close: close, inner: inner, type: .program, name: string(inner), aliases: [], range: open..<(close + 1))
        }
        return nil
    }

    func adjacent(_ a: QuotedName, _ b: QuotedName) -> Bool {
        b.open == a.close + 1 || (b.open == a.close + 2 && text[a.close + 1] == "\u{3001}")
    }

    /// No sentence punctuation, at most one comma, at most 16 scalars.
    func isProgramShaped(_ inner: Range<Int>) -> Bool {
        guard inner.count <= 16 else { return false }
        var commas = 0
        for i in inner {
            let s = text[i]
            if ScalarClass.isSentenceEnd(s) || s == ":" || s == "\u{2026}" { return false }
            if s == "," { commas += 1 }
        }
        return commas == 0
    }

    /// Decides what a quoted name is, if anything.
    func classifyQuote(open: Int, close: Int) -> QuotedName? {
        let inner = (open + 1)..<close
        let innerText = string(inner)
        var q = QuotedName(open: open, close: close, inner: inner, type: nil, name: innerText, aliases: [], range: open..<(close + 1))
        // 1. Ends with a head word: “500精英计划”, “台州汽车产业智谷”.
        for split in inner.lowerBound + 1..<inner.upperBound {
            if let head = rules.programHeads.longestMatch(in: text, from: split, limit: inner.upperBound),
               split + head.length == inner.upperBound, let type = head.values.first, isProgramShaped(inner) || type == .program && inner.count <= 24 {
                if head.length == inner.count { break }
                if text[inner].contains(where: { ScalarClass.isSentenceEnd($0) || $0 == "," }) { break }
                // A kind of project is no name (“大项目”, “重点项目”).
                if type == .project && (rules.genericStems.contains(string(inner.lowerBound..<split))
                    || namesProjectCategory(headStart: split, floor: inner.lowerBound)) { return nil }
                q.type = type
                return q
            }
        }
        // 2. Followed by a head word, perhaps after a few modifiers: “三新”共富三年行动.
        if let (headEnd, type, hasEtc) = headAfter(close + 1) {
            let commas = text[inner].filter { $0 == "," }.count
            if commas <= 1 && !text[inner].contains(where: { ScalarClass.isSentenceEnd($0) }) && inner.count <= 16 {
                // A slogan before a kind of project (“迎国庆”重大项目) names a batch, not one.
                if type == .project && namesProjectCategory(headStart: headEnd - 2, floor: close + 1) { return nil }
                q.type = type
                if hasEtc {
                    q.range = open..<(close + 1)
                } else {
                    q.name = string(open..<headEnd)
                    q.aliases = [innerText]
                    q.range = open..<headEnd
                }
                return q
            }
        }
        guard isProgramShaped(inner), !text[inner].contains("+") else { return nil }
        // 3. An organisation closed inside the quote (“微治办”) is left to the suffix pass.
        // 4. Introduced by a cue verb: 开展“…”.
        var cued = false
        rules.programCuesReversed.forEachMatchBackward(in: text, endingAt: open) { _, _ in cued = true }
        if cued && !text[inner].contains("\u{3001}") {
            q.type = .program
            return q
        }
        // 5. A numbered slogan: “三访三察”, “十二个一”, “一圈双核多园”.
        if inner.count >= 4 && !text[inner].contains("\u{3001}") {
            let numerals = text[inner].filter { Self.sloganNumerals.contains($0) || ScalarClass.isDigit($0) }.count
            if numerals >= 2 {
                q.type = .program
                return q
            }
        }
        // 6. Right after an organisation or place that runs it: 东城中队“橘乡红管家”.
        if open > 0 && owner[open - 1] >= 0 {
            let m = mentions[Int(owner[open - 1])]
            if (m.type == .organization || m.type == .company) && m.range.upperBound == open && inner.count >= 3 {
                q.type = .program
                return q
            }
        }
        return nil
    }

    /// Heads strong enough to close an unquoted programme name after a cue verb.
    static let strongHeads: Set<String> = ["工程", "行动", "计划", "三年行动", "专项行动", "提升行动", "共享计划", "机制", "工作机制", "运行机制", "制度"]

    static let sloganNumerals: ScalarSet = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "两", "双", "亿"]

    /// A head word starting at `start` or after at most eight modifier scalars:
    /// where it ends, its type, and whether 等 stood before it.
    func headAfter(_ start: Int) -> (Int, EntityType, Bool)? {
        var p = start
        var hasEtc = false
        while p < count && p - start <= 8 {
            let s = text[p]
            if let head = rules.programHeads.longestMatch(in: text, from: p), let type = head.values.first {
                // A one-character modifier is a verb more often than a name part (“以廉为媒”塑品牌).
                if p - start == 1 && !hasEtc { return nil }
                // Heads run on (共富工坊制度): take the last one.
                var end = p + head.length
                while let more = rules.programHeads.longestMatch(in: text, from: end) { end += more.length }
                return (end, type, hasEtc)
            }
            if !ScalarClass.isHan(s) && !ScalarClass.isDigit(s) && s != "." { return nil }
            _ = s
            if rules.nameSuffixes.longestMatch(in: text, from: p) != nil && p > start { return nil }
            if s == "等" { hasEtc = true }
            if boundaryEnds(at: p) && p > start && s != "等" && text[p - 1] != "等" { return nil }
            p += 1
        }
        return nil
    }

    /// Unquoted programmes led by a cue verb: 实施(党员干部道德诚信引领)工程.
    func findCuedPrograms() {
        for i in 0..<count {
            guard owner[i] < 0, let head = rules.programHeads.longestMatch(in: text, from: i),
                  head.values.first == .program, Self.strongHeads.contains(string(i..<(i + head.length)))
            else { continue }
            let end = i + head.length
            // Walk left to a cue verb over at most 14 name scalars.
            var p = i
            var cueFound = false
            while p > 0 && i - p <= 14 {
                var cue = false
                rules.programCuesReversed.forEachMatchBackward(in: text, endingAt: p) { _, _ in cue = true }
                if cue {
                    cueFound = true
                    break
                }
                let c = text[p - 1]
                if !ScalarClass.isHan(c) || owner[p - 1] >= 0 || boundaryEnds(at: p) { break }
                p -= 1
            }
            guard cueFound, i - p >= 4 else { continue }
            let range = p..<end
            guard isFree(range) else { continue }
            let name = string(range)
            if rules.notEntities.contains(name) || rules.genericStems.contains(string(p..<i)) { continue }
            add(Mention(type: .program, sentence: index, range: range, name: name, rule: "program.cued"))
        }
    }
}
