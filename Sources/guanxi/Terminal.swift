import Foundation

/// Writing to the terminal: stdout for results, stderr for diagnostics, and the
/// display width of CJK text.
enum Terminal {
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }

    static func err(_ s: String) {
        FileHandle.standardError.write(Data(("guanxi: " + s + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(2) != 0 }
    static var stdoutIsTerminal: Bool { isatty(1) != 0 }

    /// Columns a scalar occupies: 2 for East Asian wide and full-width forms, 0 for
    /// combining marks and controls, 1 otherwise.
    static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if (v >= 0x0300 && v <= 0x036F) || v == 0x200B || v == 0x200D || (v >= 0xFE00 && v <= 0xFE0F) { return 0 }
        if (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0x303E) || (v >= 0x3041 && v <= 0x33FF)
            || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xA000 && v <= 0xA4CF)
            || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
            || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1F64F)
            || (v >= 0x1F900 && v <= 0x1F9FF) || (v >= 0x20000 && v <= 0x3FFFD) || v == 0x201C || v == 0x201D {
            return 2
        }
        return 1
    }

    /// Columns `s` occupies on a terminal.
    static func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + width($1) } }

    /// `s` padded with spaces to `columns`.
    static func pad(_ s: String, _ columns: Int) -> String {
        let w = width(s)
        return w >= columns ? s : s + String(repeating: " ", count: columns - w)
    }

    /// `s` with control characters written as escapes (`\n`, `\t`, `\u{1B}`), so that
    /// a cell never breaks a table's line or drives the terminal.
    static func escapeControls(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.properties.generalCategory == .control {
                    out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// Rows as aligned columns separated by two spaces; control characters in cells
    /// are escaped.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let header = header.map(escapeControls)
        let rows = rows.map { $0.map(escapeControls) }
        var widths = header.map(width)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() { parts.append(i == cells.count - 1 ? c : pad(c, widths[i])) }
            return parts.joined(separator: "  ")
        }
        var out = [line(header), line(widths.map { String(repeating: "─", count: $0) })]
        out.append(contentsOf: rows.map(line))
        return out.joined(separator: "\n")
    }
}
