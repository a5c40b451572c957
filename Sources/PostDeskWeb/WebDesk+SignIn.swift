import DigitalPost
import Foundation
import Hummingbird
import HummingbirdBcrypt

extension WebDesk {
  struct SignInPage: Encodable {
    var layout: Layout
    var clerk: String
    var error: String
  }

  func addSignInRoutes(_ router: Router<DeskRequestContext>) {
    router.get("/sign-in") { request, _ in
      // An anonymous session carries the sign-in form's CSRF token.
      let session = self.session(request) ?? self.sessions.open(clerk: nil, now: self.configuration.clock())
      var response = try self.page(
        "sign-in", SignInPage(layout: self.layout("Sign in", session), clerk: "", error: ""))
      response.setCookie(self.cookie(session.id))
      return response
    }

    router.post("/sign-in") { request, context in
      let form = try await FormBody.read(request)
      guard let anonymous = self.session(request), Token.equal(form["csrf"], anonymous.csrf) else {
        return try self.forbidden()
      }
      let id = form["clerk"]
      let address = context.clientAddress
      func refuse(_ status: HTTPResponse.Status, _ message: String) throws -> Response {
        try self.page(
          "sign-in", SignInPage(layout: self.layout("Sign in", anonymous), clerk: id, error: message), status: status)
      }
      if let wait = self.throttle.pause(clerk: id, address: address, now: self.configuration.clock()) {
        return try refuse(.tooManyRequests, "Too many failed sign-ins; wait \(wait) seconds and try again.")
      }
      let password = form["password"]
      let account = try self.configuration.registry.clerkAccount(id)
      let hash = account?.passwordHash ?? self.decoyHash
      let matches = try await self.offload { Bcrypt.verify(password, hash: hash) }
      guard let account, matches, let centre = Int(account.centre).flatMap(MunicipalityCode.init) else {
        self.throttle.failed(clerk: id, address: address, now: self.configuration.clock())
        context.logger.info("sign-in refused", metadata: ["clerk": "\(id)", "address": "\(address)"])
        return try refuse(.unauthorized, "Wrong clerk id or password; check both and try again.")
      }
      self.throttle.succeeded(clerk: id)
      self.sessions.end(anonymous.id)
      let session = self.sessions.open(
        clerk: SignedInClerk(id: account.id, centre: centre, isAdmin: account.isAdmin), now: self.configuration.clock())
      context.logger.info("signed in", metadata: ["clerk": "\(account.id)", "centre": "\(account.centre)"])
      var response = Response.redirect(to: "/citizens")
      response.setCookie(self.cookie(session.id))
      return response
    }

    router.post("/sign-out") { request, _ in
      try await self.signedIn(request) { session, _, _ in
        self.sessions.end(session.id)
        var response = Response.redirect(to: "/sign-in")
        response.setCookie(self.cookie("", expired: true))
        return response
      }
    }
  }

  /// The session cookie: HttpOnly, SameSite=Strict, Secure when served over TLS.
  func cookie(_ value: String, expired: Bool = false) -> Cookie {
    Cookie(
      name: Self.cookieName, value: value, maxAge: expired ? 0 : nil, path: "/",
      secure: configuration.secureCookies, httpOnly: true, sameSite: .strict)
  }
}
