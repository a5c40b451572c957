import DigitalPost
import Foundation
import GRDB
import Testing

@testable import Registry

/// The web desks' sessions and sign-in counts kept by the registry (issue 21): made, looked up,
/// noted in use, ended and forgotten through one registry and seen at once through another on
/// the same file; keyed by a SHA-256 of the token, which the file never holds.
@Suite("desk sessions and sign-in attempts")
struct DeskSessionTests {
  static let aarhus = MunicipalityCode(751)!
  static let start = Date(timeIntervalSince1970: 1_795_000_000)
  static let token = String(repeating: "ab", count: 32)

  static func session(_ clerk: String = "mh", at date: Date = start) -> DeskSession {
    DeskSession(clerk: clerk, centre: aarhus, isAdmin: false, language: .en, openedAt: date)
  }

  /// Two registries on one new file: two desks, as two processes would open it.
  static func twoRegistries() throws -> (Registry, Registry, String) {
    let path = try Fixtures.temporaryDirectory().appendingPathComponent("registry.sqlite").path
    return (try Registry(path: path), try Registry(path: path), path)
  }

  @Test("a session made through one registry is found through another; its token is kept only as a SHA-256")
  func sharedAndHashed() throws {
    let (a, b, path) = try Self.twoRegistries()
    try a.openDeskSession(token: Self.token, Self.session(), forgettingSeenBefore: Self.start.addingTimeInterval(-1800))
    let found = try #require(try b.deskSession(token: Self.token))
    #expect(found == Self.session())
    #expect(found.lastSeen == Self.start)
    #expect(try b.deskSession(token: Self.token + "0") == nil)
    #expect(try b.deskSession(token: "") == nil)

    let keys = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT token_hash FROM desk_session")
    }
    #expect(keys == [DeskSession.key(token: Self.token)])
    // The SHA-256 of the token, in hex; the token itself is nowhere in the file.
    #expect(DeskSession.key(token: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let file =
      try Data(contentsOf: URL(fileURLWithPath: path))
      + (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))).orEmpty
    #expect(file.range(of: Data(Self.token.utf8)) == nil)
  }

  @Test("noting a session in use moves its last-seen forward only; the language is kept; ending it ends it everywhere")
  func noteChooseEnd() throws {
    let (a, b, _) = try Self.twoRegistries()
    try a.openDeskSession(token: Self.token, Self.session(), forgettingSeenBefore: Self.start)
    #expect(try b.noteDeskSessionSeen(token: Self.token, at: Self.start.addingTimeInterval(90)))
    #expect(try a.deskSession(token: Self.token)?.lastSeen == Self.start.addingTimeInterval(90))
    // An older note (a desk whose request was slower) does not move it back.
    #expect(try !a.noteDeskSessionSeen(token: Self.token, at: Self.start.addingTimeInterval(30)))
    #expect(try b.deskSession(token: Self.token)?.lastSeen == Self.start.addingTimeInterval(90))
    #expect(try !a.noteDeskSessionSeen(token: "unknown", at: Self.start))

    try b.chooseDeskSessionLanguage(token: Self.token, .da)
    #expect(try a.deskSession(token: Self.token)?.language == .da)

    try b.endDeskSession(token: Self.token)
    #expect(try a.deskSession(token: Self.token) == nil)
    #expect(try !a.noteDeskSessionSeen(token: Self.token, at: Self.start.addingTimeInterval(120)))
  }

  @Test("a note in use does not wait for another writer: the registry busy, it is skipped")
  func noteDoesNotWait() throws {
    let path = try Fixtures.temporaryDirectory().appendingPathComponent("registry.sqlite").path
    let registry = try Registry(path: path, busyTimeout: 5)
    try registry.openDeskSession(token: Self.token, Self.session(), forgettingSeenBefore: Self.start)
    let other = try DatabaseQueue(path: path)
    let began = Date()
    try other.inDatabase { db in
      try db.execute(sql: "BEGIN IMMEDIATE")
      defer { try? db.execute(sql: "ROLLBACK") }
      #expect(try !registry.noteDeskSessionSeen(token: Self.token, at: Self.start.addingTimeInterval(90)))
    }
    #expect(Date().timeIntervalSince(began) < 4)
    #expect(try registry.deskSession(token: Self.token)?.lastSeen == Self.start)
  }

  @Test("a sign-in forgets the sessions idle past the timeout and the one it replaces; counts are of live sessions")
  func expiredForgotten() throws {
    let (a, b, _) = try Self.twoRegistries()
    try a.openDeskSession(token: "old", Self.session("ast"), forgettingSeenBefore: Self.start.addingTimeInterval(-1800))
    try a.openDeskSession(
      token: "replaced", Self.session(at: Self.start.addingTimeInterval(600)),
      forgettingSeenBefore: Self.start.addingTimeInterval(-1200))
    #expect(try b.deskSessionCount(seenSince: Self.start) == 2)
    #expect(try b.deskSessionCount(seenSince: Self.start.addingTimeInterval(1)) == 1)

    // 30 minutes and 1 second after "old" was last seen, "replaced" signs in again.
    let later = Self.start.addingTimeInterval(1801)
    try b.openDeskSession(
      token: "new", Self.session(at: later), replacing: "replaced",
      forgettingSeenBefore: later.addingTimeInterval(-1800))
    #expect(try a.deskSession(token: "old") == nil)
    #expect(try a.deskSession(token: "replaced") == nil)
    #expect(try a.deskSession(token: "new") != nil)
    #expect(try Fixtures.count(a, "desk_session") == 1)

    // And a desk's start forgets them without a sign-in.
    #expect(try a.forgetDeskSessions(seenBefore: later) == 0)
    #expect(try a.forgetDeskSessions(seenBefore: later.addingTimeInterval(1)) == 1)
    #expect(try Fixtures.count(a, "desk_session") == 0)
  }

  @Test("sign-in counts are read and written in one transaction, shared, forgotten when old, and bounded")
  func signInAttempts() throws {
    let (a, b, _) = try Self.twoRegistries()
    func fail(_ registry: Registry, _ keys: [String], at date: Date, capacity: Int = .max) throws {
      try registry.updateSignInAttempts(keys, forgettingBefore: date.addingTimeInterval(-900), capacity: capacity) {
        all in
        for key in keys {
          var record = all[key] ?? SignInAttempt()
          record.failures += 1
          record.lastFailure = date
          all[key] = record
        }
      }
    }
    try fail(a, ["clerk:x", "address:10.0.0.1"], at: Self.start)
    try fail(b, ["clerk:x", "address:10.0.0.2"], at: Self.start.addingTimeInterval(60))
    let seen = try a.signInAttempts()
    #expect(seen["clerk:x"] == SignInAttempt(failures: 2, lastFailure: Self.start.addingTimeInterval(60)))
    #expect(seen["address:10.0.0.1"]?.failures == 1)
    #expect(seen.count == 3)

    // A key the body removes is deleted.
    try b.updateSignInAttempts(["clerk:x"]) { $0["clerk:x"] = nil }
    #expect(try a.signInAttempts()["clerk:x"] == nil)

    // 15 minutes after its last failure a record is forgotten, at the next attempt.
    try fail(a, ["clerk:y"], at: Self.start.addingTimeInterval(900 + 30))
    #expect(try Set(a.signInAttempts().keys) == ["address:10.0.0.2", "clerk:y"])
    #expect(try a.forgetSignInAttempts(before: Self.start.addingTimeInterval(10_000)) == 2)

    // At most `capacity`: the oldest go, down to nine tenths, the newest stay.
    for n in 0..<50 { try fail(b, ["clerk:\(n)"], at: Self.start.addingTimeInterval(1_000 + Double(n)), capacity: 20) }
    let left = try a.signInAttempts()
    #expect(left.count <= 20)
    #expect(left["clerk:49"] != nil && left["clerk:48"] != nil)
    #expect(left["clerk:0"] == nil)
  }

  @Test("every desk on a registry gets the same sign-in form key, made once")
  func signInFormKey() throws {
    let (a, b, _) = try Self.twoRegistries()
    let key = try a.signInFormKey()
    #expect(key.count == 32)
    #expect(try b.signInFormKey() == key)
    #expect(try a.signInFormKey() == key)
  }
}

extension Optional where Wrapped == Data {
  /// The data, or none.
  fileprivate var orEmpty: Data { self ?? Data() }
}
