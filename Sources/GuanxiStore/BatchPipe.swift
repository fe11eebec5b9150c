import Foundation

/// Hands items from a producing thread to the calling thread in batches, at most
/// `capacity` batches waiting: memory stays flat however much goes through. An import
/// parses on one side and writes the store on the other; an export reads the store on
/// one side and writes the file on the other.
public final class BatchPipe<Item>: @unchecked Sendable {
    private let lock = NSCondition()
    private var batches: [[Item]] = []
    private var pending: [Item] = []
    private var stopped = false
    private var producerDone = false
    private var failure: Error?
    let capacity: Int
    let batchSize: Int

    /// Raised in the producer when the consumer has stopped.
    public struct Stopped: Error {}

    public init(capacity: Int = 8, batchSize: Int = 1_024) {
        self.capacity = capacity
        self.batchSize = batchSize
    }

    /// Producer side: one more item.
    /// - Throws: `Stopped` once the consumer has stopped.
    public func put(_ item: Item) throws {
        pending.append(item)
        if pending.count >= batchSize { try flush() }
    }

    private func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        while batches.count >= capacity && !stopped { lock.wait() }
        if stopped { throw Stopped() }
        if !pending.isEmpty { batches.append(pending) }
        pending = []
        lock.broadcast()
    }

    /// Producer side: everything is put; `then` runs under the pipe's lock before the
    /// consumer can see the end (to hand over a summary, say).
    public func finish(then: () -> Void = {}) throws {
        try flush()
        lock.lock()
        then()
        producerDone = true
        lock.broadcast()
        lock.unlock()
    }

    /// Producer side: producing failed (or the consumer stopped). The items put before
    /// still reach the consumer, then the error.
    public func fail(_ error: Error) {
        lock.lock()
        if !(error is Stopped) { failure = error }
        if !pending.isEmpty && !stopped { batches.append(pending) }
        pending = []
        producerDone = true
        lock.broadcast()
        lock.unlock()
    }

    /// Consumer side: the next batch, nil when the producer is done.
    /// - Throws: what the producer failed with, once the items before it are taken.
    public func take() throws -> [Item]? {
        lock.lock()
        defer { lock.unlock() }
        while batches.isEmpty && !producerDone { lock.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            lock.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer side: stops the producer and waits until it has ended.
    public func stopAndWait() {
        lock.lock()
        stopped = true
        lock.broadcast()
        while !producerDone { lock.wait() }
        lock.unlock()
    }

    /// Runs `produce` on a thread of its own and `consume` on the calling thread for
    /// every item it puts, in order, and returns what `produce` returned (an import's
    /// summary of the file). However `consume` ends (done, or an error), the producer
    /// has stopped when this returns.
    /// - Throws: what either side threw.
    public static func run<Result>(stackSize: Int = 8 << 20, produce: @escaping @Sendable (BatchPipe<Item>) throws -> Result,
                                   consume: (Item) throws -> Void) throws -> Result {
        let pipe = BatchPipe<Item>()
        let outcome = Outcome<Result>()
        let producer = Thread {
            do {
                let result = try produce(pipe)
                // Handed over under the pipe's lock, before the consumer can see the end.
                try pipe.finish { outcome.value = result }
            } catch {
                pipe.fail(error)
            }
        }
        producer.stackSize = stackSize
        producer.start()
        defer { pipe.stopAndWait() }
        while let batch = try pipe.take() {
            for item in batch { try consume(item) }
        }
        // `take` returned nil: the producer finished, so its result is there.
        guard let result = outcome.value else { throw Stopped() }
        return result
    }

    /// What the producer returned, written and read under the pipe's lock.
    private final class Outcome<Value>: @unchecked Sendable {
        var value: Value?
    }
}
