import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One running Chromium browser process, started with `--remote-debugging-pipe`: it reads
/// DevTools commands from its fd 3 and writes answers to its fd 4. Both are one end of a
/// socket pair (a socket, not a pipe, so that writing to a dead browser fails with EPIPE
/// instead of raising SIGPIPE in the host process). No port is opened. This side of the pair
/// goes to a `DevToolsPipe`, which closes it.
///
/// The browser exits when its end of the pipe reads end-of-file, which the kernel brings about
/// when this process ends, however it ends (even by SIGKILL): no browser outlives PostDesk.
/// It runs in a process group of its own, so that `terminate` takes its helpers too.
final class ChromiumProcess {
  let executable: String
  let pid: pid_t
  /// This side of the socket pair, close-on-exec so that no other child inherits it; the
  /// `DevToolsPipe` made from it closes it.
  let socket: Int32
  private let profile: URL
  private var exited = false

  /// The executable: `CHROMIUM_PATH`, else the first of `installed` (Debian's binary, which
  /// /usr/bin/chromium, a shell script, would exec after sourcing /etc/chromium.d) and the
  /// usual names on `PATH`.
  static func locate(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    installed: [String] = ["/usr/lib/chromium/chromium"]
  ) throws -> String {
    if let path = environment["CHROMIUM_PATH"], !path.isEmpty {
      guard FileManager.default.isExecutableFile(atPath: path) else {
        throw ChromiumError.notInstalled(searched: [path])
      }
      return path
    }
    let names = ["chromium", "chromium-browser", "google-chrome"]
    let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    let candidates = installed + names.flatMap { name in directories.map { "\($0)/\(name)" } }
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
    throw ChromiumError.notInstalled(searched: installed + names)
  }

  /// The flags of a printing browser: headless, nothing that reaches the network on its own,
  /// and `--no-sandbox` only when `sandbox` is false.
  static func arguments(profile: URL, sandbox: Bool = true) -> [String] {
    var flags = [
      "--headless", "--remote-debugging-pipe", "--user-data-dir=\(profile.path)",
      "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
      "--disable-background-networking", "--disable-sync", "--disable-component-update",
      "--disable-default-apps", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
      "--font-render-hinting=none",
      // No network, second line (the first: every request a page makes is failed, see
      // `DevToolsPipe`): no name resolves, and whatever connects (a preconnect the browser
      // makes on its own for a `<link>` it saw) goes to a proxy at a port nothing serves,
      // loopback included.
      "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:1", "--proxy-bypass-list=<-loopback>",
      "--dns-prefetch-disable",
      // No spare renderer kept warm for a next page (the browser's pages are opened at its
      // start), and no omnibox pop-ups: new headless mode loads them as WebUI pages in a
      // renderer of their own (about 64 MB) for a window nobody sees.
      "--disable-features=Translate,MediaRouter,SpareRendererForSitePerProcess,WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    ]
    if !sandbox { flags.append("--no-sandbox") }
    flags.append("about:blank")
    return flags
  }

  /// Who the browser runs as: started by root, it runs as `nobody` (through util-linux's
  /// `setpriv`, which drops the groups and every capability with the user), because Chromium
  /// refuses its sandbox to root and a renderer without one, as root, would own the machine
  /// should a letter exploit it. Nil when not root (the browser is this user), or when there is
  /// no `setpriv` or no `nobody` (then root, with `--no-sandbox`, as before).
  static let unprivileged: (uid: uid_t, gid: gid_t, setpriv: String)? = {
    guard getuid() == 0, let user = getpwnam("nobody") else { return nil }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    return setpriv.map { (user.pointee.pw_uid, user.pointee.pw_gid, $0) }
  }()

  /// Where the browsers' profile folders are made: the temporary folder, or, for a browser
  /// that runs as `nobody`, /tmp: root's temporary folder may be a private one that `nobody`
  /// cannot enter or write to.
  static var profiles: URL {
    unprivileged == nil ? FileManager.default.temporaryDirectory : URL(fileURLWithPath: "/tmp", isDirectory: true)
  }

  /// Whether the browser runs in Chromium's sandbox: as `nobody` (or any user but root) it
  /// does where the kernel allows user namespaces; a browser that cannot start in it (a
  /// container without them) turns this off for the rest of the process, and runs without.
  nonisolated(unsafe) static var sandboxed = getuid() != 0 || unprivileged != nil

  /// Starts the browser on a fresh profile folder of its own.
  init(executable: String) throws {
    self.executable = executable
    Self.removeStaleProfiles()
    profile = Self.profiles.appendingPathComponent(
      "headless-chromium-\(getpid())-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
    var pair: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
      throw ChromiumError.startFailed(executable: executable, reason: String(cString: strerror(errno)))
    }
    // The child's end goes to fds 3 and 4; keep it above them so that dup2 never meets itself
    // (dup2 onto the same number would keep the close-on-exec flag).
    let child = fcntl(pair[1], F_DUPFD_CLOEXEC, 10)
    close(pair[1])
    defer { close(child) }
    socket = pair[0]
    do {
      let flags = Self.arguments(profile: profile, sandbox: Self.sandboxed)
      if let user = Self.unprivileged {
        // Its profile is its own; its HOME too, so that nothing it writes lands in root's. Its
        // TMPDIR is /tmp: the one it inherits may be a private folder it cannot write to, and
        // Chromium keeps its singleton socket there, whose path must stay under 108 bytes.
        chown(profile.path, user.uid, user.gid)
        let drop = ["--reuid=\(user.uid)", "--regid=\(user.gid)", "--clear-groups", "--"]
        pid = try Self.spawn(
          user.setpriv, drop + [executable] + flags, child: child,
          environment: ["HOME=\(profile.path)", "TMPDIR=/tmp"])
      } else {
        pid = try Self.spawn(executable, flags, child: child)
      }
    } catch {
      close(pair[0])
      try? FileManager.default.removeItem(at: profile)
      throw error
    }
  }

  /// Starts `executable` with `arguments`, the socket `child` as fds 3 and 4, and this
  /// process's environment with `environment` (`NAME=value`) in place of the same names.
  private static func spawn(_ executable: String, _ arguments: [String], child: Int32, environment: [String] = [])
    throws -> pid_t
  {
    #if canImport(Glibc)
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #else
      var actions: posix_spawn_file_actions_t?
      var attributes: posix_spawnattr_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, child, 3)
    posix_spawn_file_actions_adddup2(&actions, child, 4)
    // Nothing else of this process: a descriptor without close-on-exec (a listening socket,
    // a client's connection) would otherwise live on in the browser, and a connection the
    // host closes would stay open to its client for as long as the browser runs.
    #if canImport(Glibc)
      Self.closeFrom(5, &actions)
    #endif
    // A process group of its own; default signal handling and an empty mask, whatever the
    // host process set for itself.
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = ([executable] + arguments).map { strdup($0) }
    defer { for pointer in argv { free(pointer) } }
    let replaced = Set(environment.map { $0.prefix { $0 != "=" } })
    var inherited: [String] = []
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if !replaced.contains(text.prefix { $0 != "=" }) { inherited.append(text) }
      entry += 1
    }
    let envp = (inherited + environment).map { strdup($0) }
    defer { for pointer in envp { free(pointer) } }
    var pid: pid_t = 0
    let status = (argv + [nil]).withUnsafeBufferPointer { pointers in
      (envp + [nil]).withUnsafeBufferPointer { variables in
        posix_spawn(&pid, executable, &actions, &attributes, pointers.baseAddress!, variables.baseAddress!)
      }
    }
    guard status == 0 else {
      throw ChromiumError.startFailed(executable: executable, reason: String(cString: strerror(status)))
    }
    return pid
  }

  /// Removes the profile folders of processes that ended without removing them (killed with
  /// SIGKILL, for example): their names carry the pid of their owner.
  static func removeStaleProfiles() {
    let temporary = profiles
    for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] {
      let parts = name.split(separator: "-")
      guard name.hasPrefix("headless-chromium-"), parts.count > 2, let owner = Int32(parts[2]) else { continue }
      if owner != getpid() && kill(owner, 0) != 0 && errno == ESRCH {
        try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
      }
    }
  }

  #if canImport(Glibc)
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare: found by name, so that the child closes every descriptor from
    /// `lowest` up. Without it (an older C library) nothing is added.
    private static func closeFrom(_ lowest: Int32, _ actions: inout posix_spawn_file_actions_t) {
      typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
      guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
      _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, lowest)
    }
  #endif

  /// Ends the browser: once its pipe is closed it quits by itself; whatever is left after
  /// `grace` is killed with its whole process group. Removes the profile folder.
  func terminate(grace: TimeInterval = 2) {
    guard !exited else { return }
    exited = true
    let deadline = Date().addingTimeInterval(grace)
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() >= deadline {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        break
      }
      usleep(10_000)
    }
    // Helpers that outlived the browser (they normally follow it within milliseconds).
    kill(-pid, SIGKILL)
    try? FileManager.default.removeItem(at: profile)
  }

  deinit { terminate(grace: 0) }
}
