import ArgumentParser

@main
struct Guanxi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guanxi",
        abstract: "Turn Chinese local-news articles into a knowledge graph you can query, inspect and draw.",
        subcommands: [Build.self, Query.self, Extract.self, Profile.self, Export.self, Evaluate.self, Stats.self, Retract.self]
    )
}
