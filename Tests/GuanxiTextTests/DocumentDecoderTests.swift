import Testing
@testable import GuanxiText

@Suite("DocumentDecoder")
struct DocumentDecoderTests {
    @Test func stripsTheByteOrderMarkAndKeepsScalarOffsets() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("路桥区横街镇".utf8)
        let text = try DocumentDecoder.decode(bytes: bytes, name: "a.txt", path: "/x/a.txt")
        #expect(text.encoding == "UTF-8 with BOM")
        #expect(text.scalars.count == 6)
        #expect(text.text(3..<6) == "横街镇")
    }

    @Test func invalidUTF8NamesTheFileAndTheByteOffset() {
        let bytes: [UInt8] = Array("路桥".utf8) + [0xC3, 0x28]
        #expect(throws: TextError(path: "/x/gbk.txt", code: .notUTF8(byteOffset: 6))) {
            try DocumentDecoder.decode(bytes: bytes, name: "gbk.txt", path: "/x/gbk.txt")
        }
        let message = TextError(path: "/x/gbk.txt", code: .notUTF8(byteOffset: 6)).description
        #expect(message.hasPrefix("/x/gbk.txt: not valid UTF-8"))
        #expect(message.contains("byte offset 6"))
    }

    @Test func nulBytesMeanABinaryFile() {
        #expect(throws: TextError(path: "b.bin", code: .binary(byteOffset: 2))) {
            try DocumentDecoder.decode(bytes: [0x41, 0x42, 0x00, 0x43], name: "b.bin", path: "b.bin")
        }
    }

    @Test func aMissingFileIsAClearError() {
        do {
            _ = try DocumentDecoder.read(path: "/nonexistent/guanxi/x.txt")
            Issue.record("expected an error")
        } catch let error as TextError {
            #expect(error.description == "/nonexistent/guanxi/x.txt: cannot read the file: no such file")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite("Encodings")
struct EncodingTests {
    @Test func utf16WithAByteOrderMarkEitherWay() throws {
        let text = "路桥区横街镇🚀"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let a = try DocumentDecoder.decode(bytes: le, name: "le.txt", path: "le.txt")
        let b = try DocumentDecoder.decode(bytes: be, name: "be.txt", path: "be.txt")
        #expect(a.text(0..<7) == text && a.encoding == "UTF-16LE")
        #expect(b.text(0..<7) == text && b.encoding == "UTF-16BE")
        // Offsets count characters of the decoded text, whatever the bytes were.
        #expect(a.text(3..<6) == "横街镇")
    }

    @Test func gb18030IsDetectedWhenTheBytesAreNotUTF8() throws {
        let bytes: [UInt8] = [0xC2, 0xB7, 0xC7, 0xC5, 0xC7, 0xF8, 0xBA, 0xE1, 0xBD, 0xD6, 0xD5, 0xF2]
        let t = try DocumentDecoder.decode(bytes: bytes, name: "gb.txt", path: "gb.txt")
        #expect(t.encoding == "GB18030")
        #expect(t.text(0..<6) == "路桥区横街镇")
    }

    @Test func validUTF8StaysUTF8() throws {
        let t = try DocumentDecoder.decode(bytes: Array("路桥区".utf8), name: "u.txt", path: "u.txt")
        #expect(t.encoding == "UTF-8")
    }

    @Test func bytesInNoSupportedEncodingNameTheFirstBadOffset() {
        // 0xFF never occurs in UTF-8 and 0xFF 0xFF is no GB18030 sequence.
        let bytes: [UInt8] = Array("abc".utf8) + [0xFF, 0xFF, 0x41]
        #expect(throws: TextError(path: "x.txt", code: .notUTF8(byteOffset: 3))) {
            try DocumentDecoder.decode(bytes: bytes, name: "x.txt", path: "x.txt")
        }
    }

    /// The hand-written UTF-8 decoder agrees with the standard library's on every
    /// edge of the encoding (overlong forms, surrogates, past U+10FFFF, truncated
    /// sequences, stray continuation bytes) and on random byte strings.
    @Test func utf8DecoderAgreesWithTheStandardLibrary() {
        func reference(_ bytes: [UInt8], _ start: Int) -> Result<[Unicode.Scalar], DocumentDecoder.BadOffset> {
            var scalars: [Unicode.Scalar] = []
            var decoder = UTF8()
            var iterator = bytes[start...].makeIterator()
            var consumed = start
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): scalars.append(s); consumed += UTF8.width(s)
                case .emptyInput: return .success(scalars)
                case .error: return .failure(DocumentDecoder.BadOffset(offset: consumed))
                }
            }
        }
        func same(_ a: Result<[Unicode.Scalar], DocumentDecoder.BadOffset>, _ b: Result<[Unicode.Scalar], DocumentDecoder.BadOffset>) -> Bool {
            switch (a, b) {
            case (.success(let x), .success(let y)): return x == y
            case (.failure(let x), .failure(let y)): return x.offset == y.offset
            default: return false
            }
        }
        let edges: [[UInt8]] = [
            [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80],
            [0xE8, 0xB7], [0xF0, 0x9F, 0x98], Array("路桥区".utf8), Array("a😀b".utf8),
        ]
        for edge in edges {
            for bytes in [edge, Array("村".utf8) + edge, edge + Array("镇x".utf8)] {
                #expect(same(DocumentDecoder.utf8(bytes, from: 0), reference(bytes, 0)), "\(bytes)")
            }
        }
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x41], Array("镇".utf8), Array("😀".utf8), [0x80], [0xC3], [0xE6, 0x9D], [0xF0], [0xED, 0xB0, 0x80]]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += Bool.random(using: &generator) ? pieces.randomElement(using: &generator) ?? [] : [UInt8.random(in: 0...255, using: &generator)]
            }
            let start = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            #expect(same(DocumentDecoder.utf8(bytes, from: start), reference(bytes, start)), "\(bytes) from \(start)")
        }
    }
}
