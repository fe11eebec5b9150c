import CSQLite
import Foundation

/// The deadline a progress handler checks, boxed for the C callback.
final class Deadline {
    let time: Double
    var expired = false
    init(_ time: Double) { self.time = time }
}

extension Database {
    /// Runs `body`, interrupting any statement that runs past `seconds`. On PostgreSQL
    /// the body runs in a transaction of its own with the server's `statement_timeout`,
    /// read-only when `readOnly` says so (the server then refuses any write), with the
    /// server's planner `settings` (name, value) for that transaction only.
    /// - Returns: the body's result and whether the deadline interrupted it.
    /// The corresponding C function is `sqlite3_progress_handler`.
    public func withTimeLimit<T>(_ seconds: Double, readOnly: Bool = false, settings: [(String, String)] = [], _ body: () throws -> T) throws -> (T?, Bool) {
        if let postgres { return try postgres.withTimeLimit(seconds, readOnly: readOnly, settings: settings, body) }
        let deadline = Deadline(Date().timeIntervalSince1970 + seconds)
        let box = Unmanaged.passRetained(deadline)
        defer {
            sqlite3_progress_handler(handle, 0, nil, nil)
            box.release()
        }
        sqlite3_progress_handler(handle, 20_000, { context in
            guard let context else { return 0 }
            let d = Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue()
            if Date().timeIntervalSince1970 > d.time {
                d.expired = true
                return 1
            }
            return 0
        }, box.toOpaque())
        do {
            return (try body(), false)
        } catch {
            if deadline.expired { return (nil, true) }
            throw error
        }
    }
}
