// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Guanxi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "guanxi", targets: ["guanxi"]),
        .library(name: "GuanxiText", targets: ["GuanxiText"]),
        .library(name: "GuanxiExtraction", targets: ["GuanxiExtraction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Reading articles: decoding, repair of scanner damage, segments and sentences.
        .target(name: "GuanxiText"),
        // Rules, lexicons and the gazetteer: entities and relations with provenance.
        .target(
            name: "GuanxiExtraction",
            dependencies: ["GuanxiText"],
            resources: [.copy("Resources/Rules"), .copy("Resources/Gazetteer")]
        ),
        // The command-line tool.
        .executableTarget(
            name: "guanxi",
            dependencies: [
                "GuanxiText", "GuanxiExtraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-build benchmarks (never unit tests).
        .executableTarget(name: "guanxi-bench", dependencies: ["GuanxiText", "GuanxiExtraction"]),
        .testTarget(name: "GuanxiTextTests", dependencies: ["GuanxiText"]),
        .testTarget(name: "GuanxiExtractionTests", dependencies: ["GuanxiExtraction", "GuanxiText"]),
        .testTarget(name: "GuanxiCLITests", dependencies: ["guanxi"]),
    ]
)
