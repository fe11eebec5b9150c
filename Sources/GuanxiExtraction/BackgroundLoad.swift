import Foundation

/// A value loaded on another thread while the caller does other work: start-up reads
/// the gazetteer, the lexicon and the rule files side by side.
final class BackgroundLoad<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    /// Starts `load` at once on a global queue.
    init(_ load: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try load() }
            self.done.signal()
        }
    }

    /// Waits for the value; rethrows what the load threw. Call it once.
    func value() throws -> Value {
        done.wait()
        guard let result else { throw BackgroundLoadError() }
        return try result.get()
    }
}

/// The load ended without a result (it cannot, short of a crash).
private struct BackgroundLoadError: Error, CustomStringConvertible {
    var description: String { "a background load ended without a result" }
}
