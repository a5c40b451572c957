import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, as the browser sent them.
struct FormBody: Sendable {
  private var fields: [String: [String]] = [:]

  init(_ text: String) {
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = Self.decode(parts[0])
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      fields[name, default: []].append(value)
    }
  }

  /// Reads the body of `request`, at most 64 KiB: the desk's forms are small.
  static func read(_ request: Request) async throws -> FormBody {
    let buffer = try await request.body.collect(upTo: 64 * 1024)
    return FormBody(String(buffer: buffer))
  }

  /// The first value of `name`, trimmed; "" when absent.
  subscript(_ name: String) -> String {
    (fields[name]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Every value of `name` (checkboxes), in order.
  func all(_ name: String) -> [String] { fields[name] ?? [] }

  /// Whether the checkbox `name` was ticked.
  func ticked(_ name: String) -> Bool { !(fields[name] ?? []).isEmpty }

  private static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
