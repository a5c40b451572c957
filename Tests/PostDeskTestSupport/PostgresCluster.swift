import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A throwaway PostgreSQL cluster for the tests: Debian's `postgresql` (`make test-deps`
/// installs it), made with `initdb` in a fresh folder under /tmp and started with `pg_ctl`,
/// listening on a Unix socket in that folder only (no TCP port another test could meet).
///
/// One cluster serves a test process, started on first use; each test takes a database of its
/// own (`withDatabase`). The cluster is stopped (`pg_ctl stop -m immediate`) and its folder
/// removed when the process exits, and by a watchdog process when the test process dies
/// without exiting (a crash, `kill -9`). As root, initdb and the server run as `postgres`,
/// which PostgreSQL requires.
public final class PostgresCluster: Sendable {
  /// The folder of the cluster: its socket, and its data in `data`.
  public let folder: String
  /// The folder holding the server's Unix socket (the `host` of a libpq URL).
  public var socketDirectory: String { folder }
  /// The superuser every test connects as (`initdb -U postgres`, trusted on the socket).
  public let user = "postgres"
  private let binaries: String
  private let asPostgres: Bool

  /// The process's cluster, started on first use; a failure to start is thrown to every test.
  public static func shared() throws -> PostgresCluster { try started.get() }

  private static let started: Result<PostgresCluster, ClusterFailure> = {
    do { return .success(try PostgresCluster()) } catch let failure as ClusterFailure { return .failure(failure) } catch
    {
      return .failure(ClusterFailure("the test cluster did not start: \(error)"))
    }
  }()

  /// A URL of database `name` on the cluster, as `--db` takes it.
  public func url(database name: String) -> String {
    "postgresql://\(user)@/\(name)?host=\(socketDirectory)"
  }

  /// Runs `body` with the URL of a new, empty database of its own, dropped (its sessions
  /// ended) when `body` returns or throws.
  public func withDatabase<T>(_ body: (String) throws -> T) throws -> T {
    let name = try createDatabase()
    defer { dropDatabase(name) }
    return try body(url(database: name))
  }

  /// `withDatabase` for an async test.
  public func withDatabaseAsync<T>(_ body: (String) async throws -> T) async throws -> T {
    let name = try createDatabase()
    defer { dropDatabase(name) }
    return try await body(url(database: name))
  }

  /// Runs `sql` on database `name` with `psql` (as the superuser) and returns its output,
  /// unaligned and without headers: for a test's look behind the store.
  @discardableResult
  public func psql(_ sql: String, database name: String = "postgres") throws -> String {
    let result = try Self.run(
      "\(binaries)/psql",
      ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder, "-U", user, "-d", name, "-c", sql])
    guard result.status == 0 else { throw ClusterFailure("psql \(sql): \(result.output)") }
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private func createDatabase() throws -> String {
    let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    try psql("CREATE DATABASE \(name)")
    return name
  }

  private func dropDatabase(_ name: String) {
    _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
  }

  private init() throws {
    guard let binaries = Self.binaryFolder() else {
      throw ClusterFailure(
        "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb); run 'make test-deps'")
    }
    self.binaries = binaries
    asPostgres = getuid() == 0
    // Short: the socket's path (folder + /.s.PGSQL.5432) must fit in 107 bytes.
    var template = Array("/tmp/pgt-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw ClusterFailure("cannot make a folder under /tmp") }
    folder = String(cString: made)
    Self.folderToRemove = folder
    if asPostgres {
      let chown = try Self.run("/bin/chown", ["postgres:postgres", folder])
      guard chown.status == 0 else { throw ClusterFailure("chown postgres \(folder): \(chown.output)") }
    }
    let data = "\(folder)/data"
    let initdb = try runServerTool(
      "initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
    guard initdb.status == 0 else { throw ClusterFailure("initdb: \(initdb.output)") }
    let settings = """

      listen_addresses = ''
      unix_socket_directories = '\(folder)'
      fsync = off
      synchronous_commit = off
      full_page_writes = off
      max_connections = 200
      """
    let configuration = FileHandle(forWritingAtPath: "\(data)/postgresql.conf")
    configuration?.seekToEndOfFile()
    configuration?.write(Data(settings.utf8))
    try configuration?.close()
    Self.stopCommand = asPostgres ? ["/sbin/runuser", "-u", "postgres", "--"] : []
    Self.stopCommand += ["\(binaries)/pg_ctl", "stop", "-D", data, "-m", "immediate"]
    startWatchdog()
    atexit { PostgresCluster.stopAndRemove() }
    let start = try runServerTool("pg_ctl", ["start", "-w", "-D", data, "-l", "\(folder)/log"])
    guard start.status == 0 else {
      let log = (try? String(contentsOfFile: "\(folder)/log", encoding: .utf8)) ?? ""
      throw ClusterFailure("pg_ctl start: \(start.output)\n\(log)")
    }
  }

  /// Stops the cluster when this process has gone, however it went: a shell in a session of
  /// its own polls the process and then stops the server and removes the folder.
  private func startWatchdog() {
    let stop = Self.stopCommand.map { "'\($0)'" }.joined(separator: " ")
    let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf '\(folder)'"
    _ = try? Self.spawn("/usr/bin/setsid", ["/bin/sh", "-c", script])
  }

  private nonisolated(unsafe) static var stopCommand: [String] = []
  private nonisolated(unsafe) static var folderToRemove: String?

  private static func stopAndRemove() {
    if !stopCommand.isEmpty { _ = try? run(stopCommand[0], Array(stopCommand.dropFirst())) }
    if let folder = folderToRemove { try? FileManager.default.removeItem(atPath: folder) }
  }

  private func runServerTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    if asPostgres { return try Self.run("/sbin/runuser", ["-u", "postgres", "--", "\(binaries)/\(tool)"] + arguments) }
    return try Self.run("\(binaries)/\(tool)", arguments)
  }

  /// The newest `/usr/lib/postgresql/VERSION/bin` with an `initdb`.
  private static func binaryFolder() -> String? {
    let root = "/usr/lib/postgresql"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return versions.compactMap { Int($0) }.sorted().reversed().map { "\(root)/\($0)/bin" }
      .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
  }

  /// Runs `executable` to its end: its status and its output (standard output and error).
  ///
  /// posix_spawn and waitpid rather than Foundation's Process, whose `waitUntilExit` was seen
  /// to miss the end of `runuser … pg_ctl start` (the child left a zombie, the test hung).
  private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    // Close-on-exec: the server pg_ctl leaves running must not hold the pipe open (its end
    // would never come), nor may another test's child.
    var pipe: [Int32] = [0, 0]
    guard pipe.withUnsafeMutableBufferPointer({ Glibc.pipe($0.baseAddress!) }) == 0 else {
      throw ClusterFailure("pipe: errno \(errno)")
    }
    for end in pipe { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    let pid = try spawn(executable, arguments, output: pipe[1])
    close(pipe[1])
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(pipe[0], &buffer, buffer.count)
      if count > 0 {
        output.append(contentsOf: buffer[0..<count])
      } else if count == 0 || errno != EINTR {
        break
      }
    }
    close(pipe[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED/WEXITSTATUS by hand: Glibc's macros are not imported.
    let exited = status & 0x7F == 0
    return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), String(decoding: output, as: UTF8.self))
  }

  /// Starts `executable` with /dev/null as its input, `output` (or /dev/null) as its standard
  /// output and error, and /tmp as its working folder (readable by `postgres`).
  @discardableResult
  private static func spawn(_ executable: String, _ arguments: [String], output: Int32? = nil) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if let output {
      posix_spawn_file_actions_adddup2(&actions, output, 1)
      posix_spawn_file_actions_adddup2(&actions, output, 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    // env -C: posix_spawn's chdir action is not in Swift's Glibc.
    let argv = (["/usr/bin/env", "-C", "/tmp", executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
    guard result == 0 else { throw ClusterFailure("cannot start \(executable): \(String(cString: strerror(result)))") }
    return pid
  }
}

/// The throwaway cluster could not be made, started or asked.
public struct ClusterFailure: Error, Sendable, CustomStringConvertible {
  /// What failed, with the tool's output.
  public var description: String

  init(_ description: String) { self.description = description }
}
