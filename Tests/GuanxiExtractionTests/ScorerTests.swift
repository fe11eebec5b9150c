import Foundation
import Testing
import GuanxiTestSupport
@testable import GuanxiExtraction
import GuanxiText

@Suite("Scorer")
struct ScorerTests {
    @Test func normalisationMatchesScorePy() {
        #expect(Scorer.norm("“红色根脉”强基工程") == "红色根脉强基工程")
        #expect(Scorer.norm("豪达（浙江）") == "豪达(浙江)")
        #expect(Scorer.docKey("/a/b/000_x.txt") == "000_x")
    }

    /// `guanxi evaluate` and `../shared/eval/score.py` agree on the seeds' output.
    @Test func agreesWithScorePyOnTheSeeds() throws {
        guard let shared = Fixture.shared else {
            print("skipped: ../shared is absent (a user's clone); CI runs this check")
            return
        }
        let lines = try Fixture.seedLines(shared)
        let output = Scratch.path("score", ".jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
        let ours = Scorer.format(try Scorer(goldDirectory: shared + "/gold").score(systemJSONLines: lines.joined(separator: "\n")))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", shared + "/eval/score.py", shared + "/gold", output]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let theirs = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(ours == theirs)
    }

    /// The quality bar on the seeds: entity F1 ≥ 0.85 (Person ≥ 0.90), relation F1 ≥ 0.70.
    @Test func qualityOnTheSeeds() throws {
        guard let shared = Fixture.shared else {
            print("skipped: ../shared is absent (a user's clone); CI runs this check")
            return
        }
        let lines = try Fixture.seedLines(shared)
        let report = try Scorer(goldDirectory: shared + "/gold").score(systemJSONLines: lines.joined(separator: "\n"))
        #expect(Scorer.Report.total(report.entities).prf.f >= 0.85)
        #expect((report.entities["Person"]?.prf.f ?? 0) >= 0.90)
        #expect(Scorer.Report.total(report.relations).prf.f >= 0.70)
        for (predicate, tally) in report.relations {
            #expect(tally.prf.f >= 0.5, "\(predicate) F1 \(tally.prf.f)")
        }
    }
}
