import DigitalPost
import Foundation
import Registry
import Testing

@testable import PostDesk

/// The command line's English, word for word, for the refusals whose words live only in the
/// catalogue (`DeskError`, `NemIDIneligibility`): what `postdesk` prints, the end-to-end tests
/// pinning the ones a command can reach with the sample registry, these the rest.
@Suite("Command-line words")
struct CommandLineWordsTests {
  static let cpr = try! CPRNumber(parsing: "140382-3518")
  static let other = try! CPRNumber(parsing: "020780-2743")
  static let day = CivilDate(iso: "2026-11-22")!

  /// (refusal, its words at the command line in English)
  static let deskRefusals: [(DeskError, String)] = [
    (
      .unknownCitizen(cpr, role: .helper),
      "no helper 140382-XXXX in the registry; check the number, or import a CPR extract with "
        + "'postdesk citizens import FILE.csv'"
    ),
    (
      .unknownCitizen(cpr, role: nil),
      "no citizen 140382-XXXX in the registry; check the number, or import a CPR extract with "
        + "'postdesk citizens import FILE.csv'"
    ),
    (
      .unknownApplication(9),
      "no exemption application 9 in the registry; 'postdesk exemption apply' prints the number of each application "
        + "it records"
    ),
    (
      .notTheCitizensApplication(9, cpr),
      "exemption application 9 is not an application of 140382-XXXX; check the number ('postdesk exemption pending' "
        + "lists each application with its citizen)"
    ),
    (
      .applicationAlreadyDecided(3, granted: true, clerk: "mh", centre: "751", on: day),
      "application 3 was already granted by mh at centre 751 on 2026-11-22; a decision is final — record a new "
        + "application if the citizen applies again"
    ),
    (
      .applicationAlreadyDecided(3, granted: false, clerk: "mh", centre: "751", on: day),
      "application 3 was already refused by mh at centre 751 on 2026-11-22; a decision is final — record a new "
        + "application if the citizen applies again"
    ),
    (
      .applicationWithdrawn(3, clerk: "mh", centre: "101", on: day),
      "application 3 was already withdrawn by the applicant (recorded by mh at centre 101 on 2026-11-22); it is "
        + "closed — record a new application if the citizen applies again"
    ),
    (.notExempt(cpr), "140382-XXXX is not exempt from Digital Post today, so there is nothing to withdraw"),
    (
      .noAccess(owner: cpr, helper: other),
      "020780-XXXX has no access to the Digital Post of 140382-XXXX today; 'postdesk access list 140382-XXXX' "
        + "shows the accesses in force"
    ),
    (
      .unknownCentre(MunicipalityCode(999)!),
      "no Citizen Service Centre for municipality 999 in centres.json; add its letterhead there"
    ),
    (
      .badCentresFile("c.json", key: "x"),
      "c.json: \"x\" is not a three-digit municipality code; key each centre by its code, e.g. \"751\""
    ),
    (
      .centreNotNamed,
      "a blank form needs the centre whose letterhead it carries; name it with --centre CODE (e.g. --centre 751)"
    ),
    (.outputIsFolder("/tmp"), "/tmp is a folder; give the file to write, e.g. /tmp/letter.html"),
    (.outputIsFolder("out/"), "out/ is a folder; give the file to write, e.g. out/letter.html"),
    (
      .cannotGrant(.declarationMissing(cpr)),
      "cannot grant: applicant 140382-XXXX has not signed the declaration on honour; it must be signed before the "
        + "application is recorded; record the refusal with --refuse REASON, or mend the application and apply again"
    ),
    (.cannotWrite("/x", "r"), "cannot write /x: r; choose a folder you can write to"),
    (
      .addressDoesNotFit(cpr, .tooManyLines(8)),
      "the address of 140382-XXXX has 8 lines with the name and the envelope window holds 7; shorten it in the CPR "
        + "extract and write the letter again"
    ),
    (
      .addressDoesNotFit(cpr, .tooWide(line: "Rådhuspladsen 1", millimetres: 91)),
      "the address of 140382-XXXX does not fit the envelope window: the line \"Rådhuspladsen 1\" is 91 mm wide at "
        + "10 pt and the window holds 80 mm; shorten the line in the CPR extract and write the letter again"
    ),
  ]

  @Test("the desk's refusals at the command line", arguments: deskRefusals)
  func deskRefusal(error: DeskError, words: String) {
    #expect(RefusalWording(MessageCatalogue(.en), for: .commandLine).words(error) == words)
  }

  /// What would do, at the end of every identity refusal.
  static let wouldDo =
    "bring one valid photo ID, or two documents without photo of which one shows the CPR number and at least one "
    + "is a health insurance card, a certificate of residential address, or a birth or name certificate"

  /// (answer, its words at the command line in English, as `postdesk nemid check` prints it)
  static let nemIDAnswers: [(NemIDEligibility, String)] = [
    (
      .eligible(codeCardByPost: false),
      "140382-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met"
    ),
    (
      .eligible(codeCardByPost: true),
      "140382-XXXX can obtain NemID/MitID: a CPR number, 15 or older, and the ID requirements met; the ID has no "
        + "photo, so the code card comes by post to the address in the CPR register"
    ),
    (
      .notEligible(.noCPRNumber),
      "140382-XXXX cannot obtain NemID/MitID: no CPR number; only a bank's NemID for online banking is possible; "
        + "this supports exemption criterion 5 (nemid)"
    ),
    (
      .notEligible(.tooYoung(cpr, age: 14, on: day, turns15: CivilDate(iso: "2026-12-22")!)),
      "140382-XXXX cannot obtain NemID/MitID: 140382-XXXX is 14 on 2026-11-22 and turns 15 on 2026-12-22; only a "
        + "bank's NemID for online banking is possible until then; this supports exemption criterion 5 (nemid)"
    ),
    (
      .notEligible(.identity(IdentityRules.Refusal(problems: [.aloneNotEnough(.healthCard)]))),
      "140382-XXXX cannot obtain NemID/MitID: the ID requirements are not met: the health insurance card alone is "
        + "not enough; \(wouldDo); this supports exemption criterion 5 (nemid)"
    ),
    (
      .notEligible(.shortStayWithoutWitness(cpr)),
      "140382-XXXX cannot obtain NemID/MitID: 140382-XXXX has been in Denmark only a short time; bring a witness "
        + "who testifies with a sworn statement; this supports exemption criterion 5 (nemid)"
    ),
    (
      .notEligible(.deceased(cpr, on: day)),
      "140382-XXXX cannot obtain NemID/MitID: 140382-XXXX died on 2026-11-22"
    ),
    (
      .notEligible(.codeCardCannotBePosted(cpr)),
      "140382-XXXX cannot obtain NemID/MitID: the ID has no photo, so the code card would come by post, but no "
        + "address is registered for 140382-XXXX in the CPR register, so it cannot be posted; bring a valid photo "
        + "ID, and the code card is handed over at the counter; this supports exemption criterion 5 (nemid)"
    ),
  ]

  @Test("the NemID/MitID answer at the command line", arguments: nemIDAnswers)
  func nemIDAnswer(eligibility: NemIDEligibility, words: String) {
    let wording = RefusalWording(MessageCatalogue(.en), for: .commandLine)
    #expect(wording.nemID(CheckNemID.Result(eligibility: eligibility), for: Self.cpr) == words)
  }

  /// (problem of a notice to the custody holder 020780-XXXX about the child 140382-XXXX, its words in English and
  /// in Danish)
  static let noticeProblems: [(SendLetterboxNotices.Problem, String, String)] = [
    (
      .noCustodyHolder, "no custody holder recorded for 140382-XXXX",
      "ingen forældremyndighedsindehaver registreret for 140382-XXXX"
    ),
    (
      .holderGone, "custody holder 020780-XXXX is not in the registry or has died",
      "forældremyndighedsindehaver 020780-XXXX findes ikke i registret eller er død"
    ),
    (
      .refused(.addressDoesNotFit(other, .tooManyLines(8))),
      "the address of 020780-XXXX has 8 lines with the name and the envelope window holds 7; shorten it in the CPR "
        + "extract and write the letter again",
      "adressen på 020780-XXXX har 8 linjer med navnet, og kuvertens rude har plads til 7; forkort den i "
        + "CPR-udtrækket, og dan brevet igen"
    ),
  ]

  @Test("why a letterbox notice was not written, in both languages", arguments: noticeProblems)
  func noticeProblem(problem: SendLetterboxNotices.Problem, english: String, danish: String) {
    let notice = SendLetterboxNotices.Notice(
      child: Self.cpr, holder: Self.other, letterboxDate: Self.day, problem: problem)
    #expect(RefusalWording(MessageCatalogue(.en), for: .commandLine).problem(notice) == english)
    #expect(RefusalWording(MessageCatalogue(.da), for: .counter).problem(notice) == danish)
  }

  static let kinds =
    "use one of eu-driving-licence, passport, military-id, nato-passport, police-id, residence-permit, bank-id, "
    + "national-id-card (with photo), or birth-certificate, health-card, residence-certificate, tax-statement, "
    + "benefit-receipt (without photo)"

  /// (a word typed that the command line does not know, its refusal in English with the suggestion)
  static let typedWords: [(DomainError, String)] = [
    (.unknownDocumentKind("pasport"), "unknown identity document \"pasport\" (did you mean passport?); \(kinds)"),
    (
      .unknownDocumentKind("Helth-Card"),
      "unknown identity document \"Helth-Card\" (did you mean health-card?); \(kinds)"
    ),
    (.unknownDocumentKind("sundhedskort"), "unknown identity document \"sundhedskort\"; \(kinds)"),
    (
      .unknownCriterion("langauge"),
      "unknown exemption criterion \"langauge\" (did you mean language?); use one of impairment, no-internet, "
        + "emigrated, language, nemid, or its number 1-5"
    ),
    (
      .unknownCriterion("wifi"),
      "unknown exemption criterion \"wifi\"; use one of impairment, no-internet, emigrated, language, nemid, "
        + "or its number 1-5"
    ),
  ]

  @Test("a word typed that is not known, with the one Suggestion's guess", arguments: typedWords)
  func typedWord(error: DomainError, words: String) {
    #expect(RefusalWording(MessageCatalogue(.en), for: .commandLine).words(error) == words)
  }

  @Test("an account refused: a clerk id that is not one, a password too short; in both languages, nothing written")
  func accountRefused() throws {
    let fixture = try WebDeskFixture()
    let actor = AuditActor(clerk: "system", centre: "000", at: Date(timeIntervalSince1970: 1_795_000_000))
    let before = try fixture.dump()
    let english = RefusalWording(MessageCatalogue(.en), for: .commandLine)
    let danish = RefusalWording(MessageCatalogue(.da), for: .commandLine)
    #expect(throws: DomainError.invalidClerkID("a b")) {
      try ClerkAccounts.add(
        id: "a b", centre: MunicipalityCode(751)!, admin: false, password: WebDeskFixture.password,
        registry: fixture.registry, actor: actor, cost: 4)
    }
    #expect(throws: ClerkAccounts.Refusal.passwordTooShort(minimum: 8)) {
      try ClerkAccounts.add(
        id: "ny", centre: MunicipalityCode(751)!, admin: false, password: "kort", registry: fixture.registry,
        actor: actor, cost: 4)
    }
    #expect(try fixture.dump() == before)
    let short = ClerkAccounts.Refusal.passwordTooShort(minimum: 8)
    #expect(
      english.words(short)
        == "the password is shorter than 8 characters; choose a longer one and give it on standard input")
    #expect(danish.words(short) == "adgangskoden er kortere end 8 tegn; vælg en længere, og giv den på standardinput")
  }

  @Test("a document typed that cannot be read, in both languages: the problem worded too, not English in Danish")
  func documentText() {
    let english = RefusalWording(MessageCatalogue(.en), for: .commandLine)
    let danish = RefusalWording(MessageCatalogue(.da), for: .commandLine)
    let date = DomainError.malformedDocument("passport:2030-13-01", problem: .notADate("2030-13-01"))
    #expect(
      english.words(date)
        == "\"passport:2030-13-01\": \"2030-13-01\" is not a date of the form YYYY-MM-DD; write KIND[:DATE][:cpr], "
        + "e.g. passport:2030-01-31")
    #expect(
      danish.words(date)
        == "\"passport:2030-13-01\": \"2030-13-01\" er ikke en dato på formen ÅÅÅÅ-MM-DD; skriv ART[:DATO][:cpr], "
        + "fx passport:2030-01-31")
    #expect(
      danish.words(DomainError.malformedDocument("benefit-receipt", problem: .noIssueDate))
        == "\"benefit-receipt\": en kvittering for offentlig ydelse skal have sin udstedelsesdato "
        + "(benefit-receipt:ÅÅÅÅ-MM-DD); skriv ART[:DATO][:cpr], fx passport:2030-01-31")
    #expect(
      danish.words(DomainError.malformedDocument("passport:2030-01-31:x", problem: .extraParts))
        == "\"passport:2030-01-31:x\": efter arten må kun en dato og \"cpr\" følge; skriv ART[:DATO][:cpr], "
        + "fx passport:2030-01-31")
  }
}
