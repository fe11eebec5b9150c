import Foundation

/// Ctrl-C during a long write: the first press asks the work to stop after the
/// document in hand (so the store keeps whole documents and the run can say what it
/// stored); a second press ends the process at once.
enum Interruption {
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    /// True once Ctrl-C (SIGINT) or SIGTERM has been received.
    static var isRequested: Bool { requested != 0 }

    /// Installs the handler for SIGINT and SIGTERM.
    static func install() {
        let handler: @convention(c) (Int32) -> Void = { _ in
            if Interruption.requested != 0 { _exit(130) }
            Interruption.requested = 1
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent may have started us with these signals blocked (test runners do).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
