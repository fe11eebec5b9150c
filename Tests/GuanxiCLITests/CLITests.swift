import Foundation
import Testing
import GuanxiStore
import GuanxiTestSupport

/// Runs the built `guanxi` binary as a user would.
enum CLI {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The `guanxi` built beside this test bundle.
    static var binary: URL? {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("guanxi"),
            Bundle.main.bundleURL.appendingPathComponent("guanxi"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("guanxi"),
            packageRoot.appendingPathComponent(".build/debug/guanxi"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL? = nil, input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        guard let binary else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = directory ?? packageRoot
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Never the test runner's own stdin: a command must not wait on a terminal.
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Starts the binary without waiting for it, its output discarded (to kill it).
    static func start(_ arguments: [String]) throws -> Process {
        guard let binary else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until the store at `db` (a file or a server) holds `count` documents, or
    /// `seconds` have passed.
    static func waitForDocuments(in db: String, atLeast count: Int64, seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            if let store = try? GraphStore.open(path: db, create: false, readOnly: true),
               let n = try? store.database.scalar("SELECT count(*) FROM documents")?.integer, n >= count { return }
        }
    }

    static func tempDir() throws -> URL {
        let dir = URL(fileURLWithPath: Scratch.path("cli"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

@Suite("guanxi extract")
struct ExtractCommandTests {
    @Test func extractsTheSeedsAsOntologyJSONLines() throws {
        let r = try CLI.run(["extract", "seeds"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count > 200)
        #expect(lines.filter { $0.hasPrefix("{\"kind\":\"document\"") }.count == 5, "one document line per article")
        for line in lines {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(obj["doc"] is String)
            if obj["kind"] as? String == "entity" {
                #expect(obj["type"] is String && obj["name"] is String && obj["aliases"] is [String] && obj["mentions"] is [[Int]])
            } else if obj["kind"] as? String == "document" {
                #expect(obj.keys.contains("published") && obj.keys.contains("outlet"))
            } else {
                #expect(obj["kind"] as? String == "relation")
                #expect(obj["subject"] is String && obj["predicate"] is String && obj["evidence"] is String && obj["rule"] is String)
            }
        }
    }

    @Test func theSameArticlesGiveTheSameOutputInEveryProcess() throws {
        // Swift seeds its hashing per process: an order taken from a dictionary or a
        // set would change the graph from run to run.
        let dir = try CLI.tempDir()
        try "哈萨克报业集团和青山报业集团的记者来到白沙村。海川集团与青山报业集团签约。".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let runs = try (0..<4).map { _ in try CLI.run(["extract", "seeds", dir.path]).stdout }
        #expect(Set(runs).count == 1)
    }

    /// Files are extracted on several threads and printed in file order: the output,
    /// warnings and exit status are the same whatever the number of jobs.
    @Test func everyNumberOfJobsPrintsTheSameInFileOrder() throws {
        let dir = try CLI.tempDir()
        try "".write(to: dir.appendingPathComponent("b_empty.txt"), atomically: true, encoding: .utf8)
        try Data([0x41, 0xC3, 0x28]).write(to: dir.appendingPathComponent("c_bad.txt"))
        try "路桥区横街镇党委书记王建国说。".write(to: dir.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
        let runs = try ["1", "2", "4"].map { try CLI.run(["extract", "seeds", dir.path, "--jobs", $0]) }
        for r in runs {
            #expect(r.status == 1, "the bad file fails the run")
            #expect(r.stdout == runs[0].stdout)
            #expect(r.stderr == runs[0].stderr)
        }
        let docs = runs[0].stdout.split(separator: "\n").filter { $0.hasPrefix("{\"kind\":\"document\"") }
        #expect(docs.count == 6, "five seeds and d.txt")
        #expect(docs.last?.contains("d.txt") == true, "in file order")
        #expect(runs[0].stderr.contains("b_empty.txt: empty file") && runs[0].stderr.contains("c_bad.txt: not valid UTF-8"))
        #expect(try CLI.run(["extract", "seeds", "--jobs", "0"]).status != 0)
    }

    /// On a terminal, `extract` draws a progress line (documents, characters a second) on
    /// stderr while its results go to a file, and none into results printed on that
    /// terminal; `import` draws how far it has read, then its index building. `script`
    /// (util-linux) gives the command a terminal.
    @Test func progressLinesOnATerminal() throws {
        let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let script, let binary = CLI.binary else {
            print("skipped: no `script` (util-linux) to give the command a terminal")
            return
        }
        let dir = try CLI.tempDir()
        let out = dir.appendingPathComponent("out.jsonl").path
        func onTerminal(_ command: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: script)
            process.arguments = ["-qec", command, "/dev/null"]
            process.currentDirectoryURL = CLI.packageRoot
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardInput = Pipe()
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        guard try onTerminal("tty").hasPrefix("/dev/") else {
            print("skipped: `script` could not open a pseudo-terminal here")
            return
        }
        let redirected = try onTerminal("'\(binary.path)' extract seeds --jobs 2 > '\(out)'")
        #expect(redirected.contains("5/5 documents") && redirected.contains("M chars/s"), "\(redirected.suffix(300))")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == (try CLI.run(["extract", "seeds"])).stdout)
        let shown = try onTerminal("'\(binary.path)' extract seeds --jobs 2")
        #expect(shown.contains("\"kind\":\"entity\""))
        #expect(!shown.contains("documents  "), "no progress line among results on the terminal")
        // An import says so while it builds the indexes a load into an empty store
        // went without, then clears the line for its summary.
        let db = dir.appendingPathComponent("a.db").path, graphml = dir.appendingPathComponent("a.graphml").path
        #expect(try CLI.run(["build", "seeds", "--db", db]).status == 0)
        #expect(try CLI.run(["export", "--db", db, "--graphml", graphml]).status == 0)
        let imported = try onTerminal("'\(binary.path)' import '\(graphml)' --db '\(dir.appendingPathComponent("b.db").path)'")
        #expect(imported.contains("building indexes") && imported.contains("edges"), "\(imported.suffix(300))")
    }

    @Test func aBadFileIsNamedOnStderrAndTheBatchGoesOn() throws {
        let dir = try CLI.tempDir()
        try Data([0x41, 0xC3, 0x28]).write(to: dir.appendingPathComponent("bad.txt"))
        try "路桥区横街镇党委书记王建国说。".write(to: dir.appendingPathComponent("good.txt"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["extract", dir.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.txt: not valid UTF-8 (first bad byte sequence at byte offset 1)"))
        #expect(r.stdout.contains("\"name\":\"王建国\""))
    }

    @Test func theTableAlignsDoubleWidthCharacters() throws {
        let dir = try CLI.tempDir()
        let file = dir.appendingPathComponent("a.txt")
        try "路桥区横街镇党委书记王建国说。".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["extract", "--format", "table", file.path])
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("Town") || $0.hasPrefix("Person") || $0.hasPrefix("District") }
        #expect(rows.count == 3)
        // The third column starts at the same display column in every row.
        func column(_ s: Substring) -> Int {
            var width = 0
            var spaces = 0
            var fields = 0
            for u in s.unicodeScalars {
                if u == " " { spaces += 1 } else {
                    if spaces >= 2 { fields += 1; if fields == 2 { return width } }
                    spaces = 0
                }
                width += (u.value >= 0x4E00 && u.value <= 0x9FFF) ? 2 : 1
            }
            return -1
        }
        #expect(Set(rows.map(column)).count == 1)
    }

    @Test func explainShowsEachFactWithItsSentenceAndRule() throws {
        let dir = try CLI.tempDir()
        let file = dir.appendingPathComponent("a.txt")
        try "温岭市箬横镇东浦村党总支书记陈国华介绍,今年收入增加。".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["extract", "--explain", file.path])
        #expect(r.stdout.contains("a.txt:1  陈国华 -leads-> 东浦村  role=党总支书记"))
        #expect(r.stdout.contains("rule:     leads.title"))
        #expect(r.stdout.contains("sentence: 温岭市箬横镇东浦村党总支书记陈国华介绍,今年收入增加。"))
    }

    @Test func aMalformedRuleFileStopsWithFileAndLine() throws {
        let dir = try CLI.tempDir()
        try "书记 head\n镇长 chief\n".write(to: dir.appendingPathComponent("titles.txt"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["extract", "--rules", dir.path, "seeds"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("titles.txt:2: unknown title kind 'chief'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func aMissingPathIsAnError() throws {
        let r = try CLI.run(["extract", "/nonexistent/guanxi"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("/nonexistent/guanxi: no such file or directory"))
    }
}

@Suite("guanxi evaluate")
struct EvaluateCommandTests {
    static var shared: String? {
        let dir = CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: dir + "/gold") ? dir : nil
    }

    @Test func printsTheSameTableAsScorePy() throws {
        guard let shared = Self.shared else {
            print("skipped: ../shared is absent (a user's clone); CI runs this check")
            return
        }
        let r = try CLI.run(["evaluate", "--gold", shared + "/gold", "seeds"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("ALL entities"))
        #expect(r.stdout.contains("entity F1 0."))
        let errors = try CLI.run(["evaluate", "--gold", shared + "/gold", "seeds", "--errors"])
        #expect(errors.stdout.contains("FN entity") || errors.stdout.contains("FP entity"))
        #expect(errors.stdout.contains("rule: ") || errors.stdout.contains("closest: "))
    }
}
