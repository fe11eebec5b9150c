import Foundation
import Testing
@testable import GuanxiExtraction

@Suite("Gazetteer snapshots")
struct GazetteerCacheTests {
    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "guanxi-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let sample = Array("台州市黄岩区南城街道山前村和路桥区蓬街镇,凉山州金阳县,北京市".unicodeScalars)

    static func matches(_ g: Gazetteer) -> [String] {
        var out: [String] = []
        for i in sample.indices {
            g.names.forEachMatch(in: sample, from: i) { length, entries in
                out.append("\(i)+\(length):" + entries.map { "\($0.unit)\($0.form)" }.joined(separator: ","))
            }
        }
        return out
    }

    @Test func aSnapshotReadsBackAsTheGazetteerItWasWrittenFrom() throws {
        let built = try Gazetteer.load(directory: nil, cache: GazetteerCache(environment: ["GUANXI_CACHE_DIR": "off"]))
        var out = SnapshotWriter()
        built.writeSnapshot(to: &out)
        var reader = SnapshotReader(out.bytes)
        let read = try #require(Gazetteer(snapshot: &reader))
        #expect(read.units == built.units)
        #expect(read.names.count == built.names.count)
        #expect(Self.matches(read) == Self.matches(built))
        #expect(!Self.matches(built).isEmpty)
        #expect(read.unit(code: "331003000000") == built.unit(code: "331003000000"))
    }

    @Test func theSecondLoadComesFromTheSnapshotTheFirstStored() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = GazetteerCache(environment: ["GUANXI_CACHE_DIR": dir])
        let first = try Gazetteer.load(directory: nil, cache: cache)
        let stored = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(stored.count == 1 && stored[0].hasSuffix(".snapshot"), "\(stored)")
        let second = try Gazetteer.load(directory: nil, cache: cache)
        #expect(second.units == first.units)
        #expect(Self.matches(second) == Self.matches(first))
    }

    @Test func aDamagedSnapshotIsIgnoredNotTrusted() throws {
        let built = try Gazetteer.load(directory: nil, cache: GazetteerCache(environment: ["GUANXI_CACHE_DIR": "off"]))
        var out = SnapshotWriter()
        built.writeSnapshot(to: &out)
        for cut in [0, 9, out.bytes.count / 3, out.bytes.count - 1] {
            var reader = SnapshotReader(Array(out.bytes.prefix(cut)))
            #expect(Gazetteer(snapshot: &reader) == nil, "cut at \(cut)")
        }
        var flipped = out.bytes
        // The first array's length, made absurd.
        flipped[5] = 0xFF
        var reader = SnapshotReader(flipped)
        #expect(Gazetteer(snapshot: &reader) == nil)
    }

    @Test func anEditedGazetteerFileGetsANewKey() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/zhejiang.tsv"
        try "code\tparent_code\tlevel\tname\tshort_name\n330000000000\t\tprovince\t浙江省\t浙江省\n".write(toFile: file, atomically: true, encoding: .utf8)
        let before = try #require(GazetteerCache.key(of: [file]))
        try "code\tparent_code\tlevel\tname\tshort_name\n330000000000\t\tprovince\t浙江省\t浙江\n".write(toFile: file, atomically: true, encoding: .utf8)
        let after = try #require(GazetteerCache.key(of: [file]))
        #expect(before != after)
        let cache = GazetteerCache(environment: ["GUANXI_CACHE_DIR": dir + "/cache"])
        let g = try Gazetteer.load(directory: dir, cache: cache)
        #expect(g.units.map(\.shortName) == ["浙江"])
        #expect(GazetteerCache(environment: ["GUANXI_CACHE_DIR": "off"]).directory == nil)
        #expect(GazetteerCache(environment: ["HOME": "/home/x"]).directory == "/home/x/.cache/guanxi")
    }
}
