import ArgumentParser
import GuanxiStore

/// `--db`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file.", valueName: "path"))
    var db: String = "guanxi.db"

    func open(create: Bool) throws -> GraphStore {
        do {
            return try GraphStore.open(path: db, create: create)
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(2)
        }
    }
}
