import ArgumentParser

@main
struct Guanxi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guanxi",
        abstract: "Turn Chinese local-news articles into a knowledge graph you can query, inspect and draw.",
        subcommands: [Extract.self, Evaluate.self]
    )
}
