import DigitalPost
import Foundation
import GRDB

extension DatabaseMigrator {
  /// The web desk's sessions (issue 21): in the registry, so that a clerk signed in on one desk
  /// goes on on any other desk on it, and a sign-out on one ends the session on all.
  ///
  /// A table of its own outside the audited state, and not audited: a session is the desk's
  /// bookkeeping of who is at the keyboard, not a fact of the register, and each sign-in is
  /// already logged by the desk (as before, when sessions lived in its memory). Keyed by a
  /// SHA-256 of the token, never the token; no CPR number.
  mutating func registerDeskSessionMigrations() {
    registerMigration("desk-sessions-v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE desk_session (
            token_hash TEXT PRIMARY KEY,   -- hex SHA-256 of the cookie's token
            clerk      TEXT NOT NULL,
            centre     INTEGER NOT NULL,   -- the municipality code of the clerk's centre
            is_admin   INTEGER NOT NULL,   -- 0 | 1
            language   TEXT,               -- da | en; NULL until the clerk chooses
            opened_at  REAL NOT NULL,      -- seconds since 1970
            last_seen  REAL NOT NULL       -- seconds since 1970, noted at most once a minute
          ) WITHOUT ROWID;
          CREATE INDEX desk_session_last_seen ON desk_session (last_seen);
          """)
    }
  }
}

extension Registry {
  /// The one statement of the session look-up every request makes.
  static let deskSessionLookup =
    "SELECT clerk, centre, is_admin, language, opened_at, last_seen FROM desk_session WHERE token_hash = ?"

  /// Keeps `session` under `token`'s key, ending the session of `replacing` (the one the
  /// browser had, when a signed-in clerk signs in again) and forgetting every session not seen
  /// since `idleBefore` (they can no longer be used), in one transaction.
  ///
  /// Expired sessions go here, at a sign-in, where the desk writes anyway: with an index on
  /// `last_seen` it costs a look at the oldest, however many sessions there are.
  public func openDeskSession(
    token: String, _ session: DeskSession, replacing: String? = nil, forgettingSeenBefore idleBefore: Date
  ) throws {
    try store.write { connection in
      try connection.execute(
        "DELETE FROM desk_session WHERE last_seen < ?", [idleBefore.timeIntervalSince1970])
      if let replacing {
        try connection.execute("DELETE FROM desk_session WHERE token_hash = ?", [DeskSession.key(token: replacing)])
      }
      try connection.execute(
        """
        INSERT INTO desk_session (token_hash, clerk, centre, is_admin, language, opened_at, last_seen)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        [
          DeskSession.key(token: token), session.clerk, session.centre.value, session.isAdmin,
          session.language?.rawValue, session.openedAt.timeIntervalSince1970, session.lastSeen.timeIntervalSince1970,
        ])
    }
  }

  /// The session kept under `token`'s key, live or not (the desk judges its idle time), nil
  /// when there is none: ended, forgotten, or never made.
  ///
  /// The desk asks on every request: one cached statement, no transaction, no write.
  public func deskSession(token: String) throws -> DeskSession? {
    let row = try store.readStatement { try $0.fetchOne(Self.deskSessionLookup, [DeskSession.key(token: token)]) }
    guard let row, let centre = MunicipalityCode(row[1] as Int) else { return nil }
    let language: String? = row[3]
    var session = DeskSession(
      clerk: row[0], centre: centre, isAdmin: row[2], language: language.flatMap(Language.init(rawValue:)),
      openedAt: Date(timeIntervalSince1970: row[4]))
    session.lastSeen = Date(timeIntervalSince1970: row[5])
    return session
  }

  /// Notes session `token` in use at `now`, if it still exists; without waiting for another
  /// writer: a desk that finds the registry busy notes it at a later request (the session's
  /// idle time is counted from the last note). Returns whether it was noted.
  @discardableResult
  public func noteDeskSessionSeen(token: String, at now: Date) throws -> Bool {
    do {
      return try store.write(waiting: false) { connection in
        try connection.execute(
          "UPDATE desk_session SET last_seen = ? WHERE token_hash = ? AND last_seen < ?",
          [now.timeIntervalSince1970, DeskSession.key(token: token), now.timeIntervalSince1970]) > 0
      }
    } catch is RegistryBusy {
      return false
    }
  }

  /// Keeps `language` as session `token`'s choice.
  public func chooseDeskSessionLanguage(token: String, _ language: Language) throws {
    try store.write { connection -> Void in
      try connection.execute(
        "UPDATE desk_session SET language = ? WHERE token_hash = ?", [language.rawValue, DeskSession.key(token: token)])
    }
  }

  /// Ends session `token` on every desk: the next request that brings it is not signed in.
  public func endDeskSession(token: String) throws {
    try store.write { connection -> Void in
      try connection.execute("DELETE FROM desk_session WHERE token_hash = ?", [DeskSession.key(token: token)])
    }
  }

  /// How many sessions were seen since `since` (the desks' metrics: the sessions open).
  public func deskSessionCount(seenSince since: Date) throws -> Int {
    try store.readStatement {
      try $0.fetchValue("SELECT count(*) FROM desk_session WHERE last_seen >= ?", [since.timeIntervalSince1970]) ?? 0
    }
  }

  /// Forgets every session not seen since `limit`; returns how many.
  @discardableResult
  public func forgetDeskSessions(seenBefore limit: Date) throws -> Int {
    try store.write { try $0.execute("DELETE FROM desk_session WHERE last_seen < ?", [limit.timeIntervalSince1970]) }
  }

  /// The key of the desks' sign-in forms (`meta.sign_in_form_key`), made by the first desk that
  /// asks and then the same for every desk on the registry: a form shown by one desk is
  /// accepted by another. It makes no session (a copy of the registry signs nobody in); it
  /// only tells the desks' own forms from forged ones.
  public func signInFormKey() throws -> Data {
    var key = [UInt8](repeating: 0, count: 32)
    var generator = SystemRandomNumberGenerator()
    for i in key.indices { key[i] = generator.next() }
    return try store.write { connection in
      try connection.execute(
        "INSERT INTO meta (key, value) VALUES ('sign_in_form_key', ?) ON CONFLICT (key) DO NOTHING", [Data(key)])
      let kept: Data? = try connection.fetchValue("SELECT value FROM meta WHERE key = 'sign_in_form_key'")
      return kept ?? Data(key)
    }
  }
}
