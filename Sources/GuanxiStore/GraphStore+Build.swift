extension GraphStore {
    /// How long a build's batch of whole documents runs before it commits: fewer
    /// commits rewrite fewer index pages (0.25 s: 20.1 s for the 100 MB build with two
    /// jobs; 1 s: 18.2 s).
    public static let buildCommitInterval = 1.0

    /// Readies the store for a build's writes: into a store without documents, the
    /// indexes only readers use wait until `endBuild` (or, should the build be killed,
    /// until the store is next opened for writing); temporary data stays in memory.
    public func beginBuild() throws {
        try deferIndexesForFirstBuild()
        try keepTemporaryDataInMemory(true)
    }

    /// Ends a build: commits its last batch, builds the deferred indexes and refreshes
    /// the planner's statistics.
    public func endBuild() throws {
        try commitBatch()
        try keepTemporaryDataInMemory(false)
        try restoreDeferredIndexes()
        try refreshStatistics()
    }

    /// Ends a build a failed write stopped: the whole documents before it are kept and
    /// the deferred indexes built, each step tried whatever became of the one before.
    public func abandonBuild() {
        try? commitBatch()
        try? keepTemporaryDataInMemory(false)
        try? restoreDeferredIndexes()
    }
}
