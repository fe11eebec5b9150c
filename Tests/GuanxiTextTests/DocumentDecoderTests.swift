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
