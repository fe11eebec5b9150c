/// A trie value that packs into 32 bits, so that a trie of them can be written as a
/// snapshot and read back without building it again.
protocol SnapshotValue {
    var packed: UInt32 { get }
    init?(packed: UInt32)
}

extension ScalarTrie where Value: SnapshotValue {
    /// Appends the trie, exactly as built, to `out`.
    func writeSnapshot(to out: inout SnapshotWriter) {
        out.append(UInt64(count))
        out.append(UInt64(nodeCount))
        out.append(UInt64(edges.count))
        out.append(edges.keys)
        out.append(edges.values)
        out.append(terminal)
        var offsets: [UInt32] = [0]
        var packed: [UInt32] = []
        offsets.reserveCapacity(valueStarts.count + 1)
        packed.reserveCapacity(values.count)
        for slot in valueStarts.indices {
            for v in values(ofSlot: Int32(slot)) { packed.append(v.packed) }
            offsets.append(UInt32(packed.count))
        }
        out.append(offsets)
        out.append(packed)
        out.append(firstScalars)
        out.append(singleScalars)
        out.append(pairFilter.shift)
        out.append(pairFilter.bits)
    }

    /// True when every stored value satisfies `predicate`.
    func allValues(_ predicate: (Value) -> Bool) -> Bool {
        values.allSatisfy(predicate)
    }

    /// The trie a snapshot holds at the reader's position; nil when the snapshot is
    /// malformed (the caller then builds the trie again).
    init?(snapshot reader: inout SnapshotReader) {
        guard let count = reader.integer(), let nodeCount = reader.integer(), let edgeCount = reader.integer(),
              let keys: [UInt64] = reader.array(), let edgeValues: [Int32] = reader.array(),
              var edges = EdgeTable(keys: keys, values: edgeValues, count: edgeCount),
              let terminal: [Int32] = reader.array(), terminal.count == nodeCount,
              let offsets: [UInt32] = reader.array(), let packed: [UInt32] = reader.array(),
              offsets.first == 0, offsets.last.map({ Int($0) == packed.count }) ?? false,
              let firstScalars: [UInt64] = reader.array(), firstScalars.count == 1024,
              let singleScalars: [UInt64] = reader.array(), singleScalars.count == 1024,
              let shift = reader.integer(), let bits: [UInt64] = reader.array(),
              let pairFilter = ScalarFilter(bits: bits, shift: UInt64(shift))
        else { return nil }
        var values: [Value] = []
        values.reserveCapacity(packed.count)
        for p in packed {
            guard let v = Value(packed: p) else { return nil }
            values.append(v)
        }
        var valueStarts: [Int32] = [], valueEnds: [Int32] = []
        valueStarts.reserveCapacity(offsets.count - 1)
        valueEnds.reserveCapacity(offsets.count - 1)
        for k in 1..<offsets.count {
            guard offsets[k - 1] <= offsets[k] else { return nil }
            valueStarts.append(Int32(offsets[k - 1]))
            valueEnds.append(Int32(offsets[k]))
        }
        // Every edge must lead to a node, and every terminal to a slot.
        guard edgeValues.allSatisfy({ $0 >= 0 && $0 < nodeCount }), terminal.allSatisfy({ $0 < valueStarts.count }) else { return nil }
        self.init()
        self.count = count
        self.nodeCount = Int32(nodeCount)
        edges.copyTerminals(from: terminal)
        self.edges = edges
        self.terminal = terminal
        self.values = values
        self.valueStarts = valueStarts
        self.valueEnds = valueEnds
        self.firstScalars = firstScalars
        self.singleScalars = singleScalars
        self.pairFilter = pairFilter
    }
}

/// Little-endian binary output: integers and arrays of fixed-width integers, each
/// array preceded by its length.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append<T: FixedWidthInteger>(_ array: [T]) {
        append(UInt64(array.count))
        for v in array { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    }
}

/// Reads what `SnapshotWriter` wrote; every read is bounds-checked and returns nil
/// past the end.
struct SnapshotReader {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var atEnd: Bool { position == bytes.count }

    mutating func integer() -> Int? {
        guard position + 8 <= bytes.count else { return nil }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return v > UInt64(Int32.max) * 64 ? nil : Int(v)
    }

    mutating func array<T: FixedWidthInteger>() -> [T]? {
        guard let n = integer() else { return nil }
        let size = MemoryLayout<T>.size
        guard n <= (bytes.count - position) / size else { return nil }
        var out = [T](repeating: 0, count: n)
        out.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + n * size)]))
            }
        }
        position += n * size
        #if _endian(big)
        for i in out.indices { out[i] = T(littleEndian: out[i]) }
        #endif
        return out
    }
}
