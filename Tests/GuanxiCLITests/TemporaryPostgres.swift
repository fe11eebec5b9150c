import Foundation
import GuanxiStore

/// A PostgreSQL server of the tests' own, from the Debian package: `initdb` in a
/// temporary directory, `pg_ctl` on a free port of 127.0.0.1, stopped when the tests
/// end. PostgreSQL refuses to run as root, so under root it runs as the package's
/// `postgres` user. Each test asks for a database of its own.
final class TemporaryPostgres: @unchecked Sendable {
    /// The tests' server, started on first use; nil when PostgreSQL is not installed
    /// or would not start (`skipReason` says why).
    static let shared: TemporaryPostgres? = {
        do {
            let server = try TemporaryPostgres()
            atexit { TemporaryPostgres.shared?.stop() }
            return server
        } catch {
            failure = "\(error)"
            return nil
        }
    }()
    nonisolated(unsafe) private static var failure = ""

    /// Why PostgreSQL tests are skipped, for their message.
    static var skipReason: String {
        _ = shared
        return "PostgreSQL tests skipped: \(failure) (apt-get install postgresql to run them)"
    }

    let directory: URL
    let port: Int
    let binaries: URL
    private let lock = NSLock()
    private var stopped = false

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }).first(where: {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
        }) else { throw Failure(description: "no /usr/lib/postgresql/*/bin/initdb") }
        binaries = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("guanxi-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: directory.path)
        }
        port = try Self.freePort()
        let data = directory.appendingPathComponent("data").path
        try run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])
        try run("pg_ctl", ["-D", data, "-l", directory.appendingPathComponent("log").path, "-w", "-t", "60", "-o",
                           "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60", "start"])
    }

    /// The URL of a new, empty database on the server.
    func newDatabase() throws -> String {
        let name = "gx_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try Database(postgresURL: url("postgres"))
        try admin.execute("CREATE DATABASE \(name)")
        return url(String(name))
    }

    func url(_ database: String) -> String { "postgresql://postgres@127.0.0.1:\(port)/\(database)" }

    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? run("pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs one of the server's programs, as `postgres` when this process is root.
    /// Spawned directly rather than through Foundation's `Process`, whose way of noticing
    /// that a child ended fails when the child leaves a daemon behind (`pg_ctl start`):
    /// the child gets no descriptor of this process but its output file.
    func run(_ program: String, _ arguments: [String]) throws {
        let path = binaries.appendingPathComponent(program).path
        let argv = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] + arguments : [path] + arguments
        let log = directory.appendingPathComponent("\(program).out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let serverLog = (try? String(contentsOf: directory.appendingPathComponent("log"), encoding: .utf8)) ?? ""
            throw Failure(description: "\(program) failed: \((text + serverLog).suffix(400))")
        }
    }

    /// A port nobody listens on now: the kernel's pick for a socket bound to port 0.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "cannot bind a port") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "cannot read the port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
