import Foundation
import Testing

/// `guanxi serve` as a user starts it: on a free local port, read-only, every asset
/// from the installation, the JSON API answering what the pages ask.
@Suite("guanxi serve")
struct ServeCommandTests {
    /// Starts `guanxi serve --port 0` on `db` and returns the process and its address.
    static func start(_ db: String) throws -> (Process, String) {
        guard let binary = CLI.binary else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--db", db, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        process.standardInput = Pipe()
        try process.run()
        // The first line names the address: "Guanxi serves DB at http://127.0.0.1:PORT/".
        var line = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://") else {
            process.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        return (process, String(text[range.lowerBound...]))
    }

    /// GETs each path and prints `status<TAB>body` lines, through Python's urllib.
    static func get(_ base: String, _ paths: [String]) throws -> [(Int, String)] {
        let script = """
            import sys, json, urllib.request, urllib.error
            out = []
            for path in sys.argv[2:]:
                try:
                    with urllib.request.urlopen(sys.argv[1].rstrip('/') + path, timeout=20) as r:
                        out.append([r.status, r.read().decode('utf-8'), r.headers.get('Content-Type')])
                except urllib.error.HTTPError as e:
                    out.append([e.code, e.read().decode('utf-8'), e.headers.get('Content-Type')])
            print(json.dumps(out))
            """
        let text = try Python.run(script, [base] + paths)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]], "\(text)")
        return rows.map { ($0[0] as? Int ?? 0, $0[1] as? String ?? "") }
    }

    @Test func theAPIAndThePagesAnswerFromALocalReadOnlyServer() throws {
        let (dir, db) = try NewUserTests.store(TimeCommandTests.articles)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let (process, base) = try Self.start(db)
        defer { process.terminate(); process.waitUntilExit() }
        #expect(base.hasPrefix("http://127.0.0.1:"), "binds to this machine only by default")

        let search = try Self.get(base, ["/api/search?q=" + "海峰".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!])
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(search[0].1.utf8)) as? [[String: Any]])
        let village = try #require(hits.first { $0["name"] as? String == "海峰村" })
        let id = try #require(village["id"] as? Int)
        let typo = try Self.get(base, ["/api/search?q=" + "海锋村".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!])
        #expect(typo[0].1.contains("海峰村") && typo[0].1.contains("\"how\":\"close\""), "a typo gets the closest name")

        let answers = try Self.get(base, ["/api/entity/\(id)", "/api/neighbourhood/\(id)?depth=2", "/api/neighbourhood/\(id)?relations=leads&types=Person",
                                          "/api/document/a.txt", "/api/query?q=" + "MATCH (p:Person)-[r:leads]->(v) RETURN p, r, v".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!,
                                          "/api/query?q=" + "MATCH (p:Person RETURN p".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!,
                                          "/", "/assets/app.js", "/assets/vis-network.min.js", "/assets/../Package.swift", "/api/entity/999999"])
        #expect(answers.map(\.0) == [200, 200, 200, 200, 200, 400, 200, 200, 200, 404, 404], "\(answers.map(\.0))")
        let entity = try #require(try JSONSerialization.jsonObject(with: Data(answers[0].1.utf8)) as? [String: Any])
        #expect((entity["path"] as? [String])?.last == "海峰村")
        let facts = try #require(entity["facts"] as? [[String: Any]])
        let leads = facts.filter { $0["predicate"] as? String == "leads" }
        #expect(leads.count == 2)
        let source = try #require((leads.first?["sources"] as? [[String: Any]])?.first)
        #expect(source["evidence"] is String && source["doc_id"] is Int && source["start"] is Int && source["published"] as? String == "2019-03-02")

        let graph = try #require(try JSONSerialization.jsonObject(with: Data(answers[1].1.utf8)) as? [String: Any])
        #expect(((graph["nodes"] as? [[String: Any]])?.count ?? 0) >= 4)
        let filtered = try #require(try JSONSerialization.jsonObject(with: Data(answers[2].1.utf8)) as? [String: Any])
        #expect((filtered["edges"] as? [[String: Any]])?.allSatisfy { $0["relation"] as? String == "leads" } == true)
        #expect((filtered["nodes"] as? [[String: Any]])?.allSatisfy { $0["type"] as? String == "Person" || $0["centre"] as? Bool == true } == true)
        let edgeID = try #require((filtered["edges"] as? [[String: Any]])?.first?["id"] as? Int)
        let fact = try Self.get(base, ["/api/fact/\(edgeID)"])
        #expect(fact[0].0 == 200 && fact[0].1.contains("党总支书记"))

        let document = try #require(try JSONSerialization.jsonObject(with: Data(answers[3].1.utf8)) as? [String: Any])
        let text = try #require(document["text"] as? String)
        let mentions = try #require(document["mentions"] as? [[String: Any]])
        // Offsets are Unicode scalar offsets into the stored text.
        let scalars = Array(text.unicodeScalars)
        for m in mentions {
            let (s, e) = (m["start"] as? Int ?? 0, m["end"] as? Int ?? 0)
            let node = m["node"] as? [String: Any]
            let written = String(String.UnicodeScalarView(scalars[s..<e]))
            #expect(node?["name"] as? String == written || (node?["type"] as? String) != "Person", "\(written)")
        }
        #expect((document["statements"] as? [[String: Any]])?.isEmpty == false)
        #expect(document["published"] as? String == "2019-03-02" && document["outlet"] as? String == "青山日报")

        #expect(answers[4].1.contains("\"columns\":[\"p\",\"r\",\"v\"]"))
        #expect(answers[5].1.contains("syntax error") && answers[5].1.contains("^"), "the caret message: \(answers[5].1)")
        #expect(answers[6].1.contains("/assets/vis-network.min.js") && !answers[6].1.contains("http://") && !answers[6].1.contains("https://"),
                "the page loads nothing from the internet")
        #expect(answers[8].1.contains("@version 9.1.2"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "serving never writes the store")
        _ = dir
    }

    @Test func theCompiledInSiteMatchesItsSourceFiles() throws {
        let script = "import subprocess, sys\nr = subprocess.run([sys.executable, sys.argv[1], '--check'], capture_output=True, text=True)\nprint('status', r.returncode, r.stderr)"
        let r = try Python.run(script, [CLI.packageRoot.appendingPathComponent("scripts/embed_site.py").path])
        #expect(r.hasPrefix("status 0"), "\(r)")
    }

    @Test func aFileThatIsNoStoreIsRefusedAtStart() throws {
        let dir = try CLI.tempDir()
        let empty = dir.appendingPathComponent("empty.db").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let r = try CLI.run(["serve", "--db", empty, "--port", "0"])
        #expect(r.status == 2 && r.stderr.contains("not a Guanxi store"))
    }
}
