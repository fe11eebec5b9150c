import ArgumentParser
import GuanxiStore

/// `--db`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file.", valueName: "path"))
    var db: String = "guanxi.db"

    /// The store for a command that writes (`create`: make it when absent) or, with
    /// `readOnly`, for one that only reads and so never changes the file.
    func open(create: Bool, readOnly: Bool = false) throws -> GraphStore {
        do {
            return try GraphStore.open(path: db, create: create && !readOnly, readOnly: readOnly)
        } catch let error as StoreError {
            Terminal.err(error.description)
            throw ExitCode(2)
        }
    }
}
