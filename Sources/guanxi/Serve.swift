import ArgumentParser
import Foundation
import GuanxiServe
import GuanxiStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explore the graph in a browser: search, entity pages, neighbourhood graphs, documents with their evidence, a query console.",
        discussion: """
            Read-only, and local unless told otherwise: it binds to 127.0.0.1. Every page and script is served from \
            the installation (no internet). The JSON API under /api/ is documented in the README. Ctrl-C stops it.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The port (0 picks a free one).")
    var port: Int = 8080

    @Option(name: .long, help: "The address to bind: 127.0.0.1 (this machine only), or 0.0.0.0 to let other machines in.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Seconds a console query may run.")
    var queryTimeout: Double = 10

    @Option(name: .long, help: "Rows a console query may return.")
    var queryRows: Int = 2_000

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535, not \(port)") }
    }

    func run() async throws {
        var server = GraphServer(db: store.location, host: host, port: port)
        server.querySeconds = queryTimeout
        server.queryRows = queryRows
        do {
            try await server.run { address in
                Terminal.out("Guanxi serves \(store.shown) at \(address)")
                FileHandle.standardError.write(Data("read-only; Ctrl-C stops it\n".utf8))
            }
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(2)
        }
    }
}
