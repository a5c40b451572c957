import XMLTemplates

extension TemplateObject {
  /// An object of `members` (names given once) in name order, as
  /// `TemplateObject([String: TemplateValue])` makes one, without a dictionary on the way.
  static func nameOrdered(_ members: [(String, TemplateValue)]) -> TemplateObject {
    var object = TemplateObject(minimumCapacity: members.count)
    for (key, value) in members.sorted(by: { $0.0 < $1.0 }) { object[key] = value }
    return object
  }
}

extension TemplateValue {
  /// The members of an object; empty for anything else.
  var batchMembers: [String: TemplateValue] {
    if case .object(let members) = self { return members.dictionary }
    return [:]
  }

  /// The string, when this is one.
  var batchString: String? {
    if case .string(let text) = self { return text }
    return nil
  }
}
