import ArgumentParser
import GuanxiStore

@main
struct Guanxi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guanxi",
        abstract: "Turn Chinese local-news articles into a knowledge graph you can query, inspect and draw.",
        version: "guanxi \(GuanxiVersion.release) (store schema \(Schema.version))",
        subcommands: [Build.self, Import.self, Query.self, Extract.self, Profile.self, Export.self, Evaluate.self, Stats.self, Retract.self, Serve.self]
    )
}
