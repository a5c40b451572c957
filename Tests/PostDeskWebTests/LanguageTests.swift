import DigitalPost
import Foundation
import HummingbirdTesting
import PostDesk
import Testing

@testable import PostDeskWeb

/// The desk in Danish and English: one catalogue per language, every page and refusal in
/// both, the language chosen from `Accept-Language` and kept in the session when switched.
@Suite("Languages")
struct LanguageTests {
  static let mette = "140382-3518"
  static let passport = [("criterion", "impairment"), ("id1Kind", "passport"), ("id1Expires", "2030-01-31")]

  /// Words that are the same in both languages, and a format with no words of its own.
  static let sameInBoth: Set<String> = [
    "PostDesk", "Status", "Find", "NemID/MitID", "\"{input}\": {problem}", "{problems}; {whatWouldDo}",
  ]

  @Test("the Danish catalogue has every message the English one has, and words each differently")
  func catalogues() throws {
    let english = MessageCatalogue(.en)
    let danish = MessageCatalogue(.da)
    #expect(Set(english.sections.keys) == Set(danish.sections.keys))
    for (section, messages) in english.sections {
      let other = danish.sections[section] ?? [:]
      #expect(Set(messages.keys) == Set(other.keys), "section \(section)")
      for (name, text) in messages where !Self.sameInBoth.contains(text) {
        #expect(other[name] != text, "\(section).\(name) is the same in Danish: \(text)")
      }
    }
  }

  @Test("dates in words in both languages, and each placeholder filled once, with what was typed kept as typed")
  func datesAndPlaceholders() throws {
    let english = MessageCatalogue(.en)
    let danish = MessageCatalogue(.da)
    #expect(danish.long(CivilDate(iso: "2026-11-30")!) == "30. november 2026")
    #expect(english.long(CivilDate(iso: "2027-01-05")!) == "5 January 2027")
    #expect(danish.long(CivilDate(iso: "1999-05-01")!) == "1. maj 1999")
    // Typed input that looks like a placeholder is not filled again (the clerk sees what they typed).
    #expect(
      english.text("cpr.refusal", ["input": "{problem}", "problem": "has 9 digits"]) == "\"{problem}\": has 9 digits")
    #expect(english.text("cpr.refusal", ["input": "x{y"]) == "\"x{y\": {problem}")
    #expect(english.text("cpr.noSuchMessage") == "⟦cpr.noSuchMessage⟧")
    // A catalogue's months may be written with spaces after the commas.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-words-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(
      #"{"date": {"months": " Jan ,\tFeb, Mar", "long": "{month} {day}, {year} {unknown}"}}"#.utf8
    ).write(to: folder.appendingPathComponent("en.json"))
    let spaced = try MessageCatalogue(file: folder.appendingPathComponent("en.json").path, language: .en)
    #expect(spaced.long(CivilDate(iso: "2026-02-03")!) == "Feb 3, 2026 {unknown}")
    #expect(spaced.long(CivilDate(iso: "2026-01-03")!) == "Jan 3, 2026 {unknown}")
    #expect(spaced.long(CivilDate(iso: "2026-12-03")!) == "12 3, 2026 {unknown}")
    // Braces around or inside a placeholder, and one never closed, are text, as in a message.
    try Data(#"{"date": {"months": "Jan", "long": "{{day}} {day {year}} {month"}}"#.utf8)
      .write(to: folder.appendingPathComponent("en.json"))
    let braced = try MessageCatalogue(file: folder.appendingPathComponent("en.json").path, language: .en)
    #expect(braced.long(CivilDate(iso: "2026-01-03")!) == "{3} {day 2026} {month")
  }

  @Test("every refusal is worded in both languages, at the counter and at the command line")
  func everyRefusal() throws {
    let cpr = try CPRNumber(parsing: "140382-3518")
    let other = try CPRNumber(parsing: "020780-2743")
    let day = CivilDate(iso: "2026-11-22")!
    var domain: [DomainError] = [
      .unknownDocumentKind("pasport"), .malformedDocument("passport:x", problem: .notADate("x")),
      .malformedDocument("passport:x:y", problem: .extraParts),
      .malformedDocument("benefit-receipt", problem: .noIssueDate),
      .unknownCriterion("impairmnt"), .recordMismatch(expected: cpr, found: other),
      .tooYoung(.helper, cpr, age: 14, on: day), .alreadyExempt(cpr, since: day), .noCriterionTicked(cpr),
      .representativeIsApplicant(cpr), .representativeUnnamed, .declarationMissing(cpr),
      .identityNotVerified(.applicant(cpr), IdentityRules.Refusal(problems: [.noDocument])),
      .exemptionAlreadyWithdrawn(cpr, on: day),
      .withdrawalBeforeExemption(cpr, since: day, date: day), .helperIsOwner(cpr), .expiryInPast(day, today: day),
      .expiryNotAfterStart(day, from: day), .exemptionLiftNotConfirmed(cpr), .notOwner(cpr, owner: other),
      .notHelper(cpr, helper: other), .invalidClerkID(" "),
      .applicationPending(cpr, PendingApplication(id: 3, receivedOn: day)), .emigrantAlwaysGranted(cpr),
      .representativeUnderAge(cpr, age: 17, on: day),
      .notDecidingMunicipality(cpr, deciding: MunicipalityCode(751)!, centre: MunicipalityCode(101)!),
      .bornAfter(cpr, day), .noLetterbox(cpr, abroadSince: day, turned15: day),
      .exemptionEndsAccess(cpr, helpers: [other, cpr]), .exemptionEndedByDeath(cpr, on: day),
      .applicationWithdrawalAfterDeath(cpr, id: 3, on: day), .diedBeforeBirth(cpr, died: day),
      .diedAfter(cpr, died: day, effective: day), .custodyHolderTwice(cpr, holder: other),
    ]
    let desk: [DeskError] = [
      .unknownCitizen(cpr, role: .helper), .unknownApplication(9), .notTheCitizensApplication(9, cpr),
      .applicationAlreadyDecided(3, granted: true, clerk: "mh", centre: "751", on: day),
      .applicationAlreadyDecided(3, granted: false, clerk: "mh", centre: "751", on: day), .notExempt(cpr),
      .noAccess(owner: cpr, helper: other), .unknownCentre(MunicipalityCode(999)!),
      .badCentresFile("c.json", key: "x"), .centreNotNamed, .outputIsFolder("/tmp"),
      .cannotGrant(.declarationMissing(cpr)),
      .cannotWrite("/x", "r"), .applicationWithdrawn(3, clerk: "mh", centre: "101", on: day),
    ]
    let passport = IdentityDocumentKind.passport
    let card = IdentityDocumentKind.healthCard
    let problems: [IdentityProblem] = [
      .missingExpiry(passport), .expired(passport, on: day), .benefitReceiptUndated,
      .benefitReceiptTooOld(issued: day), .benefitReceiptFuture(issued: day, date: day), .noValidDocument,
      .aloneNotEnough(card), .oneEntry([card, .residenceCertificate]), .noAnchor([.taxStatement, .benefitReceipt]),
      .noCPRNumberShown([card, .birthCertificate]), .noCPRNumberShown([card, .birthCertificate, .taxStatement]),
    ]
    let holders: [IdentityHolder] = [.applicant(cpr), .representative("Ida"), .owner(cpr), .ownersRepresentative(cpr)]
    domain += zip(problems, holders + holders + holders).map {
      .identityNotVerified($1, IdentityRules.Refusal(problems: [$0, .noValidDocument]))
    }
    domain += PersonRole.allCases.map { .deceased($0, cpr, on: day) }
    domain += AccessEndReason.allCases.map { .accessAlreadyEnded(owner: cpr, helper: other, $0, on: day) }
    let errors: [any Error] = domain + desk
    let english = MessageCatalogue(.en)
    let danish = MessageCatalogue(.da)
    for audience in [RefusalWording.Audience.counter, .commandLine] {
      let en = RefusalWording(english, for: audience)
      let da = RefusalWording(danish, for: audience)
      for error in errors {
        let words = try #require(en.words(error))
        let ord = try #require(da.words(error))
        #expect(!words.contains("⟦") && !ord.contains("⟦"), "\(error): \(words) / \(ord)")
        #expect(words != ord, "\(error) is the same in Danish")
      }
    }
  }

  @Test("Accept-Language chooses the language; without it the desk speaks Danish")
  func acceptLanguage() {
    #expect(RequestLanguage.preferred(acceptLanguage: "da, en;q=0.8") == .da)
    #expect(RequestLanguage.preferred(acceptLanguage: "en-GB,en;q=0.9,da;q=0.8") == .en)
    #expect(RequestLanguage.preferred(acceptLanguage: "de-DE, en;q=0.5, da;q=0.7") == .da)
    #expect(RequestLanguage.preferred(acceptLanguage: "de-DE") == nil)
    #expect(RequestLanguage.preferred(acceptLanguage: "da;q=0, en") == .en)
  }

  @Test("every page in Danish has lang=\"da\" and no English word of the catalogue; in English lang=\"en\"")
  func everyPage() async throws {
    let fixture = try WebDeskFixture()
    let english = MessageCatalogue(.en)
    // English messages long enough to be told apart from a name or a code.
    let englishTexts = english.sections.flatMap { section, messages in
      // The switch names the other language in that language ("English", with lang="en").
      messages.filter {
        !Self.sameInBoth.contains($0.value) && $0.value != "English" && $0.value.count > 3 && !$0.value.contains("{")
      }
      .map { "\(section).\($0.key)" }
    }
    try await fixture.run { client in
      for language in ["da", "en"] {
        let browser = Browser(client, language: language)
        var pages: [(String, Page)] = []
        pages.append(("sign-in", try await browser.get("/sign-in")))
        pages.append(("wrong password", try await browser.signIn("mh", password: "wrong")))
        try await browser.signIn()
        pages.append(("find", try await browser.get("/citizens")))
        pages.append(("find refused", try await browser.post("/citizens", [("cpr", "010101-0000"), ("asOf", "x")])))
        let citizen = try await browser.find(Self.mette)
        pages.append(("citizen", try await browser.get(citizen)))
        pages.append(("exemption", try await browser.get("\(citizen)/exemption")))
        pages.append(("apply refused", try await browser.post("\(citizen)/exemption/apply", [("id1Kind", "none")])))
        pages.append(("applied", try await browser.post("\(citizen)/exemption/apply", Self.passport)))
        pages.append(("applications", try await browser.get("/applications")))
        pages.append(("access", try await browser.get("\(citizen)/access")))
        pages.append(("audit", try await browser.get("\(citizen)/audit")))
        pages.append(("letterboxes", try await browser.get("/letterboxes")))
        pages.append(("not found", try await browser.get("/citizens/nobody")))
        for (name, page) in pages {
          #expect(page.html.contains("<html lang=\"\(language)\""), "\(language) \(name)")
          guard language == "da" else { continue }
          for key in englishTexts {
            let text = english.text(key)
            #expect(!page.html.contains(">\(text)<"), "Danish page \(name) shows English \(key): \(text)")
          }
        }
      }
    }
  }

  @Test("the switch keeps the language chosen in the session, over Accept-Language")
  func switchLanguage() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client, language: "da")
      try await browser.signIn()
      let citizen = try await browser.find(Self.mette)
      let danish = try await browser.get("\(citizen)/exemption")
      #expect(danish.text("switch-language") == "English")
      #expect(danish.title == "PostDesk – Fritagelse")
      let switched = try await browser.post("/language", [("lang", "en"), ("back", "\(citizen)/exemption")])
      #expect(switched.status == .seeOther)
      #expect(switched.location == "\(citizen)/exemption")
      let english = try await browser.get("\(citizen)/exemption")
      #expect(english.title == "PostDesk – Exemption")
      #expect(english.text("switch-language") == "Dansk")
      let elsewhere = try await browser.post("/language", [("lang", "da"), ("back", "//evil.example/")])
      #expect(elsewhere.location == "/citizens")
    }
  }

  @Test("English chosen on the sign-in page stays after signing in, whatever the browser asks for")
  func chosenBeforeSignIn() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client, language: "da")
      let danish = try await browser.get("/sign-in")
      #expect(danish.title == "PostDesk – Log ind")
      #expect(danish.html.contains("href=\"/sign-in?lang=en\""))
      let english = try await browser.get("/sign-in?lang=en")
      #expect(english.title == "PostDesk – Sign in")
      #expect(english.html.contains("action=\"/sign-in?lang=en\""))
      let refused = try await browser.post(
        "/sign-in?lang=en", [("clerk", "mh"), ("password", "wrong"), ("lang", "en")])
      #expect(refused.text("sign-in-error") == "Wrong clerk id or password; check both and try again.")
      let signedIn = try await browser.post(
        "/sign-in?lang=en", [("clerk", "mh"), ("password", WebDeskFixture.password), ("lang", "en")])
      #expect(signedIn.status == .seeOther)
      #expect(try await browser.get("/citizens").title == "PostDesk – Find a citizen")
    }
  }

  @Test("refusals and results in Danish, with dates in words")
  func danishRefusals() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client, language: "da")
      try await browser.signIn()
      let citizen = try await browser.find(Self.mette)
      let nemid = try await browser.post(
        "\(citizen)/nemid", [("id1Kind", "passport"), ("id1Expires", "2030-01-31")])
      #expect(
        nemid.text("nemid-answer")
          == "140382-XXXX kan få MitID: CPR-nummer, fyldt 15 år og kravene til legitimation opfyldt.")
      let noNemID = try await browser.post("\(citizen)/nemid", [("id1Kind", "health-card")])
      #expect(
        noNemID.text("nemid-answer")?.hasPrefix(
          "140382-XXXX kan ikke få MitID: kravene til legitimation er ikke opfyldt: sundhedskortet alene er ikke nok"
        )
          == true, "\(noNemID.text("nemid-answer") ?? "")")
      let noExpiry = try await browser.post("\(citizen)/exemption/apply", [("id1Kind", "passport")])
      #expect(
        noExpiry.text("apply-id-error")
          == "Identiteten på ansøger 140382-XXXX er ikke kontrolleret: passet blev angivet uden udløbsdato "
          + "(passport:ÅÅÅÅ-MM-DD), og der er ingen gyldig legitimation tilbage; medbring gyldig billedlegitimation, "
          + "eller to legitimationsdokumenter uden billede, hvoraf det ene viser CPR-nummeret og mindst ét er et sundhedskort, "
          + "en bopælsattest eller en fødsels- eller navneattest.")
      let applied = try await browser.post("\(citizen)/exemption/apply", Self.passport)
      #expect(applied.text("result-title") == "Ansøgning registreret")
      #expect(applied.text("result-message")?.hasPrefix("Ansøgning 1 registreret (") == true)
      let again = try await browser.post("\(citizen)/exemption/apply", Self.passport)
      #expect(again.status == .unprocessableContent)
      #expect(
        again.text("apply-error")
          == "Ansøger 140382-XXXX har allerede ansøgning 1 af 22. november 2026, som venter på afgørelse; afgør den først."
      )
      let noNumber = try await browser.post("\(citizen)/exemption/decide", [("application", ""), ("verdict", "grant")])
      #expect(noNumber.text("decide-application-error") == "Angiv ansøgningens nummer, fx 3.")
      let queue = try await browser.get("/applications")
      #expect(queue.cells("application-received") == ["22. november 2026"])
      #expect(queue.cells("application-criteria") == ["funktionsnedsættelse"])
      #expect(queue.text("decide-1") == "Afgør ansøgning 1")
      let typo = try await browser.post("/citizens", [("cpr", "310286-1234")])
      #expect(typo.text("cpr-error") == "\"310286-1234\": datoen findes ikke: februar 1986 har 28 dage, ikke 31")
      let letter = try await browser.post("/citizens", [("cpr", "14O382-3518")])
      #expect(
        letter.text("cpr-error")
          == "\"14O382-3518\": tegn 3 (\"O\") er ikke et ciffer; et CPR-nummer skrives DDMMÅÅ-LLLL eller DDMMÅÅLLLL")
      let helper = try await browser.post(
        "\(citizen)/access/grant",
        [
          ("helper", "0207802743x"), ("level", "read"), ("until", "2027-11-30"), ("consent", "in-person"),
          ("id1Kind", "passport"),
        ])
      #expect(
        helper.text("grant-helper-error")
          == "\"0207802743x\": tegn 11 (\"x\") er ikke et ciffer; et CPR-nummer skrives DDMMÅÅ-LLLL eller DDMMÅÅLLLL.")
      let wrong = Browser(client, language: "da")
      let refused = try await wrong.signIn("mh", password: "nope")
      #expect(
        refused.text("sign-in-error") == "Forkert sagsbehandler-id eller adgangskode; kontrollér begge og prøv igen.")
    }
  }
}
