import DigitalPost
import Foundation
import HummingbirdTesting
import PostDesk
import Registry
import Testing

@testable import PostDeskWeb

/// The sign-in throttle behind a proxy (issue 24, defects 2 and 3): counted per account and per
/// client address, the address read from a trusted proxy's `X-Forwarded-For`, a short key for
/// whatever is typed as an id, a table of bounded size; and an unknown id costs the work of a
/// known one.
@Suite("Sign-in throttle per account and address")
struct SignInThrottleTests {
  static let actor = AuditActor(clerk: "system", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000))

  /// bcrypt's cost in a hash: `$2b$12$…` → 12.
  static func cost(_ hash: String) -> Int? {
    let parts = hash.split(separator: "$")
    return parts.count >= 2 ? Int(parts[1]) : nil
  }

  @Test("the decoy hash an unknown id is checked against costs what an account's hash costs")
  func decoyCost() throws {
    let fixture = try WebDeskFixture()
    try ClerkAccounts.add(
      id: "real", centre: MunicipalityCode(751)!, admin: false, password: WebDeskFixture.password,
      registry: fixture.registry, actor: Self.actor)
    let account = try #require(try fixture.registry.clerkAccount("real"))
    #expect(Self.cost(account.passwordHash) == Int(ClerkAccounts.passwordCost))
    #expect(Self.cost(ClerkAccounts.decoyHash) == Self.cost(account.passwordHash))
    #expect(ClerkAccounts.passwordCost == 12)
  }

  @Test("one clerk's wrong passwords do not lock out the next clerk at the same address")
  func accountsApart() async throws {
    let fixture = try WebDeskFixture { $0.trustedProxies = ["127.0.0.1"] }
    try await fixture.run { client async throws in
      // All clerks behind the proxy, which names no client: one address for all.
      let first = Browser(client)
      for _ in 0..<SignInThrottle.accountFreeFailures {
        #expect(try await first.signIn("mh", password: "wrong").status == .unauthorized)
      }
      #expect(try await first.signIn("mh").status == .tooManyRequests)
      let next = Browser(client)
      #expect(try await next.signIn("ast").status == .seeOther)
    }
  }

  @Test("an address meets its pause after 30 failures; another client behind the proxy does not")
  func perAddress() async throws {
    let fixture = try WebDeskFixture { $0.trustedProxies = ["127.0.0.1"] }
    let limit = SignInThrottle.addressFreeFailures
    #expect(limit == 30)
    // One wrong password on each of many accounts: no account reaches its own limit.
    for n in 0..<limit {
      try ClerkAccounts.add(
        id: "c\(n)", centre: MunicipalityCode(751)!, admin: false, password: WebDeskFixture.password,
        registry: fixture.registry, actor: Self.actor, cost: 4)
    }
    try await fixture.run { client async throws in
      let guesser = Browser(client, forwardedFor: "10.0.0.5")
      for n in 0..<limit {
        #expect(try await guesser.signIn("c\(n)", password: "wrong").status == .unauthorized)
      }
      let page = try await guesser.signIn("mh")
      #expect(page.status == .tooManyRequests)
      #expect(page.text("sign-in-error") == "Too many failed sign-ins; wait 2 seconds and try again.")
      // Writing another address to the left does not help: the proxy's entry is the right-most.
      #expect(
        try await Browser(client, forwardedFor: "10.0.0.6, 10.0.0.5").signIn("mh").status == .tooManyRequests)
      #expect(try await Browser(client, forwardedFor: "10.0.0.6").signIn("mh").status == .seeOther)
    }
  }

  @Test("X-Forwarded-For from a peer that is not a trusted proxy is not believed")
  func untrustedHeader() async throws {
    let fixture = try WebDeskFixture()
    for n in 0..<SignInThrottle.addressFreeFailures {
      try ClerkAccounts.add(
        id: "c\(n)", centre: MunicipalityCode(751)!, admin: false, password: WebDeskFixture.password,
        registry: fixture.registry, actor: Self.actor, cost: 4)
    }
    try await fixture.run { client async throws in
      for n in 0..<SignInThrottle.addressFreeFailures {
        let guesser = Browser(client, forwardedFor: "10.0.\(n).1")
        #expect(try await guesser.signIn("c\(n)", password: "wrong").status == .unauthorized)
      }
      #expect(try await Browser(client, forwardedFor: "10.9.9.9").signIn("mh").status == .tooManyRequests)
    }
  }

  @Test("900 attempts with 60 KB ids from 300 addresses keep short keys; the table never passes its capacity")
  func boundedTable() throws {
    let registry = try Registry.inMemory()
    let throttle = SignInThrottle(registry: registry)
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let long = String(repeating: "x", count: 60_000)
    for n in 0..<900 {
      _ = try throttle.attempt(clerk: long + String(n), address: "10.0.\(n % 300 / 256).\(n % 300 % 256)", now: now)
    }
    let kept = try registry.signInAttempts()
    #expect(kept.count == 900 + 300)
    #expect(kept.keys.map(\.utf8.count).max() ?? 0 <= "address:".count + 64)
    #expect(SignInThrottle.key(clerk: long).count == "clerk:".count + 32)

    let smallRegistry = try Registry.inMemory()
    let small = SignInThrottle(registry: smallRegistry, capacity: 100)
    var most = 0
    for n in 0..<1_000 {
      _ = try small.attempt(
        clerk: "id\(n)", address: "10.1.\(n / 256).\(n % 256)", now: now.addingTimeInterval(Double(n)))
      most = max(most, try smallRegistry.signInAttempts().count)
    }
    #expect(most <= 100)
    // The newest records stay: the last id is still counted, and its pause begins on time.
    for _ in 1..<SignInThrottle.accountFreeFailures {
      #expect(try small.attempt(clerk: "id999", address: "10.2.0.1", now: now.addingTimeInterval(1_000)) == nil)
    }
    #expect(try small.attempt(clerk: "id999", address: "10.2.0.2", now: now.addingTimeInterval(1_000)) != nil)
  }

  @Test("a client address is read from the right of X-Forwarded-For, past the trusted proxies")
  func clientAddress() {
    #expect(ClientAddress.normalized(" 10.0.0.1 ") == "10.0.0.1")
    #expect(ClientAddress.normalized("::ffff:10.0.0.1") == "10.0.0.1")
    #expect(ClientAddress.normalized("[2001:DB8::1]") == "2001:db8::1")
    #expect(ClientAddress.normalized("10.0.0.1:8080") == nil)
    #expect(ClientAddress.normalized("unknown") == nil)
    let trusted: Set = ["127.0.0.1", "10.9.0.1"]
    #expect(
      ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, 10.0.0.7"], trusted: trusted) == "10.0.0.7")
    #expect(
      ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4", "10.0.0.7, 10.9.0.1"], trusted: trusted)
        == "10.0.0.7")
    #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: [], trusted: trusted) == "127.0.0.1")
    #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4, junk"], trusted: trusted) == "127.0.0.1")
    #expect(ClientAddress.resolve(peer: "10.0.0.8", forwardedFor: ["1.2.3.4"], trusted: trusted) == "10.0.0.8")
  }
}
