/// The data a template renders: a small tree of plain values, made from any `Encodable`
/// or from JSON.
public enum TemplateValue: Sendable, Equatable {
  /// An explicit null; treated like a missing value.
  case null
  /// A boolean.
  case bool(Bool)
  /// A whole number.
  case int(Int)
  /// A number with a fraction.
  case double(Double)
  /// A string.
  case string(String)
  /// A list of values, for `t:each`.
  case list([TemplateValue])
  /// Named values, reached by dotted paths.
  case object(TemplateObject)

  /// Truthy as the template language defines it: true, a non-empty string or list, a
  /// non-zero number; objects are truthy, null is not.
  var isTruthy: Bool {
    switch self {
    case .null: return false
    case .bool(let value): return value
    case .int(let value): return value != 0
    case .double(let value): return value != 0
    case .string(let value): return !value.isEmpty
    case .list(let value): return !value.isEmpty
    case .object: return true
    }
  }

  /// Whether the value is anything but null; a pattern match, cheaper than `!= .null`.
  var isPresent: Bool {
    if case .null = self { return false }
    return true
  }

  /// The member with this name, or the list item at this decimal index.
  func member(_ name: String) -> TemplateValue? {
    switch self {
    case .object(let members):
      return members[name]
    case .list(let items):
      guard let index = Int(name), items.indices.contains(index) else { return nil }
      return items[index]
    default:
      return nil
    }
  }

  /// The text a value shows as; `nil` for values that have no text form (lists, objects).
  var text: String? {
    switch self {
    case .null: return nil
    case .bool(let value): return value ? "true" : "false"
    case .int(let value): return String(value)
    case .double(let value):
      if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
      return String(value)
    case .string(let value): return value
    case .list, .object: return nil
    }
  }

  /// A short name of the value's kind, for error messages.
  var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int, .double: return "a number"
    case .string: return "a string"
    case .list: return "a list"
    case .object: return "an object"
    }
  }
}

extension TemplateValue: Encodable {
  /// Encodes the tree as the plain JSON-like value it stands for.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    case .double(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .list(let value): try container.encode(value)
    case .object(let value): try container.encode(value.dictionary)
    }
  }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  /// A string value from a literal.
  public init(stringLiteral value: String) { self = .string(value) }
  /// A whole number from a literal.
  public init(integerLiteral value: Int) { self = .int(value) }
  /// A boolean from a literal.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// A list from a literal.
  public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
  /// An object from a literal; a repeated key keeps its last value.
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    var object = TemplateObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}

extension TemplateValue {
  /// Reads JSON into a value tree; `path` names the JSON in error messages.
  public init(json: [UInt8], path: String = "data.json") throws(TemplateError) {
    self = try JSONReader.read(json, path: path)
  }

  /// Turns any `Encodable` into a value tree, as `Template.render(_:)` does before rendering.
  public init<T: Encodable>(encoding value: T) throws {
    self = try TemplateValueEncoding.encode(value)
  }
}
