// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Guanxi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "guanxi", targets: ["guanxi"]),
        .library(name: "GuanxiText", targets: ["GuanxiText"]),
        .library(name: "GuanxiExtraction", targets: ["GuanxiExtraction"]),
        .library(name: "GuanxiStore", targets: ["GuanxiStore"]),
        .library(name: "GuanxiExport", targets: ["GuanxiExport"]),
        .library(name: "GuanxiImport", targets: ["GuanxiImport"]),
        .library(name: "GuanxiQuery", targets: ["GuanxiQuery"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Reading articles: decoding, repair of scanner damage, segments and sentences.
        .target(name: "GuanxiText", resources: [.copy("Resources/TraditionalToSimplified.txt")]),
        // Rules, lexicons and the gazetteer: entities and relations with provenance.
        .target(
            name: "GuanxiExtraction",
            dependencies: ["GuanxiText"],
            resources: [.copy("Resources/Rules"), .copy("Resources/Gazetteer"), .copy("Resources/Lexicon")],
            // The rules are one shared class read on every position of every sentence;
            // run-time exclusivity checks on its tables cost more than 3 % of extraction.
            // Debug builds (and so the tests) keep the checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // The system SQLite, wrapped in one place.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // libpq, PostgreSQL's client library, for stores on a server.
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // The triple store: one SQLite file by default, or a PostgreSQL database.
        .target(name: "GuanxiStore", dependencies: ["CSQLite", "CPostgres", "GuanxiText", "GuanxiExtraction"]),
        // The system libxml2: its streaming writer (XMLWriter.swift) and reader (XMLReader.swift).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // GraphML through libxml2's streaming writer, N-Quads and JSON lines.
        .target(name: "GuanxiExport", dependencies: ["CLibXML2", "GuanxiStore", "GuanxiExtraction", "GuanxiText"]),
        // Graphs that did not come from articles (GraphML from Guanxi, NetworkX, Gephi,
        // yEd) read into the store through libxml2's streaming reader.
        .target(name: "GuanxiImport", dependencies: ["CLibXML2", "GuanxiStore", "GuanxiText"]),
        // The Cypher-like query language: lexer, parser, binder, plan, SQL, executor, and
        // its runtime (value semantics, and per backend the SQL functions that carry
        // them). It reads the store, never the extractor.
        .target(name: "GuanxiQuery", dependencies: ["GuanxiStore", "GuanxiText", "CSQLite"]),
        // libedit, for line editing and history in the query REPL.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // jemalloc, the executables' allocator on Linux: extraction allocates small arrays
        // and strings for every sentence, and jemalloc serves them faster than the C
        // library's malloc (README, "Speed"). Imported by each executable's main file.
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(["libjemalloc-dev"])]),
        // The openCypher TCK's read-only scenarios, run against the query language.
        .target(name: "GuanxiTCK", dependencies: ["GuanxiQuery", "GuanxiStore", "GuanxiText"]),
        .executableTarget(name: "guanxi-tck", dependencies: ["GuanxiTCK", "GuanxiStore"]),
        // `guanxi serve`: the JSON API and the browser pages over a store (Hummingbird 2).
        .target(
            name: "GuanxiServe",
            dependencies: [
                "GuanxiStore", "GuanxiQuery", "GuanxiExport", "GuanxiExtraction", "GuanxiText",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            // The site's files are compiled in (SiteFiles.swift, by scripts/embed_site.py).
            exclude: ["Site"]
        ),
        // The command-line tool.
        .executableTarget(
            name: "guanxi",
            dependencies: [
                "GuanxiText", "GuanxiExtraction", "GuanxiStore", "GuanxiExport", "GuanxiImport", "GuanxiQuery", "GuanxiServe", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "CJemalloc", condition: .when(platforms: [.linux])),
            ]
        ),
        // Release-build benchmarks (never unit tests).
        .executableTarget(name: "guanxi-bench", dependencies: ["GuanxiText", "GuanxiExtraction", "GuanxiStore", "GuanxiExport", "GuanxiQuery",
                                                              .target(name: "CJemalloc", condition: .when(platforms: [.linux]))]),
        // A seeded fuzzer for the query front end (README in Sources/guanxi-fuzz).
        .executableTarget(name: "guanxi-fuzz", dependencies: ["GuanxiQuery", "GuanxiStore"], exclude: ["README.md"]),
        // What several test targets share: a scratch folder removed when the tests end.
        .target(name: "GuanxiTestSupport", path: "Tests/Support"),
        .testTarget(name: "GuanxiTextTests", dependencies: ["GuanxiText"]),
        .testTarget(name: "GuanxiExtractionTests", dependencies: ["GuanxiTestSupport", "GuanxiExtraction", "GuanxiText"], exclude: ["Fixtures"]),
        .testTarget(name: "GuanxiStoreTests", dependencies: ["GuanxiTestSupport", "GuanxiStore", "GuanxiExtraction", "GuanxiText"]),
        .testTarget(name: "GuanxiExportTests", dependencies: ["GuanxiTestSupport", "GuanxiExport", "GuanxiImport", "GuanxiStore", "GuanxiExtraction", "GuanxiText"]),
        .testTarget(name: "GuanxiQueryTests", dependencies: ["GuanxiTestSupport", "GuanxiQuery", "GuanxiStore", "GuanxiExtraction", "GuanxiText"]),
        .testTarget(name: "GuanxiTCKTests", dependencies: ["GuanxiTCK"]),
        .testTarget(name: "GuanxiCLITests", dependencies: ["GuanxiTestSupport", "guanxi", "GuanxiStore", "GuanxiExport", "GuanxiExtraction", "GuanxiText", "GuanxiQuery", "GuanxiTCK"]),
    ]
)
