import Foundation
import GuanxiText

extension GazetteerEntry: SnapshotValue {
    var packed: UInt32 { UInt32(bitPattern: unit) << 1 | (form == .short ? 1 : 0) }

    init?(packed: UInt32) {
        self.init(unit: Int32(bitPattern: packed >> 1), form: packed & 1 == 1 ? .short : .full)
    }
}

/// The gazetteer as built, kept between runs: parsing the TSV files and building the
/// name trie is most of a one-file `extract`'s start-up, reading the snapshot back a
/// few milliseconds. A snapshot is named by the files it was built from (path, size,
/// modification time), so an edited gazetteer never meets a stale one. Snapshots live
/// in `$GUANXI_CACHE_DIR`, else `$XDG_CACHE_HOME/guanxi`, else `~/.cache/guanxi`;
/// `GUANXI_CACHE_DIR=off` turns them off.
struct GazetteerCache {
    /// The folder, or nil when caching is off or no home is known.
    let directory: String?

    /// "GXGZ" and the format's version: a change of layout or of how the gazetteer is
    /// built from its files must change it.
    static let magic: UInt64 = 0x5A47_5847_0000_0002

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let dir = environment["GUANXI_CACHE_DIR"] {
            directory = dir.isEmpty || dir == "off" ? nil : dir
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            directory = (xdg as NSString).appendingPathComponent("guanxi")
        } else if let home = environment["HOME"], !home.isEmpty {
            directory = (home as NSString).appendingPathComponent(".cache/guanxi")
        } else {
            directory = nil
        }
    }

    /// A key for the files at `paths` as they are now (absolute path, size, modification
    /// time), and for the program reading them (a new build may build the gazetteer
    /// differently: its executable's time is part of the key); nil when a file cannot
    /// be examined.
    static func key(of paths: [String]) -> UInt64? {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ magic
        func mix(_ v: UInt64) {
            h = (h ^ v) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
        }
        if let program = Bundle.main.executablePath {
            var info = stat()
            if stat(program, &info) == 0 {
                mix(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
                mix(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
                mix(UInt64(bitPattern: Int64(info.st_size)))
            }
        }
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            for b in URL(fileURLWithPath: path).standardizedFileURL.path.utf8 { mix(UInt64(b)) }
            mix(UInt64(bitPattern: Int64(info.st_size)))
            mix(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
            mix(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
            mix(UInt64(info.st_ino))
        }
        return h
    }

    func path(for key: UInt64) -> String? {
        directory.map { ($0 as NSString).appendingPathComponent("gazetteer-\(String(key, radix: 16)).snapshot") }
    }

    /// The gazetteer stored for `key`, if a sound one is stored.
    func load(key: UInt64) -> Gazetteer? {
        guard let path = path(for: key), let bytes = try? DocumentDecoder.readBytes(path) else { return nil }
        var reader = SnapshotReader(bytes)
        guard let header: [UInt64] = reader.array(), header == [Self.magic, key] else { return nil }
        return Gazetteer(snapshot: &reader)
    }

    /// Stores `gazetteer` for `key`; a failure (no such folder, a read-only disk) only
    /// means the next run builds it again.
    func store(_ gazetteer: Gazetteer, key: UInt64) {
        guard let directory, let path = path(for: key) else { return }
        var out = SnapshotWriter()
        out.append([Self.magic, key])
        gazetteer.writeSnapshot(to: &out)
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(out.bytes).write(to: URL(fileURLWithPath: temporary))
            // Another process may have stored the same snapshot meanwhile: either is good.
            if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
            // Snapshots of earlier builds or files, untouched for a day, go.
            let dayAgo = Date().addingTimeInterval(-86_400)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            where name.hasPrefix("gazetteer-") && name.hasSuffix(".snapshot") {
                let old = (directory as NSString).appendingPathComponent(name)
                if old != path, let modified = (try? FileManager.default.attributesOfItem(atPath: old))?[.modificationDate] as? Date,
                   modified < dayAgo {
                    try? FileManager.default.removeItem(atPath: old)
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}

extension Gazetteer {
    /// Appends the units and the name trie to `out`.
    func writeSnapshot(to out: inout SnapshotWriter) {
        var codes: [Int64] = [], parents: [Int32] = [], types: [UInt8] = []
        var text: [UInt8] = [], ends: [UInt32] = []
        for unit in units {
            codes.append(Int64(unit.code) ?? -1)
            parents.append(unit.parent)
            types.append(UInt8(EntityType.allCases.firstIndex(of: unit.type) ?? 0))
            for part in [unit.name, unit.shortName] {
                text.append(contentsOf: part.utf8)
                ends.append(UInt32(text.count))
            }
        }
        out.append(codes)
        out.append(parents)
        out.append(types)
        out.append(ends)
        out.append(text)
        names.writeSnapshot(to: &out)
    }

    /// The gazetteer a snapshot holds at the reader's position; nil when it is malformed.
    init?(snapshot reader: inout SnapshotReader) {
        guard let codes: [Int64] = reader.array(), let parents: [Int32] = reader.array(), let types: [UInt8] = reader.array(),
              let ends: [UInt32] = reader.array(), let text: [UInt8] = reader.array(),
              parents.count == codes.count, types.count == codes.count, ends.count == 2 * codes.count,
              let names = ScalarTrie<GazetteerEntry>(snapshot: &reader), reader.atEnd,
              names.allValues({ $0.unit >= 0 && Int($0.unit) < codes.count })
        else { return nil }
        self.init()
        var units: [GazetteerUnit] = []
        units.reserveCapacity(codes.count)
        var indexByCode: [Int64: Int32] = [:]
        indexByCode.reserveCapacity(codes.count)
        var start = 0
        func string(_ end: UInt32) -> String? {
            let e = Int(end)
            guard e >= start, e <= text.count else { return nil }
            defer { start = e }
            return String(decoding: text[start..<e], as: UTF8.self)
        }
        let allTypes = EntityType.allCases
        for k in codes.indices {
            guard codes[k] >= 0, parents[k] < Int32(k), Int(types[k]) < allTypes.count,
                  let name = string(ends[2 * k]), let short = string(ends[2 * k + 1]) else { return nil }
            let code = String(codes[k])
            units.append(GazetteerUnit(code: String(repeating: "0", count: max(0, 12 - code.count)) + code,
                                       parent: parents[k], type: allTypes[Int(types[k])], name: name, shortName: short))
            indexByCode[codes[k]] = Int32(k)
        }
        self.init(units: units, names: names, indexByCode: indexByCode)
    }
}
