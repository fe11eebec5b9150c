import ArgumentParser
import GuanxiStore
#if canImport(CJemalloc)
// Links jemalloc, which then serves every allocation of the process (Package.swift).
import CJemalloc
#endif

@main
struct Guanxi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guanxi",
        abstract: "Turn Chinese local-news articles into a knowledge graph you can query, inspect and draw.",
        version: "guanxi \(GuanxiVersion.release) (store schema \(Schema.version))",
        subcommands: [Build.self, Import.self, Query.self, Extract.self, Profile.self, Export.self, Evaluate.self, Stats.self, Retract.self, Serve.self]
    )
}
