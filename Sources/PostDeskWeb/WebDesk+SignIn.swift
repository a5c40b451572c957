import DigitalPost
import Foundation
import Hummingbird
import HummingbirdBcrypt
import PostDesk

extension WebDesk {
  struct SignInPage: Encodable {
    var layout: Layout
    var clerk: String
    var error: String
    /// The language chosen on this page (`?lang=`), kept by the form into the session; empty
    /// when the browser's `Accept-Language` chose it.
    var chosen: String
    /// The sign-in page in the other language.
    var switchHref: String
    /// Where the form posts: `/sign-in`, with the language chosen, so that a refusal keeps it.
    var action: String { chosen.isEmpty ? "/sign-in" : "/sign-in?lang=\(chosen)" }

    enum CodingKeys: String, CodingKey { case layout, clerk, error, chosen, switchHref, action }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(layout, forKey: .layout)
      try container.encode(clerk, forKey: .clerk)
      try container.encode(error, forKey: .error)
      try container.encode(chosen, forKey: .chosen)
      try container.encode(switchHref, forKey: .switchHref)
      try container.encode(action, forKey: .action)
    }
  }

  /// The sign-in form: the form's CSRF token, the language chosen on the page, the clerk's id
  /// and password.
  struct SignInFields: Decodable, Sendable {
    @Typed var csrf = ""
    @Typed var lang = ""
    @Typed var clerk = ""
    @Typed var password = ""
  }

  /// Signing in (for anybody) and out (for signed-in clerks).
  func signInRoutes() -> RouteCollection<DeskRequestContext> {
    let routes = RouteCollection(context: DeskRequestContext.self)
    routes.get("/sign-in") { request, context in
      // A signed-in clerk keeps the session; anybody else gets a stateless sign-in form.
      let layout: Layout
      var cookie: String?
      if let session = context.session {
        layout = self.layout("signIn", session)
      } else {
        let form = self.signInForm.issue(now: self.configuration.clock())
        layout = self.plainLayout("signIn", csrf: form.csrf)
        cookie = form.cookie
      }
      let chosen = request.uri.queryParameters.get("lang").flatMap { Language(rawValue: String($0)) }
      var response = try self.page(
        "sign-in",
        SignInPage(
          layout: layout, clerk: "", error: "", chosen: chosen?.rawValue ?? "",
          switchHref: "/sign-in?lang=\(layout.switchTo)"))
      if let cookie { response.setCookie(self.cookie(cookie)) }
      return response
    }

    routes.post("/sign-in") { request, context in
      let form = try await PostedForm.read(request).decode(SignInFields.self)
      let now = self.configuration.clock()
      let cookie = request.cookies[Self.cookieName]?.value ?? ""
      let current = context.session
      let layout: Layout
      if let current, Token.equal(form.csrf, current.csrf) {
        layout = self.layout("signIn", current)
      } else if self.signInForm.accepts(cookie: cookie, csrf: form.csrf, now: now) {
        layout = self.plainLayout("signIn", csrf: form.csrf)
      } else {
        return try self.forbidden()
      }
      let id = form.clerk
      let address = ClientAddress.resolve(
        peer: context.clientAddress, forwardedFor: request.headers[values: .init("X-Forwarded-For")!],
        trusted: self.configuration.trustedProxies)
      let chosen =
        Language(rawValue: form.lang)
        ?? request.uri.queryParameters.get("lang").flatMap { Language(rawValue: String($0)) }
      func refuse(_ status: HTTPResponse.Status, _ message: String) throws -> Response {
        try self.page(
          "sign-in",
          SignInPage(
            layout: layout, clerk: id, error: message, chosen: chosen?.rawValue ?? "",
            switchHref: "/sign-in?lang=\(layout.switchTo)"), status: status)
      }
      // Counted before the password is checked: concurrent guesses all meet the pause.
      let throttle = self.throttle
      if let wait = try await self.offload({ try throttle.attempt(clerk: id, address: address, now: now) }) {
        context.logger.notice(
          "sign-in throttled", metadata: ["address": LogField.value(address), "wait": "\(wait)"])
        return try refuse(.tooManyRequests, self.words.text("signIn.throttled", ["seconds": "\(wait)"]))
      }
      let password = form.password
      let registry = self.configuration.registry
      let outcome = try await self.offload {
        try ClerkAccounts.signIn(id: id, password: password, registry: registry)
      }
      guard case .accepted(let account) = outcome else {
        // What was typed is logged only when it names a clerk: it may be a CPR number or a password.
        var named: String?
        if case .refused(let known) = outcome { named = known }
        context.logger.info(
          "sign-in refused",
          metadata: ["clerk": named.map { LogField.value($0) } ?? "(unknown)", "address": LogField.value(address)])
        return try refuse(.unauthorized, self.words.text("signIn.wrong"))
      }
      let (sessions, opened) = (self.sessions, self.configuration.clock())
      let session = try await self.offload {
        try throttle.succeeded(clerk: id, address: address)
        return try sessions.open(
          clerk: SignedInClerk(id: account.id, centre: account.centre, isAdmin: account.isAdmin), now: opened,
          language: chosen, replacing: current?.id)
      }
      context.logger.info(
        "signed in",
        metadata: ["clerk": LogField.value(account.id), "centre": LogField.value(account.centre.description)])
      var response = Response.redirect(to: "/citizens")
      response.setCookie(self.cookie(session.id))
      return response
    }

    // What follows is for signed-in clerks only.
    routes.add(middleware: SignedInGuard())
    routes.post("/sign-out") { request, context in
      try await self.signedIn(request, context) { session, _ in
        let (sessions, id) = (self.sessions, session.id)
        try await self.offload { try sessions.end(id) }
        var response = Response.redirect(to: "/sign-in")
        response.setCookie(self.cookie("", expired: true))
        return response
      }
    }
    return routes
  }

  /// The session cookie: HttpOnly, SameSite=Strict, Secure when served over TLS.
  func cookie(_ value: String, expired: Bool = false) -> Cookie {
    Cookie(
      name: Self.cookieName, value: value, maxAge: expired ? 0 : nil, path: "/",
      secure: configuration.secureCookies, httpOnly: true, sameSite: .strict)
  }
}
