import PostDesk

@testable import DigitalPost

/// Test shorthand: a CPR number that must parse.
func cpr(_ text: String) -> CPRNumber { try! CPRNumber(parsing: text) }

/// Test shorthand: a `YYYY-MM-DD` date that must exist.
func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

/// Centre of København.
let copenhagen = MunicipalityCode(101)!

/// A Danish address for tests.
let danishAddress = PostalAddress.danish(
  DanishAddress(street: "Rådhuspladsen", building: "1", postcode: "1550", city: "København V"))

/// A citizen record for tests.
func citizen(
  _ number: String, status: CPRStatus = .resident, address: PostalAddress = danishAddress,
  custodyHolders: [String] = []
) -> Citizen {
  Citizen(
    cpr: cpr(number), name: "Test \(number.prefix(6))", address: address, status: status,
    municipality: copenhagen, custodyHolders: custodyHolders.map(cpr))
}

/// The refusals' words at the command line in English: the catalogue's, as `postdesk` prints them.
let english = RefusalWording(MessageCatalogue(.en), for: .commandLine)

/// The words of the `DomainError` `body` throws, or nil when it throws none.
func domainMessage(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch let error as DomainError {
    return english.words(error)
  } catch {
    return "not a DomainError: \(error)"
  }
}

/// The identity check's answer with its refusal in English, for tables that give the words.
enum Verdict: Hashable {
  case accepted(IdentityBasis)
  case notAccepted(reason: String)
}

/// `IdentityRules.verify` on `date`, its refusal in the command line's English.
func verdict(_ documents: [PresentedDocument], on date: CivilDate) -> Verdict {
  switch IdentityRules.verify(documents, on: date) {
  case .success(let basis): .accepted(basis)
  case .failure(let refusal): .notAccepted(reason: english.reason(refusal))
  }
}
