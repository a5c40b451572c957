import Foundation
import Testing

@testable import DigitalPost

// §1: every change records which clerk, at which centre.
@Test("§1 clerk ids", arguments: [("abc", nil), ("", "\"\""), ("a b", "\"a b\"")])
func clerk(id: String, quoted: String?) throws {
  let message = domainMessage { _ = try Clerk(id: id, centre: copenhagen) }
  let expected = quoted.map { "clerk id \($0) is empty or holds whitespace; use the clerk's user name, e.g. abc" }
  #expect(message == expected)
}

@Test("§1 clerk round-trips through JSON and refuses a bad id")
func clerkCoding() throws {
  let clerk = try Clerk(id: "abc", centre: copenhagen)
  #expect(clerk.description == "abc@101")
  let data = try JSONEncoder().encode(clerk)
  #expect(try JSONDecoder().decode(Clerk.self, from: data) == clerk)
  let bad = Data(#"{"id":"","centre":101}"#.utf8)
  #expect(throws: DomainError.invalidClerkID("")) { try JSONDecoder().decode(Clerk.self, from: bad) }
}
