// guanxi-bench: release-build measurements, never unit tests.
//
//   swift run -c release guanxi-bench extract DIR    extraction throughput over every .txt below DIR
//   swift run -c release guanxi-bench load           cold load of rules and gazetteer
//   swift run -c release guanxi-bench build DIR DB   guanxi build's write path on one thread, extraction and store timed apart
//   swift run -c release guanxi-bench query DB RUNS NAME=QUERY…   median in-process time of each query
#if canImport(CJemalloc)
// Links jemalloc, as the `guanxi` executable does: the benchmarks measure what users run.
import CJemalloc
#endif
import Foundation
import GuanxiExtraction
import GuanxiQuery
import GuanxiStore
import GuanxiText

/// Peak resident memory of this process in MiB (Linux `VmHWM`).
func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    let kb = Double(line.split(separator: " ").compactMap { Double($0) }.first ?? 0)
    return kb / 1024
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func files(under dir: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: dir) else { return [] }
    var out: [String] = []
    while let path = walker.nextObject() as? String {
        if path.hasSuffix(".txt") { out.append(dir + "/" + path) }
    }
    return out.sorted()
}

let args = CommandLine.arguments.dropFirst()
switch args.first {
case "load":
    let t0 = now()
    let rules = try RuleSet.bundled()
    let t1 = now()
    // Built from its TSV files, then read back from the snapshot a first load stores.
    let cacheSetting = ProcessInfo.processInfo.environment["GUANXI_CACHE_DIR"]
    setenv("GUANXI_CACHE_DIR", "off", 1)
    let gazetteer = try Gazetteer.load()
    let t2 = now()
    if let cacheSetting { setenv("GUANXI_CACHE_DIR", cacheSetting, 1) } else { unsetenv("GUANXI_CACHE_DIR") }
    _ = try Gazetteer.load()
    let t3 = now()
    _ = try Gazetteer.load()
    let t4 = now()
    // The first of the two may have had to store the snapshot.
    print(String(format: "rules %.1f ms, gazetteer built %.1f ms (%d units, %d names), read from its snapshot %.1f ms, peak %.0f MiB",
                 (t1 - t0) * 1000, (t2 - t1) * 1000, gazetteer.units.count, gazetteer.names.count, min(t4 - t3, t3 - t2) * 1000,
                 peakMemoryMiB()))
    _ = rules
case "extract":
    guard let dir = args.dropFirst().first else {
        FileHandle.standardError.write(Data("usage: guanxi-bench extract DIR\n".utf8))
        exit(2)
    }
    let extractor = try Extractor.standard()
    let paths = files(under: dir)
    var scalars = 0, entities = 0, relations = 0
    let t0 = now()
    for path in paths {
        let source = try DocumentDecoder.read(path: path)
        scalars += source.scalars.count
        let result = extractor.extract(source)
        entities += result.entities.count
        relations += result.relations.count
    }
    let seconds = now() - t0
    print(String(format: "%d documents, %.2f M characters in %.2f s: %.2f M chars/s, %.0f docs/s; %d entities, %d facts; peak %.0f MiB",
                 paths.count, Double(scalars) / 1e6, seconds, Double(scalars) / seconds / 1e6, Double(paths.count) / seconds,
                 entities, relations, peakMemoryMiB()))
case "build":
    let rest = Array(args.dropFirst())
    guard rest.count == 2 else {
        FileHandle.standardError.write(Data("usage: guanxi-bench build DIR DB\n".utf8))
        exit(2)
    }
    try? FileManager.default.removeItem(atPath: rest[1])
    let extractor = try Extractor.standard()
    let store = try GraphStore.open(path: rest[1])
    let paths = files(under: rest[0])
    // The write path of `guanxi build` on one thread: the same deferred indexes,
    // temporary data in memory and one commit a second, so that the store's share
    // can be measured (and profiled) apart from extraction.
    try store.beginBuild()
    var extractSeconds = 0.0, storeSeconds = 0.0, facts = 0, entities = 0, rows = 0
    for (i, path) in paths.enumerated() {
        let t0 = now()
        let source = try DocumentDecoder.read(path: path)
        let hash = ContentHash.of(source.scalars)
        let text = String(scalars: source.scalars)
        let extraction = extractor.extract(source)
        let t1 = now()
        try store.beginBatch()
        let counts = try store.ingest(extraction, contentHash: hash, text: text, gazetteer: extractor.gazetteer)
        try store.commitBatch(after: GraphStore.buildCommitInterval)
        storeSeconds += now() - t1
        extractSeconds += t1 - t0
        facts += counts.facts
        entities += counts.entities
        rows += extraction.entities.reduce(0) { $0 + $1.mentions.count } + counts.facts
        if (i + 1) % 5000 == 0 {
            print(String(format: "  %d documents, peak %.0f MiB", i + 1, peakMemoryMiB()))
        }
    }
    let t2 = now()
    try store.endBuild()
    storeSeconds += now() - t2
    let total = extractSeconds + storeSeconds
    print(String(format: "%d documents in %.1f s (%.0f docs/s): extract %.1f s, store %.1f s (of which indexes and statistics at the end %.1f s); %d facts, %d entities, %d rows (%.0f rows/s stored); peak %.0f MiB",
                 paths.count, total, Double(paths.count) / total, extractSeconds, storeSeconds, now() - t2, facts,
                 entities, rows, Double(rows) / storeSeconds, peakMemoryMiB()))
case "query":
    // guanxi-bench query DB RUNS NAME=FILE_OR_QUERY…: median in-process time of each query, as JSON lines.
    let rest = Array(args.dropFirst())
    guard rest.count >= 3, let runs = Int(rest[1]) else {
        FileHandle.standardError.write(Data("usage: guanxi-bench query DB RUNS NAME=QUERY…\n".utf8))
        exit(2)
    }
    let engine = try QueryEngine(store: try GraphStore.open(path: rest[0], create: false))
    engine.limits.maxRows = 10_000_000
    for spec in rest.dropFirst(2) {
        guard let eq = spec.firstIndex(of: "=") else { continue }
        let name = String(spec[..<eq])
        var text = String(spec[spec.index(after: eq)...])
        var params: [String: ParameterValue] = [:]
        if text.hasSuffix(".cypher"), let file = try? String(contentsOfFile: text, encoding: .utf8) {
            text = file
            for line in file.split(separator: "\n") where line.hasPrefix("// param:") {
                let body = line.dropFirst(9).trimmingCharacters(in: .whitespaces)
                if let e = body.firstIndex(of: "=") {
                    params[String(body[..<e])] = .string(String(body[body.index(after: e)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                }
            }
        }
        var times: [Double] = []
        var rowsCount = 0
        for _ in 0..<runs {
            let t0 = now()
            do {
                rowsCount = try engine.run(text, parameters: params).rows.count
            } catch {
                FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
                exit(1)
            }
            times.append((now() - t0) * 1000)
        }
        times.sort()
        print("{\"name\":\"\(name)\",\"median_ms\":\(String(format: "%.2f", times[times.count / 2])),\"rows\":\(rowsCount),"
              + "\"times\":[\(times.map { String(format: "%.2f", $0) }.joined(separator: ","))]}")
    }
default:
    FileHandle.standardError.write(Data("usage: guanxi-bench load | extract DIR | build DIR DB | query DB RUNS NAME=QUERY…\n".utf8))
    exit(2)
}
