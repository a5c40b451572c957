import Testing

@testable import DigitalPost

// §4: the five criteria keep their CLI words, in the guidance's order.
@Test("§4 criteria raw values and numbers")
func criteria() {
  #expect(
    ExemptionCriterion.allCases.map(\.rawValue) == ["impairment", "no-internet", "emigrated", "language", "nemid"])
  #expect(ExemptionCriterion.allCases.map(\.number) == [1, 2, 3, 4, 5])
  #expect(ExemptionCriterion.allCases.sorted() == ExemptionCriterion.allCases)
}

// §4: the legal wording lists eight grounds; the guidance groups them in five.
@Test("§4 legal grounds, da and en", arguments: Language.allCases)
func legalGrounds(language: Language) {
  #expect(ExemptionCriterion.allCases.map { $0.legalGrounds(in: language).count } == [2, 2, 2, 1, 1])
}

@Test(
  "§4 form wording",
  arguments: [
    (
      ExemptionCriterion.impairment, Language.en,
      "I have a cognitive or physical impairment that makes it difficult for me to use Digital Post."
    ),
    (
      .noInternet, .da,
      "Jeg har ikke adgang til en computer, tablet eller smartphone med internetforbindelse i mit hjem eller på "
        + "mit opholdssted, eller jeg bor i et område, hvor det ikke er muligt at få bredbånd med mindst 512 kbit/s."
    ),
    (
      .emigratedOrNoFixedResidence, .da,
      "Jeg er registreret i CPR som udrejst, eller jeg er ikke længere registreret med fast bopæl."
    ),
    (.languageBarriers, .en, "I have language barriers that make it difficult for me to use Digital Post."),
    (.nemIDDifficulty, .da, "Jeg har praktiske vanskeligheder ved at få MitID."),
  ])
func wording(criterion: ExemptionCriterion, language: Language, text: String) {
  #expect(criterion.wording(in: language) == text)
  #expect(criterion.wording(in: .da) == criterion.danishWording)
  #expect(criterion.wording(in: .en) == criterion.englishWording)
}

@Test(
  "§4 parsing criteria",
  arguments: [
    ("impairment", ExemptionCriterion.impairment), ("No-Internet", .noInternet), ("3", .emigratedOrNoFixedResidence),
    (" language ", .languageBarriers), ("5", .nemIDDifficulty),
  ])
func parseCriterion(text: String, expected: ExemptionCriterion) throws {
  #expect(try ExemptionCriterion(parsing: text) == expected)
}

@Test("§4 unknown criterion", arguments: ["wifi", "6", ""])
func unknownCriterion(text: String) {
  #expect(
    domainMessage { _ = try ExemptionCriterion(parsing: text) }
      == "unknown exemption criterion \"\(text)\"; use one of impairment, no-internet, emigrated, language, nemid, "
      + "or its number 1-5")
}

@Test("§4 unknown criterion with a suggestion")
func criterionSuggestion() {
  #expect(throws: DomainError.unknownCriterion("langauge")) { try ExemptionCriterion(parsing: "langauge") }
  #expect(
    domainMessage { _ = try ExemptionCriterion(parsing: "langauge") }
      == "unknown exemption criterion \"langauge\" (did you mean language?); use one of impairment, no-internet, "
      + "emigrated, language, nemid, or its number 1-5")
}

@Test("§4 representative authority wording")
func authorityWording() {
  #expect(Representative.Authority.allCases.map(\.rawValue) == ["power-of-attorney", "guardian"])
  #expect(Representative.Authority.powerOfAttorney.wording(in: .da) == "fuldmagt")
  #expect(Representative.Authority.guardian.wording(in: .en) == "guardian (with the court's appointment)")
  #expect(Representative(.cpr(cpr("020280-2000")), authority: .guardian).displayName == "020280-XXXX")
}
