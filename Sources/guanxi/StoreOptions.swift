import ArgumentParser
import Foundation
import GuanxiStore
import GuanxiQuery

/// `--db`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a file (SQLite), or a PostgreSQL database as postgresql://user@host/dbname. Default: $GUANXI_DB, else guanxi.db.",
        valueName: "path|url"))
    var db: String?

    /// The store the command uses: `--db`, else `GUANXI_DB`, else `guanxi.db`.
    var location: String {
        if let db { return db }
        if let env = ProcessInfo.processInfo.environment["GUANXI_DB"], !env.isEmpty { return env }
        return "guanxi.db"
    }

    /// The store as output and messages name it: a URL's password never shows.
    var shown: String { StoreLocation(location).description }

    /// The store for a command that writes (`create`: make it when absent) or, with
    /// `readOnly`, for one that only reads and so never changes the file.
    func open(create: Bool, readOnly: Bool = false) throws -> GraphStore {
        // A writer keeps the query language's functions in a PostgreSQL store up to date.
        QueryEngine.registerPostgresFunctions()
        do {
            return try GraphStore.open(path: location, create: create && !readOnly, readOnly: readOnly)
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(2)
        }
    }
}
