import Foundation
import Testing
@testable import GuanxiStore

/// Facts as exports read them (`forEachEdge`), against SQLite's own reading of the same
/// provenance rows: the fold in Swift must pick what `ORDER BY … LIMIT 1` picked.
@Suite("Edge records")
struct EdgeRecordTests {
    /// A fixed pseudo-random sequence, so that a failure repeats.
    struct Sequence {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    /// What SQLite picks for each fact, as the export read it before it folded rows in Swift.
    static let reference = """
        SELECT x.id, pr.evidence, d.name, pr.rule,
            (SELECT published FROM provenance WHERE edge = x.id AND published_start IS NOT NULL ORDER BY published_start, length(published) DESC, published LIMIT 1),
            (SELECT published FROM provenance WHERE edge = x.id AND published_end IS NOT NULL ORDER BY published_end DESC, length(published) DESC, published LIMIT 1),
            (SELECT count(DISTINCT document) FROM provenance WHERE edge = x.id AND source = 'document'),
            (SELECT date FROM provenance WHERE edge = x.id AND date IS NOT NULL ORDER BY length(date) DESC, date LIMIT 1)
        FROM triples x
        LEFT JOIN provenance pr ON pr.id = coalesce(
            (SELECT id FROM provenance WHERE edge = x.id AND source = 'document' ORDER BY id LIMIT 1),
            (SELECT id FROM provenance WHERE edge = x.id ORDER BY id LIMIT 1))
        LEFT JOIN documents d ON d.id = pr.document
        ORDER BY x.id
        """

    @Test func everyFactShowsTheProvenanceSQLitesOrderingPicks() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        let db = store.database
        try db.execute("INSERT INTO terms(id, value) VALUES (1, 'leads'), (2, 'funds')")
        try db.execute("INSERT INTO nodes(id, key) VALUES (1, 'a'), (2, 'b'), (3, 'c')")
        for d in 1...4 {
            try db.execute(bound: "INSERT INTO documents(id, name, path, hash, encoding, characters, added) VALUES (?, ?, ?, ?, 'utf-8', 0, '')",
                           [.integer(Int64(d)), .text("文章\(d).txt"), .text("/a/\(d)"), .text("h\(d)")])
        }
        // Ties on the bound with dates of several precisions, NULLs, and text that sorts
        // differently by bytes than by length.
        let dates: [String?] = [nil, "2021", "2021-02", "2021-02-05", "2020-12-31", "--06-21", "2021-02-05", "二〇二一年"]
        let sources = ["document", "document", "gazetteer:330000", "import"]
        var random = Sequence(state: 7)
        var id: Int64 = 0
        for fact in Int64(1)...300 {
            try db.execute(bound: "INSERT INTO triples(id, s, p, o) VALUES (?, ?, ?, ?)",
                           [.integer(fact), .integer(Int64(1 + random.next(3))), .integer(Int64(1 + random.next(2))), .integer(Int64(1 + random.next(3)))])
            for _ in 0..<random.next(7) {
                // Row ids out of order within a fact, as a rebuild or a later article leaves them.
                id += Int64(1 + random.next(3))
                let rowID = random.next(4) == 0 ? id + 100_000 : id
                let published = random.pick(dates)
                let value: (String?) -> SQLValue = { $0.map { .text($0) } ?? .null }
                try db.execute(bound: """
                    INSERT INTO provenance(id, edge, document, source, evidence, rule, extractor, time, published, published_start, published_end, date)
                    VALUES (?, ?, ?, ?, ?, ?, 'test', '', ?, ?, ?, ?)
                    """, [.integer(rowID), .integer(fact), .integer(Int64(1 + random.next(5))), .text(random.pick(sources)),
                          value(random.pick(["某村党支部书记", nil, "资助"])), .text(random.pick(["r1", "r2"])), value(published),
                          // Mostly bounds with a date, sometimes a bound with none.
                          value(published == nil && random.next(4) > 0 ? nil : random.pick(dates)),
                          value(published == nil && random.next(4) > 0 ? nil : random.pick(dates)),
                          value(random.pick(dates))])
            }
        }
        var records: [EdgeRecord] = []
        try store.forEachEdge(GraphSelection(), keep: nil) { records.append($0) }
        let expected = try db.rows(Self.reference)
        #expect(records.count == expected.count)
        for (record, row) in zip(records, expected) {
            #expect(record.id == row[0].integer)
            let got: [String?] = [record.evidence, record.document, record.rule, record.firstReported, record.lastReported,
                                  String(record.reports), record.date]
            let want: [String?] = [row[1].text, row[2].text, row[3].text, row[4].text, row[5].text, row[6].text, row[7].text]
            #expect(got == want, "fact \(record.id)")
        }
        // The sequence reached the cases the fold must get right.
        let facts = Set(records.map(\.id))
        #expect(facts.count == 300)
        #expect(records.contains { $0.evidence == nil && $0.rule != nil })
        #expect(records.contains { $0.reports > 1 })
        #expect(records.contains { $0.rule == nil })
    }
}

@Suite("Batch pipe")
struct BatchPipeTests {
    struct Broken: Error {}

    @Test func itemsArriveInOrderAcrossBatches() throws {
        var seen: [Int] = []
        try BatchPipe<Int>.run(produce: { pipe in
            for i in 0..<10_000 { try pipe.put(i) }
        }, consume: { seen.append($0) })
        #expect(seen == Array(0..<10_000))
    }

    @Test func aProducersErrorArrivesAfterWhatItPutBefore() {
        var seen = 0
        #expect(throws: Broken.self) {
            try BatchPipe<Int>.run(produce: { pipe in
                for i in 0..<5_000 { try pipe.put(i) }
                throw Broken()
            }, consume: { _ in seen += 1 })
        }
        #expect(seen == 5_000)
    }

    @Test func aConsumersErrorStopsTheProducer() {
        let produced = Counter()
        #expect(throws: Broken.self) {
            try BatchPipe<Int>.run(produce: { pipe in
                // Would never end if the pipe did not stop it.
                var i = 0
                while true {
                    try pipe.put(i)
                    produced.add()
                    i += 1
                }
            }, consume: { if $0 == 3_000 { throw Broken() } })
        }
        // At most the batches waiting, one being filled and one taken: memory stays flat.
        #expect(produced.value < 3_000 + 11 * 1_024)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }
}

@Suite("Read snapshot")
struct ReadSnapshotTests {
    @Test func scansInOneSnapshotDoNotSeeAnotherConnectionsCommit() throws {
        let path = StoreFixture.tempPath()
        let reader = try GraphStore.open(path: path), writer = try GraphStore.open(path: path)
        try writer.database.execute("INSERT INTO nodes(key) VALUES ('a')")
        let count = "SELECT count(*) FROM nodes"
        let (before, after) = try reader.database.readSnapshot {
            let before = try reader.database.scalar(count)?.integer
            try writer.database.execute("INSERT INTO nodes(key) VALUES ('b')")
            return (before, try reader.database.scalar(count)?.integer)
        }
        #expect(before == 1)
        #expect(after == 1)
        #expect(try reader.database.scalar(count)?.integer == 2)
        #expect(reader.database.isAutocommit)
    }

    @Test func aFailureInsideEndsTheSnapshot() throws {
        let store = try GraphStore.open(path: StoreFixture.tempPath())
        struct Broken: Error {}
        #expect(throws: Broken.self) { try store.database.readSnapshot { throw Broken() } }
        #expect(store.database.isAutocommit)
    }
}
