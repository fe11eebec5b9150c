import GuanxiText

/// Reads an article's publication date and outlet from its header, dateline, byline
/// and footer: `2021年02月05日08:28 来源:衢州日报`, `发布时间:2019-06-21`,
/// `浙江在线6月21日讯`, `杭州日报讯`, `某某传媒记者甲`, a breadcrumb
/// (`网易首页 > 网易上海房产 > 正文`). Dates inside the story are not publication
/// dates: only a timestamp (a date with a clock time or a weekday, or after a
/// label such as 发布时间), a full date opening one of the first lines, or a
/// dateline (`6月21日讯`, `2月5日电`) counts.
struct MetadataReader {
    let text: [Unicode.Scalar]
    let outletSuffixes: [[Unicode.Scalar]]

    /// Where each scalar that starts a mark the reader looks for occurs, found in one
    /// pass instead of one scan of the text a mark.
    private let positions: [Unicode.Scalar: [Int]]

    init(text: [Unicode.Scalar], outletSuffixes: [String]) {
        self.text = text
        self.outletSuffixes = outletSuffixes.map { Array($0.unicodeScalars) }
        var positions: [Unicode.Scalar: [Int]] = [:]
        for (p, c) in text.enumerated() where Self.markStarts.contains(c) { positions[c, default: []].append(p) }
        self.positions = positions
    }

    static let footerMarks = words(["数字报纸", "數字報紙", "报业集团主办", "報業集團主辦", "官方网站", "官方網站"])
    static let followMarks = words(["关注", "關注"])
    static let homeMarks = words(["首页", "首頁"])
    /// The first scalars of every mark `occurrences(of:in:)` is asked for.
    static let markStarts = ScalarSet((sourceLabels + bylineMarks + footerMarks + followMarks + homeMarks + [[">"]]).compactMap(\.first))

    func read() -> DocumentMetadata {
        var meta = DocumentMetadata()
        let dates = DateScanner.dates(in: text)
        if let (date, range) = publicationDate(dates) {
            meta.published = date
            meta.publishedEvidence = range
        }
        if let range = outlet(dates) {
            meta.outlet = String(scalars: text[range])
            meta.outletEvidence = range
        }
        return meta
    }

    // MARK: - Date

    static let dateLabels = ["发布时间", "發佈時間", "發布時間", "发布日期", "發布日期", "创建时间", "創建時間", "更新时间", "更新時間",
                             "发表时间", "發表時間", "发布于", "發佈於", "时间", "時間", "日期", "来源", "來源"].map { Array($0.unicodeScalars) }

    func publicationDate(_ dates: [DateScanner.Hit]) -> (PartialDate, Range<Int>)? {
        // A timestamp: a full date with a clock time or weekday, or a date with a year
        // after a label (发布时间:2021年6月 is 2021-06).
        for hit in dates where hit.date.year != nil {
            if (hit.date.day != nil && (hit.hasTime || hit.hasWeekday)) || labelled(before: hit.range.lowerBound) { return (hit.date, hit.range) }
        }
        // A full date opening one of the first lines (2007年4月10日夜,记于…).
        // …or standing alone at a line's start in a page header (2006年2月4日     收藏 打印).
        for hit in dates where hit.date.day != nil && hit.date.year != nil && hit.range.lowerBound < 600 {
            guard lineStart(at: hit.range.lowerBound) else { continue }
            let end = hit.range.upperBound
            let alone = end >= text.count || text[end] == "\n" || (end + 1 < text.count && text[end] == " " && text[end + 1] == " ")
            if lineIndex(of: hit.range.lowerBound) < 4 || alone { return (hit.date, hit.range) }
        }
        // A dateline: 6月21日讯, 丽水2月5日电.
        for hit in dates where hit.range.lowerBound < 300 && hit.date.day != nil {
            let end = hit.range.upperBound
            if end < text.count && (text[end] == "讯" || text[end] == "訊" || text[end] == "电" || text[end] == "電") {
                return (hit.date, hit.range.lowerBound..<(end + 1))
            }
        }
        return nil
    }

    func labelled(before position: Int) -> Bool {
        var p = position
        while p > 0 && (text[p - 1] == " " || text[p - 1] == ":" || text[p - 1] == "\u{FF1A}" || text[p - 1] == "\u{3000}") { p -= 1 }
        return Self.dateLabels.word(endingAt: p, in: text) != nil
    }

    func lineStart(at position: Int) -> Bool {
        var p = position
        while p > 0 && (text[p - 1] == " " || text[p - 1] == "\u{3000}" || text[p - 1] == "\t") { p -= 1 }
        return p == 0 || text[p - 1] == "\n"
    }

    func lineIndex(of position: Int) -> Int {
        var lines = 0
        var blank = true
        for p in 0..<position {
            if text[p] == "\n" {
                if !blank { lines += 1 }
                blank = true
            } else if text[p] != " " && text[p] != "\r" {
                blank = false
            }
        }
        return lines
    }

    // MARK: - Outlet

    /// A name from `start`: Han characters, letters, digits, `-` and `·`, up to 24.
    func name(from start: Int, limit: Int = 24) -> Range<Int>? {
        var q = start
        while q < text.count && q - start < limit && Self.isNameScalar(text[q]) { q += 1 }
        return q > start ? start..<q : nil
    }

    /// The name that ends at `end`.
    func name(endingAt end: Int, limit: Int = 16) -> Range<Int>? {
        var p = end
        while p > 0 && end - p < limit && Self.isNameScalar(text[p - 1]) { p -= 1 }
        return p < end ? p..<end : nil
    }

    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        ScalarClass.isHan(s) || ScalarClass.isLatin(s) || ScalarClass.isDigit(s) || s == "-" || s == "·"
    }

    static func words(_ list: [String]) -> [[Unicode.Scalar]] { list.map { Array($0.unicodeScalars) } }
    static let sourceLabels = words(["来源", "來源", "稿源", "出处"])
    static let notOutlets = ["本报", "本報", "本网", "本網", "编辑", "編輯", "作者", "记者", "記者", "本站", "原创", "原創", "网络", "網絡", "转载", "轉載", "网站", "網站", "通讯员", "通訊員"]
    static let bylineMarks = words(["记者", "記者", "讯", "訊", "采编", "采編", "报道", "報道"])

    func isOutletName(_ r: Range<Int>) -> Bool {
        let s = Array(text[r])
        return outletSuffixes.contains { suffix in s.count > suffix.count && s.suffix(suffix.count).elementsEqual(suffix) }
            || s.last == "网" || s.last == "網"
    }

    /// True when `据` (according to) opens the name or stands right before it.
    func citesSource(_ r: Range<Int>) -> Bool {
        let cue: Set<Unicode.Scalar> = ["据", "據"]
        return cue.contains(text[r.lowerBound]) || (r.lowerBound > 0 && cue.contains(text[r.lowerBound - 1]))
    }

    func acceptable(_ r: Range<Int>) -> Bool {
        let s = String(scalars: text[r])
        return r.count >= 2 && text[r].contains(where: ScalarClass.isHan) && !Self.notOutlets.contains { s.hasSuffix($0) || s.hasPrefix($0) }
    }

    /// Where `word`, one of the reader's marks (its first scalar in `markStarts`),
    /// occurs within `range`.
    func occurrences(of word: [Unicode.Scalar], in range: Range<Int>) -> [Int] {
        guard let first = word.first, range.count >= word.count, let candidates = positions[first] else { return [] }
        let last = range.upperBound - word.count
        return candidates.filter { $0 >= range.lowerBound && $0 <= last && text[$0..<($0 + word.count)].elementsEqual(word) }
    }

    func outlet(_ dates: [DateScanner.Hit]) -> Range<Int>? {
        let all = 0..<text.count
        let head = 0..<min(text.count, 600)
        // 来源:衢州日报
        for label in Self.sourceLabels {
            for p in occurrences(of: label, in: all) {
                // Only as a label: a colon follows (收入来源 is no credit line).
                var q = p + label.count
                while q < text.count && (text[q] == " " || text[q] == "\u{3000}") { q += 1 }
                guard q < text.count, text[q] == ":" || text[q] == "\u{FF1A}" || text[q] == "\u{2236}" else { continue }
                q += 1
                while q < text.count && (text[q] == " " || text[q] == "\u{3000}" || text[q] == "\n" || text[q] == "\r") { q += 1 }
                if let r = name(from: q), acceptable(r) { return r }
            }
        }
        // A timestamp followed by the outlet (2019年01月03日 10:48 海曙新闻网).
        for hit in dates where hit.hasTime {
            var q = hit.range.upperBound
            while q < text.count && (text[q] == " " || text[q] == "\u{3000}") { q += 1 }
            if let r = name(from: q), isOutletName(r), acceptable(r) { return r }
        }
        // Header lines: 杭州日报讯, 某某传媒记者甲, 今日文教周刊采编, 中新网 丽水2月5日电.
        for mark in Self.bylineMarks {
            for p in occurrences(of: mark, in: all) {
                // 本报记者, 本报讯: a bare 本报 names no outlet (acceptable); 据某某电视台报道
                // cites a source, which is not the article's outlet.
                if let r = name(endingAt: p), isOutletName(r), acceptable(r), !citesSource(r) {
                    return r
                }
            }
        }
        for hit in dates where hit.range.lowerBound < 300 {
            let end = hit.range.upperBound
            guard end < text.count, text[end] == "电" || text[end] == "電" || text[end] == "讯" || text[end] == "訊" else { continue }
            // 钱塘在线6月21日讯: the outlet right before the date…
            if let r = name(endingAt: hit.range.lowerBound), isOutletName(r), acceptable(r) { return r }
            // …or opening the line (中新网 丽水2月5日电).
            var p = hit.range.lowerBound
            while p > 0 && text[p - 1] != "\n" { p -= 1 }
            while p < text.count && (text[p] == " " || text[p] == "\u{3000}") { p += 1 }
            if let r = name(from: p), isOutletName(r), acceptable(r) { return r }
        }
        // 浙江日报 数字报纸, 浙江日报报业集团主办, 关注某某频道微信, 某某官方网站, 义乌网 首页.
        for mark in Self.footerMarks {
            for p in occurrences(of: mark, in: all) {
                var q = p
                while q > 0 && text[q - 1] == " " { q -= 1 }
                if let r = name(endingAt: q), acceptable(r) { return r }
            }
        }
        for p in Self.followMarks.flatMap({ occurrences(of: $0, in: all) }) {
            if let r = name(from: p + 2), r.count > 2, text[r].last == "信" {
                let trimmed = r.lowerBound..<(r.upperBound - 2)
                if isOutletName(trimmed) || text[trimmed].suffix(2).elementsEqual("频道".unicodeScalars) { return trimmed }
            }
        }
        // A breadcrumb: 网易首页 > 网易上海房产 > 正文.
        for p in occurrences(of: [">"], in: head) {
            var q = p + 1
            while q < text.count && text[q] == " " { q += 1 }
            if let r = name(from: q), acceptable(r) {
                var after = r.upperBound
                while after < text.count && text[after] == " " { after += 1 }
                if after < text.count && text[after] == ">", let next = name(from: after + 1 + (after + 1 < text.count && text[after + 1] == " " ? 1 : 0)),
                   text[next].elementsEqual("正文".unicodeScalars) {
                    return r
                }
            }
        }
        for p in Self.homeMarks.flatMap({ occurrences(of: $0, in: head) }) {
            var q = p
            while q > 0 && text[q - 1] == " " { q -= 1 }
            guard q < p, let r = name(endingAt: q), lineStart(at: r.lowerBound), isOutletName(r), acceptable(r) else { continue }
            return r
        }
        return nil
    }
}
