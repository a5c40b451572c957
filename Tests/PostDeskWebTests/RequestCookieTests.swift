import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@testable import PostDeskWeb

/// The session's cookie as the desk reads it on every request (`Request.cookie(named:)`): the
/// same value Hummingbird's `cookies[name]?.value` finds, whatever the browser sends.
@Suite("The session cookie")
struct RequestCookieTests {
  static let headers: [[String]] = [
    [],
    ["postdesk_session=abc"],
    ["a=1; postdesk_session=abc; b=2"],
    ["a=1;postdesk_session=abc"],
    ["  \tpostdesk_session=abc def ; x"],
    ["postdesk_session="],
    ["postdesk_session"],
    ["postdesk_session=a=b"],
    ["postdesk_session2=x; Postdesk_session=y; postdesk_sessio=z"],
    ["x=1", "postdesk_session=second"],
    ["postdesk_session=first; postdesk_session=second"],
    ["=1; ;; postdesk_session=\"quoted\""],
    ["\u{00A0}postdesk_session=nbsp"],
    ["a=æ;\u{301}postdesk_session=combined"],
  ]

  @Test("the same value as Hummingbird's cookies", arguments: headers)
  func sameAsHummingbird(_ cookies: [String]) {
    var fields = HTTPFields()
    for cookie in cookies { fields.append(HTTPField(name: .cookie, value: cookie)) }
    let request = Request(
      head: HTTPRequest(method: .get, scheme: "http", authority: "desk", path: "/citizens", headerFields: fields),
      body: .init(buffer: ByteBuffer()))
    #expect(request.cookie(named: WebDesk.cookieName) == request.cookies[WebDesk.cookieName]?.value)
  }

  @Test("the value of the first cookie of that name")
  func values() {
    func value(_ cookies: String...) -> String? {
      var fields = HTTPFields()
      for cookie in cookies { fields.append(HTTPField(name: .cookie, value: cookie)) }
      return Request(
        head: HTTPRequest(method: .get, scheme: "http", authority: "desk", path: "/", headerFields: fields),
        body: .init(buffer: ByteBuffer())
      ).cookie(named: "postdesk_session")
    }
    #expect(value("a=1; postdesk_session=abc; b=2") == "abc")
    #expect(value("x=1", "postdesk_session=second") == "second")
    #expect(value("postdesk_session=first; postdesk_session=second") == "first")
    #expect(value("Postdesk_session=y") == nil)
    #expect(value() == nil)
  }
}
