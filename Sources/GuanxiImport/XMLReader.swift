import Foundation
import CLibXML2

/// One step of an XML document as `XMLReader` streams it.
enum XMLEvent {
    /// An element opens: its local name, prefix, attributes, whether it closes at once
    /// (`<key … />`) and the line it starts on.
    case start(name: String, prefix: String?, attributes: [String: String], empty: Bool, line: Int)
    case end(name: String)
    /// Text or CDATA inside an element.
    case text(String)
}

/// libxml2's streaming `xmlTextReader`: memory stays flat however large the file.
/// Network access and external entities are off.
///
/// Not `Sendable`: owns a C reader.
final class XMLReader {
    private let reader: xmlTextReaderPtr
    let path: String

    /// A reader of the file at `path`.
    /// - Throws: `ImportError` when the file cannot be opened.
    init(path: String) throws {
        self.path = path
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let made = xmlReaderForFile(path, nil, options) else {
            throw ImportError("cannot be opened as XML", file: path)
        }
        reader = made
    }

    deinit {
        xmlTextReaderClose(reader)
        xmlFreeTextReader(reader)
    }

    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// How many bytes of the file the parser has read.
    var bytesRead: Int { max(0, Int(xmlTextReaderByteConsumed(reader))) }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    /// The next event, nil at the end of the document.
    /// - Throws: `ImportError` with the line where the XML is malformed.
    func next() throws -> XMLEvent? {
        while true {
            let rc = xmlTextReaderRead(reader)
            if rc == 0 { return nil }
            if rc < 0 {
                let message = xmlGetLastError().flatMap { Self.string(UnsafeRawPointer($0.pointee.message).map { $0.assumingMemoryBound(to: xmlChar.self) }) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                throw ImportError("is not well-formed XML" + (message.map { ": \($0)" } ?? ""), file: path, line: line)
            }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = Self.string(xmlTextReaderConstLocalName(reader)) ?? ""
                let prefix = Self.string(xmlTextReaderConstPrefix(reader))
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                // The element's own line: the parser's runs ahead by what it has buffered.
                let node = xmlTextReaderCurrentNode(reader)
                let line = node.map { Int(xmlGetLineNo($0)) }.flatMap { $0 > 0 ? $0 : nil } ?? self.line
                var attributes: [String: String] = [:]
                if xmlTextReaderHasAttributes(reader) == 1 {
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        if let key = Self.string(xmlTextReaderConstName(reader)) { attributes[key] = Self.string(xmlTextReaderConstValue(reader)) ?? "" }
                    }
                    xmlTextReaderMoveToElement(reader)
                }
                return .start(name: name, prefix: prefix, attributes: attributes, empty: empty, line: line)
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                return .end(name: Self.string(xmlTextReaderConstLocalName(reader)) ?? "")
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                return .text(Self.string(xmlTextReaderConstValue(reader)) ?? "")
            default:
                continue
            }
        }
    }
}
