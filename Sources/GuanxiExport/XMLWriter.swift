import CLibXML2

/// libxml2's streaming `xmlTextWriter`, the only place Guanxi calls libxml2.
/// Memory stays flat however large the document: elements go out as they are written.
///
/// Not `Sendable`: owns a C writer.
final class XMLWriter {
    private let writer: xmlTextWriterPtr
    private let path: String

    /// A writer to the file at `path`, or to standard output when `path` is `-`.
    /// The corresponding C functions are `xmlNewTextWriterFilename` and `xmlOutputBufferCreateFd`.
    init(path: String, indent: Bool = true) throws {
        self.path = path
        let made: xmlTextWriterPtr?
        if path == "-" {
            guard let buffer = xmlOutputBufferCreateFd(1, nil) else { throw ExportError("cannot write to standard output", path: path) }
            made = xmlNewTextWriter(buffer)
        } else {
            made = xmlNewTextWriterFilename(path, 0)
        }
        guard let made else { throw ExportError("cannot open the file for writing", path: path) }
        writer = made
        xmlTextWriterSetIndent(writer, indent ? 1 : 0)
        _ = "  ".withCString { xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    deinit { xmlFreeTextWriter(writer) }

    private func check(_ rc: Int32, _ what: String) throws {
        if rc < 0 { throw ExportError("libxml2 failed to write \(what) (code \(rc)); is the disk full?", path: path) }
    }

    private func withXML<T>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        s.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`: text goes out as UTF-8, never as character references.
    func startDocument() throws {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
    }

    func startElement(_ name: String) throws {
        try check(withXML(name) { xmlTextWriterStartElement(writer, $0) }, "<\(name)>")
    }

    func attribute(_ name: String, _ value: String) throws {
        try check(withXML(name) { n in withXML(value) { v in xmlTextWriterWriteAttribute(writer, n, v) } }, "attribute \(name)")
    }

    func text(_ value: String) throws {
        try check(withXML(value) { xmlTextWriterWriteString(writer, $0) }, "text")
    }

    /// Markup written as it is, for tags whose names and attribute values need no
    /// escaping (element names, key ids, numeric ids); a start tag left open is closed
    /// first. The corresponding C function is `xmlTextWriterWriteRaw`.
    func raw(_ markup: String) throws {
        try check(withXML(markup) { xmlTextWriterWriteRaw(writer, $0) }, "markup")
    }

    /// `<data key="…">text</data>`, the text escaped by libxml2: GraphML writes one per
    /// attribute, so its tags go out as they are (a key id is a plain XML name) rather
    /// than through libxml2's element stack, which took most of an export's time.
    func data(key: String, _ value: String) throws {
        guard let open = dataOpenTag(key) else { return try element("data", [("key", key)], text: value) }
        try raw(open)
        try text(value)
        try raw("</data>")
    }

    private var dataOpenTags: [String: String] = [:]

    /// The start tag of a `data` element with key `key`; nil when the key would need escaping.
    private func dataOpenTag(_ key: String) -> String? {
        if let known = dataOpenTags[key] { return known }
        guard !key.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") }) else { return nil }
        let open = "<data key=\"\(key)\">"
        dataOpenTags[key] = open
        return open
    }

    func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "an end tag")
    }

    /// An element with attributes and optional text, closed at once.
    func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) throws {
        try startElement(name)
        for (k, v) in attributes { try attribute(k, v) }
        if let text { try self.text(text) }
        try endElement()
    }

    func endDocument() throws {
        try check(xmlTextWriterEndDocument(writer), "the end of the document")
        try check(xmlTextWriterFlush(writer), "to the file")
    }
}
