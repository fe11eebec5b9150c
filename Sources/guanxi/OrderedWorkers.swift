import Foundation

/// Runs `work` for items `0..<count` on `jobs` threads (one job: on the caller's own
/// thread, as it takes each item) and hands the results to one consumer in item order,
/// so that what the consumer makes of them is the same whatever the number of jobs. At
/// most `window` results wait for the consumer: memory stays bounded however many items
/// there are.
final class OrderedWorkers<Output>: @unchecked Sendable {
    private let count: Int
    private let work: (Int) -> Output
    private let window: Int
    private let niceness: Int32
    private let lock = NSCondition()
    private var next = 0
    private var ready: [Int: Output] = [:]
    private var delivered = 0
    private var cancelled = false
    /// One job: everything on the calling thread, nothing in parallel.
    private let inline: Bool

    /// - Parameter niceness: how much lower than the consumer's the workers' scheduling
    ///   priority is (nice steps, added to the process's own), when the consumer has work
    ///   of its own that every item waits for.
    init(count: Int, jobs: Int, niceness: Int32 = 0, work: @escaping (Int) -> Output) {
        self.count = count
        self.work = work
        self.niceness = niceness
        // Wide enough that a long item in one worker does not stall the others while the
        // consumer waits for it: with 8 in hand both cores sat idle a quarter of the
        // 100 MB build (two jobs: 9.1–9.5 s, with 64 7.6–8.3 s; peak memory 124 → 127 MB).
        self.window = max(64, 16 * jobs)
        self.inline = jobs <= 1
        guard !inline else { return }
        for _ in 0..<jobs {
            let thread = Thread { [self] in run() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func run() {
        #if os(Linux)
        if niceness > 0 {
            // On Linux, who = 0 names the calling thread, not the process.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            _ = setpriority(which, 0, min(19, getpriority(which, 0) + niceness))
        }
        #endif
        while true {
            lock.lock()
            while !cancelled && next < count && next >= delivered + window { lock.wait() }
            guard !cancelled, next < count else {
                lock.unlock()
                return
            }
            let index = next
            next += 1
            lock.unlock()
            let output = work(index)
            lock.lock()
            ready[index] = output
            lock.broadcast()
            lock.unlock()
        }
    }

    /// The result for item `index`, waiting for it; items must be taken in order.
    func take(_ index: Int) -> Output {
        if inline { return work(index) }
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let output = ready.removeValue(forKey: index) {
                delivered = index + 1
                lock.broadcast()
                return output
            }
            lock.wait()
        }
    }

    /// Stops the workers after the items in hand.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        lock.unlock()
    }
}
