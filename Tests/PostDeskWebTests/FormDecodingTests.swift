import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PostDeskWeb

/// The posted forms at their edges, as Hummingbird's `URLEncodedFormDecoder` reads them: a `+`
/// is a space and `%2B` a plus, a checkbox group sends its name once for each box ticked, and a
/// body the decoder cannot read is refused and changes nothing.
@Suite("Posted forms")
struct FormDecodingTests {
  static let refused =
    "This form has expired or did not come from this desk, so nothing was changed; go back, reload the page and try again."

  @Test("the decoder's reading: `+` a space, `%2B` a plus, a group's name repeated, a field left out or bare")
  func decoding() throws {
    let application = try PostedForm(
      "crit%65rion=impairment&criterion=nemid&onBehalf=+Anne+Marie%2BJensen+&paperCopies&authority="
    ).decode(WebDesk.ApplicationFields.self)
    #expect(application.criterion == ["impairment", "nemid"])
    #expect(application.onBehalf == "Anne Marie+Jensen")
    // A name without `=` is not sent at all: the box is not ticked.
    #expect(!application.paperCopies)
    #expect(application.authority == "")
    #expect(application.id1Kind == "")
    let blank = try PostedForm.empty.decode(WebDesk.ApplicationFields.self)
    #expect(blank.criterion == [] && !blank.paperCopies && blank.onBehalf == "")
    let nemid = try PostedForm("shortStay=&witness=on").decode(WebDesk.NemIDFields.self)
    #expect(nemid.shortStay && nemid.witness)
    #expect(throws: UnreadableForm(reason: "a field is sent twice")) {
      try PostedForm("cpr=1&cpr=2").decode(WebDesk.FindFields.self)
    }
  }

  @Test("a refused application keeps the name typed, `+` a space and `%2B` a plus, and both criteria ticked")
  func plusAndRepeatedCheckbox() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let before = try fixture.dump()
      let page = try await browser.postRaw(
        "\(citizen)/exemption/apply",
        "criterion=impairment&criterion=nemid&id1Kind=passport&id1Expires=2030-01-31"
          + "&onBehalf=+Anne+Marie%2BJensen+&authority=&csrf=\(try #require(await browser.csrf))")
      #expect(page.status == .unprocessableContent)
      #expect(page.text("apply-on-behalf-error") == "Choose the authority: power of attorney or guardian.")
      #expect(page.attribute("value", of: "apply-on-behalf") == "Anne Marie+Jensen")
      let ticked = ["impairment", "no-internet", "emigrated", "language", "nemid"].filter {
        page.attribute("checked", of: "apply-criterion-\($0)") != nil
      }
      #expect(ticked == ["impairment", "nemid"])
      #expect(try fixture.dump() == before)
    }
  }

  @Test("an application with two criteria ticked records both")
  func repeatedCheckboxRecorded() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let applied = try await browser.post(
        "\(citizen)/exemption/apply",
        [
          ("criterion", "no-internet"), ("criterion", "impairment"), ("id1Kind", "passport"),
          ("id1Expires", "2030-01-31"),
        ])
      #expect(applied.status == .ok)
      let exemption = try await browser.get("\(citizen)/exemption")
      #expect(exemption.cells("application-criteria") == ["impairment, no-internet"])
    }
  }

  @Test("a body the decoder cannot read is refused with 400 and the words of a stale form, and changes nothing")
  func malformedBody() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let csrf = try #require(await browser.csrf)
      let before = try fixture.dump()
      let bodies: [(String, String, String)] = [
        (
          "\(citizen)/exemption/apply", "criterion=impairment&id1Kind=passport&id1Expires=2030-01-31%zz",
          "a broken %-escape"
        ),
        ("\(citizen)/exemption/decide", "application=1&application=2&verdict=grant", "a field is sent twice"),
        ("\(citizen)/access/grant", "helper[]=020780-2743&until=2027-11-22", "a field not of the kind the form takes"),
        ("/citizens", "cpr[=140382-3518", "a field name with unclosed brackets"),
      ]
      for (path, body, cause) in bodies {
        let page = try await browser.postRaw(path, body + "&csrf=\(csrf)")
        #expect(page.status == .badRequest, "\(body)")
        #expect(page.text("forbidden") == Self.refused, "\(body)")
        #expect(page.title == "PostDesk – Refused", "\(body)")
        #expect(
          fixture.log.all.contains { $0.hasPrefix("notice form unreadable") && $0.contains("cause=\(cause)") },
          "\(body)")
      }
      #expect(try fixture.dump() == before)
      // Nothing ended: the session still serves its pages.
      #expect(try await browser.get(citizen).status == .ok)
    }
  }

  @Test("a choice missing or not offered is refused, naming the field, never read as a default")
  func choices() throws {
    let grant = "helper=020780-2743&until=2027-11-22"
    let read = try PostedForm(grant + "&level=read-write&consent=+power-of-attorney").decode(WebDesk.GrantFields.self)
    #expect(read.level == .readWrite && read.consent == .powerOfAttorney)
    #expect(throws: UnreadableForm(reason: "level is not sent", field: "level")) {
      try PostedForm(grant + "&consent=in-person").decode(WebDesk.GrantFields.self)
    }
    #expect(throws: UnreadableForm(reason: "consent is not sent", field: "consent")) {
      try PostedForm(grant + "&level=read").decode(WebDesk.GrantFields.self)
    }
    #expect(throws: UnreadableForm(reason: "consent is not a value the form offers", field: "consent")) {
      try PostedForm(grant + "&level=read&consent=").decode(WebDesk.GrantFields.self)
    }
    #expect(throws: UnreadableForm(reason: "level is not a value the form offers", field: "level")) {
      try PostedForm(grant + "&level=Read&consent=in-person").decode(WebDesk.GrantFields.self)
    }
    #expect(throws: UnreadableForm(reason: "verdict is not sent", field: "verdict")) {
      try PostedForm("application=1").decode(WebDesk.DecisionFields.self)
    }
    #expect(throws: UnreadableForm(reason: "verdict is not a value the form offers", field: "verdict")) {
      try PostedForm("application=1&verdict=yes").decode(WebDesk.DecisionFields.self)
    }
    #expect(try PostedForm("application=1&verdict=refuse").decode(WebDesk.DecisionFields.self).verdict == .refuse)
  }

  @Test(
    "a choice missing or not offered: 400 naming the field in the clerk's language, nothing changed",
    arguments: [
      (
        "en", "access/grant", "helper=020780-2743&until=2027-11-22&consent=in-person&id1Kind=passport",
        "The field \"level\" of this form was missing or held a value this desk does not offer, so nothing was "
          + "changed; go back, reload the page and try again."
      ),
      (
        "da", "access/grant", "helper=020780-2743&level=read&until=2027-11-22&consent=owner&id1Kind=passport",
        "Feltet \"consent\" i formularen manglede eller havde en værdi, som dette system ikke tilbyder, så intet er "
          + "ændret; gå tilbage, genindlæs siden og prøv igen."
      ),
      (
        "en", "exemption/decide", "application=1",
        "The field \"verdict\" of this form was missing or held a value this desk does not offer, so nothing was "
          + "changed; go back, reload the page and try again."
      ),
    ])
  func choiceRefused(language: String, path: String, body: String, message: String) async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client, language: language)
      try await browser.signIn()
      let citizen = try await browser.find("140382-3518")
      let csrf = try #require(await browser.csrf)
      let before = try fixture.dump()
      var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: language]
      headers[.cookie] = "postdesk_session=\(try #require(await browser.cookie))"
      let page = Page(
        try await client.executeRequest(
          uri: "\(citizen)/\(path)", method: .post, headers: headers, body: ByteBuffer(string: body + "&csrf=\(csrf)")))
      #expect(page.status == .badRequest)
      #expect(page.text("forbidden") == message)
      #expect(try fixture.dump() == before)
      #expect(fixture.log.all.contains { $0.hasPrefix("notice form unreadable") })
    }
  }

  @Test("a sign-in whose body cannot be read is refused with 400, and opens no session")
  func malformedSignIn() async throws {
    let fixture = try WebDeskFixture()
    try await fixture.run { client in
      let browser = Browser(client)
      try await browser.get("/sign-in")
      let csrf = try #require(await browser.csrf)
      let page = try await browser.postRaw("/sign-in", "clerk=mh&password=%&csrf=\(csrf)")
      #expect(page.status == .badRequest)
      #expect(page.text("forbidden") == Self.refused)
      #expect(try fixture.desk.sessions.count(now: fixture.clock.now) == 0)
    }
  }
}

extension Browser {
  /// Posts `body` as it is, with the session's cookie: the bytes a client other than the desk's
  /// pages may send.
  func postRaw(_ path: String, _ body: String) async throws -> Page {
    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "en"]
    if let cookie { headers[.cookie] = "postdesk_session=\(cookie)" }
    let response = try await client.executeRequest(
      uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    return Page(response)
  }
}
