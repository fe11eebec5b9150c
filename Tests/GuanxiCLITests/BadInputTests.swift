import Foundation
import Testing
import GuanxiExtraction
import GuanxiStore
import GuanxiText

/// Real-world input: bad files are reported one by one, the batch goes on, and
/// nothing already stored is lost.
@Suite("Bad input")
struct BadInputTests {
    @Test func aFolderOfBadFilesIsReportedFileByFileAndLosesNothing() throws {
        let dir = try CLI.tempDir()
        let db = dir.appendingPathComponent("g.db").path
        #expect(try CLI.run(["build", "seeds", "--db", db]).status == 0)
        let bad = dir.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "温岭市箬横镇东浦村党总支书记陈国华介绍,今年收入增加。".write(to: bad.appendingPathComponent("good.txt"), atomically: true, encoding: .utf8)
        try Data().write(to: bad.appendingPathComponent("empty.txt"))
        try Data([0x41, 0x00, 0x42]).write(to: bad.appendingPathComponent("binary.txt"))
        try Data([0x41, 0xFF, 0xFF, 0x42]).write(to: bad.appendingPathComponent("latin.txt"))
        try Data("x".utf8).write(to: bad.appendingPathComponent("photo.png"))
        #expect(mkfifo(bad.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: bad.appendingPathComponent("loop.txt").path, withDestinationPath: "loop.txt")
        try FileManager.default.createSymbolicLink(atPath: bad.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        let r = try CLI.run(["build", bad.path, "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("empty.txt: empty file"))
        #expect(r.stderr.contains("binary.txt: looks like a binary file (NUL byte at byte offset 1)"))
        #expect(r.stderr.contains("latin.txt: not valid UTF-8 (first bad byte sequence at byte offset 1)"))
        #expect(r.stderr.contains("pipe.txt: not a regular file"))
        #expect(r.stderr.contains("loop.txt: broken link"))
        #expect(r.stderr.contains("sub/up: symbolic link loop"))
        #expect(!r.stderr.contains("photo.png"))
        #expect(r.stdout.contains("(1 added, 0 unchanged, 0 replaced, 2 failed, 4 skipped)"))
        let stats = try CLI.run(["stats", "--db", db, "--format", "json"])
        #expect(stats.stdout.contains("\"documents\":6"))
    }

    @Test func anUnreadableFileIsAnErrorAndTheBatchGoesOn() throws {
        guard getuid() != 0 else {
            print("skipped: running as root, which reads any file; the permission check needs an ordinary user")
            return
        }
        let dir = try CLI.tempDir()
        let locked = dir.appendingPathComponent("locked.txt")
        try "路桥区横街镇。".write(to: locked, atomically: true, encoding: .utf8)
        chmod(locked.path, 0)
        let r = try CLI.run(["extract", locked.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("locked.txt: cannot read the file: permission denied"))
    }

    @Test func aVeryLongArticleOnOneLineIsReadAndExtracted() throws {
        let dir = try CLI.tempDir()
        let file = dir.appendingPathComponent("long.txt")
        let sentence = "温岭市箬横镇东浦村党总支书记陈国华介绍,今年村集体经济收入突破200万元,群众获得感持续增强,"
        var text = String(repeating: sentence, count: 3_000)
        text += "这是最后一句。"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["extract", file.path, "--format", "jsonl"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"name\":\"陈国华\""))
    }
}

/// One build writing while queries and profiles read; a second writer.
@Suite("Concurrent use")
struct ConcurrentUseTests {
    static func corpus(_ dir: URL, count: Int) throws -> URL {
        let articles = dir.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        let seedDir = CLI.packageRoot.appendingPathComponent("seeds")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: seedDir.path).filter { $0.hasSuffix(".txt") }.sorted()
        for i in 0..<count {
            let text = try String(contentsOf: seedDir.appendingPathComponent(seeds[i % seeds.count]), encoding: .utf8)
            try (text + "\n\n第\(i)稿。\n").write(to: articles.appendingPathComponent(String(format: "%04d.txt", i)), atomically: true, encoding: .utf8)
        }
        return articles
    }

    @Test func readersSeeWholeDocumentsWhileABuildWrites() throws {
        let dir = try CLI.tempDir()
        let articles = try Self.corpus(dir, count: 80)
        let db = dir.appendingPathComponent("g.db").path
        _ = try CLI.run(["build", CLI.packageRoot.appendingPathComponent("seeds").path, "--db", db])
        guard let binary = CLI.binary else { throw CocoaError(.fileNoSuchFile) }
        let writer = Process()
        writer.executableURL = binary
        writer.arguments = ["build", articles.path, "--db", db]
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        let extractor = try Extractor.standard()
        var expected: [String: Int] = [:]
        var reads = 0
        while writer.isRunning {
            let q = try CLI.run(["query", "--db", db, "--format", "json", "MATCH (p:Person)-[:leads]->(v:Village) RETURN count(*) AS n"])
            #expect(q.status == 0, "\(q.stderr)")
            let p = try CLI.run(["profile", "金清镇", "--db", db, "--format", "json"])
            #expect(p.status == 0 || p.status == 3, "\(p.stderr)")
            let store = try GraphStore.open(path: db, create: false, readOnly: true)
            for row in try store.database.rows("SELECT d.path, (SELECT count(*) FROM mentions m WHERE m.document = d.id) FROM documents d") {
                guard let path = row[0].text, let n = row[1].integer, path.contains("/articles/") else { continue }
                if expected[path] == nil {
                    expected[path] = extractor.extract(try DocumentDecoder.read(path: path)).entities.reduce(0) { $0 + $1.mentions.count }
                }
                #expect(Int(n) == expected[path], "\(path) seen half-written")
            }
            reads += 1
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(reads >= 1)
    }

    @Test func aSecondWriterWaitsOrFailsClearlyAndNothingIsStoredTwice() throws {
        let dir = try CLI.tempDir()
        let articles = try Self.corpus(dir, count: 40)
        let db = dir.appendingPathComponent("g.db").path
        guard let binary = CLI.binary else { throw CocoaError(.fileNoSuchFile) }
        let errors = (0..<2).map { _ in Pipe() }
        let writers = (0..<2).map { i -> Process in
            let p = Process()
            p.executableURL = binary
            p.arguments = ["build", articles.path, "--db", db]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = errors[i]
            return p
        }
        for w in writers { try w.run() }
        let messages = errors.map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        for w in writers { w.waitUntilExit() }
        for (w, message) in zip(writers, messages) {
            // Each writer either waited its turn or stopped with the clear message.
            #expect(w.terminationStatus == 0 || message.contains("another guanxi process is writing to this store"), "\(message)")
        }
        #expect(try CLI.run(["build", articles.path, "--db", db]).status == 0)
        let store = try GraphStore.open(path: db, create: false)
        #expect(try store.database.scalar("SELECT count(*) FROM documents")?.integer == 40)
        #expect(try store.database.scalar("PRAGMA integrity_check")?.text == "ok")
    }
}
