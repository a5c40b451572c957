import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as the browser sent it, decoded into a form's
/// fields by Hummingbird's `URLEncodedFormDecoder`.
///
/// The decoder turns `+` in a value into a space and `%2B` into `+`; a pair without `=` is
/// left out. It refuses a name sent twice, a broken `%` escape, and a name whose brackets do
/// not close; a checkbox group repeats its name, so the names in `checkboxGroups` are read as
/// `name[]`, a list. What the decoder refuses is an `UnreadableForm`, which the desk answers
/// as it answers a form that did not come from it (`DeskFailures`).
struct PostedForm: Sendable {
  /// The fields the desk's pages send once for each box ticked (the exemption criteria).
  static let checkboxGroups: Set<String> = ["criterion"]

  /// The largest body read: the desk's forms are small.
  static let sizeLimit = 64 * 1024

  /// The body as the decoder reads it, the checkbox groups' names written as `name[]`.
  private let text: String

  /// A body of no fields, as a GET has.
  static let empty = PostedForm("")

  /// The form of `body`, url-encoded.
  init(_ body: String) {
    text = body.split(separator: "&", omittingEmptySubsequences: false).map { pair in
      let name = pair.prefix { $0 != "=" }
      guard let decoded = String(name).removingPercentEncoding, Self.checkboxGroups.contains(decoded) else {
        return String(pair)
      }
      return decoded + "[]" + pair.dropFirst(name.count)
    }.joined(separator: "&")
  }

  /// Reads the body of `request`, at most `sizeLimit` bytes.
  static func read(_ request: Request) async throws -> PostedForm {
    let buffer = try await request.body.collect(upTo: sizeLimit)
    return PostedForm(String(buffer: buffer))
  }

  /// The fields of `Form`; a body the decoder cannot read, a field sent in a shape `Form`
  /// does not take (a list for a single value), or a choice missing or not offered
  /// (`Chosen`), is an `UnreadableForm`.
  func decode<Form: Decodable>(_ form: Form.Type = Form.self) throws(UnreadableForm) -> Form {
    do {
      return try URLEncodedFormDecoder().decode(Form.self, from: text)
    } catch let error as UnreadableForm {
      throw error
    } catch let error as URLEncodedFormError {
      throw UnreadableForm(reason: UnreadableForm.reason(error))
    } catch {
      throw UnreadableForm(reason: "a field not of the kind the form takes")
    }
  }
}

/// A posted body the desk cannot read into its form: nothing is done, and the clerk is told
/// to reload the page and send the form again (naming the field, when one was missing or
/// held a value the page does not offer).
struct UnreadableForm: Error, Equatable {
  /// What was wrong, for the log: never the value sent, which may be a password or a CPR number.
  var reason: String
  /// The field whose choice was missing or not one offered (`Chosen`); nil when the body as
  /// a whole could not be read.
  var field: String? = nil

  /// The refusal of field `name`'s choice: not sent, or a value the page does not offer.
  static func choice(_ name: String, sent: Bool) -> UnreadableForm {
    UnreadableForm(reason: sent ? "\(name) is not a value the form offers" : "\(name) is not sent", field: name)
  }

  /// The reason of a decoder's refusal, without the value it quotes.
  static func reason(_ error: URLEncodedFormError) -> String {
    switch error.code {
    case .duplicateKeys: "a field is sent twice"
    case .failedToPercentDecode: "a broken %-escape"
    case .corruptKeyValue: "a field name with unclosed brackets"
    case .addingToInvalidType, .notSupported, .invalidArrayIndex: "fields that do not fit together"
    default: "the decoder failed"
    }
  }
}

/// The CSRF token every form of a signed-in page carries (`csrf`).
struct CSRFField: Decodable, Sendable {
  @Typed var csrf = ""
}

/// A form with no field but its CSRF token (sign-out), or a GET's.
struct NoFields: Decodable, Sendable {}

/// A text field as the clerk typed it, without the whitespace around it; "" when the form did
/// not send it.
@propertyWrapper
struct Typed: Decodable, Sendable {
  /// The text.
  var wrappedValue: String

  /// A field holding `wrappedValue`, as a blank or pre-filled form shows it.
  init(wrappedValue: String) { self.wrappedValue = wrappedValue }

  /// The field's value, trimmed.
  init(from decoder: any Decoder) throws {
    wrappedValue = try decoder.singleValueContainer().decode(String.self).trimmingCharacters(
      in: .whitespacesAndNewlines)
  }
}

/// A choice among fixed values (a select, a group of radio buttons): one of `Value`'s raw
/// values, else the form is refused (`UnreadableForm.choice`, 400 naming the field). Never a
/// default: the desk's pages always send one of the values offered, so a missing or unknown
/// value is a form that did not come from them, and guessing would record what no clerk chose.
@propertyWrapper
struct Chosen<Value: RawRepresentable & Sendable>: Decodable, Sendable where Value.RawValue == String {
  /// The value chosen.
  var wrappedValue: Value

  /// A choice of `wrappedValue`, as a blank or pre-filled form shows it.
  init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

  /// The value sent, which must be one of `Value`'s.
  init(from decoder: any Decoder) throws {
    let name = decoder.codingPath.last?.stringValue ?? ""
    let text = try decoder.singleValueContainer().decode(String.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let value = Value(rawValue: text) else { throw UnreadableForm.choice(name, sent: true) }
    wrappedValue = value
  }
}

/// A checkbox: ticked when the form sent its name, whatever the value.
@propertyWrapper
struct Ticked: Decodable, Sendable {
  /// Whether the box was ticked.
  var wrappedValue: Bool

  /// A box ticked or not, as a blank or pre-filled form shows it.
  init(wrappedValue: Bool) { self.wrappedValue = wrappedValue }

  /// A box the form sent: ticked.
  init(from decoder: any Decoder) throws { wrappedValue = true }
}

/// A group of checkboxes sharing one name (one of `PostedForm.checkboxGroups`): the values of
/// the boxes ticked, in the order sent, untrimmed; empty when none was.
@propertyWrapper
struct TickedGroup: Decodable, Sendable {
  /// The values of the boxes ticked.
  var wrappedValue: [String]

  /// A group with `wrappedValue` ticked, as a blank or pre-filled form shows it.
  init(wrappedValue: [String]) { self.wrappedValue = wrappedValue }

  /// The values the form sent.
  init(from decoder: any Decoder) throws { wrappedValue = try [String](from: decoder) }
}

/// A field the form did not send decodes as blank, unticked or empty, not as an error: a
/// browser leaves out a box not ticked, and a page may send only some of a form's fields.
/// A choice (`Chosen`) is the exception: one not sent is refused.
extension KeyedDecodingContainer {
  /// The choice `key`; refused when not sent.
  func decode<Value>(_ type: Chosen<Value>.Type, forKey key: Key) throws -> Chosen<Value> {
    guard let chosen = try decodeIfPresent(type, forKey: key) else {
      throw UnreadableForm.choice(key.stringValue, sent: false)
    }
    return chosen
  }

  /// The text field `key`; "" when not sent.
  func decode(_ type: Typed.Type, forKey key: Key) throws -> Typed {
    try decodeIfPresent(type, forKey: key) ?? Typed(wrappedValue: "")
  }

  /// The checkbox `key`; not ticked when not sent.
  func decode(_ type: Ticked.Type, forKey key: Key) throws -> Ticked {
    try decodeIfPresent(type, forKey: key) ?? Ticked(wrappedValue: false)
  }

  /// The checkbox group `key`; none ticked when not sent.
  func decode(_ type: TickedGroup.Type, forKey key: Key) throws -> TickedGroup {
    try decodeIfPresent(type, forKey: key) ?? TickedGroup(wrappedValue: [])
  }
}
