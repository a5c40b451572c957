import Foundation

/// Turns any `Encodable` into a ``TemplateValue`` directly, without a JSON round trip.
///
/// `Date` becomes an ISO 8601 date-time in UTC (so the `date` filter reads it), `URL` its
/// absolute string, `Decimal` a number; `nil` optionals are left out, like JSONEncoder does.
/// For speed the coding path is not tracked: custom `encode(to:)` methods see it empty.
enum TemplateValueEncoding {
  /// Encodes a value into the template data tree.
  static func encode<T: Encodable>(_ value: T) throws -> TemplateValue {
    if let ready = value as? TemplateValue { return ready }
    return try encodeValue(value)
  }

  /// Encodes one value completely, so that containers can store the result at once; only
  /// the rarely used nested containers need a node that is finished later.
  static func encodeValue<T: Encodable>(_ value: T) throws -> TemplateValue {
    // Metatype comparisons are much cheaper than dynamic casts for every value.
    if T.self == String.self { return .string(value as! String) }
    // A tree made once (a page's words) goes in as it is, not encoded again member by member.
    if T.self == TemplateValue.self { return value as! TemplateValue }
    if T.self == Int.self { return .int(value as! Int) }
    if T.self == Bool.self { return .bool(value as! Bool) }
    if T.self == Double.self { return .double(value as! Double) }
    if T.self == Date.self { return .string((value as! Date).formatted(.iso8601)) }
    if T.self == URL.self { return .string((value as! URL).absoluteString) }
    if T.self == Decimal.self { return .double(NSDecimalNumber(decimal: value as! Decimal).doubleValue) }
    let node = EncodingNode()
    try value.encode(to: NodeEncoder(node: node))
    return node.finish()
  }
}

/// One value under construction; a class so that nested containers can fill it after
/// returning. Finished members are stored as values; only nested containers stay nodes.
///
/// A node is only ever used by the one encoding call that made it, so its members skip the
/// runtime's exclusivity checks (a fifth of the time spent filling records).
final class EncodingNode {
  @exclusivity(unchecked) var value: TemplateValue?
  @exclusivity(unchecked) var object: TemplateObject?
  @exclusivity(unchecked) var list: [TemplateValue]?
  @exclusivity(unchecked) var pendingMembers: [(String, EncodingNode)] = []
  @exclusivity(unchecked) var pendingItems: [(Int, EncodingNode)] = []

  func finish() -> TemplateValue {
    if var object {
      for (key, node) in pendingMembers { object[key] = node.finish() }
      return .object(object)
    }
    if var list {
      for (index, node) in pendingItems { list[index] = node.finish() }
      return .list(list)
    }
    return value ?? .object([:])
  }
}

private struct NodeEncoder: Encoder {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    // Room for a typical record's members, so the arrays do not regrow while filling.
    if node.object == nil { node.object = TemplateObject(minimumCapacity: 12) }
    return KeyedEncodingContainer(KeyedContainer<Key>(node: node))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if node.list == nil { node.list = [] }
    return UnkeyedContainer(node: node)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleContainer(node: node)
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }

  private func put(_ value: TemplateValue, _ key: Key) {
    node.object?[key.stringValue] = value
  }

  private func pending(_ key: Key) -> EncodingNode {
    let child = EncodingNode()
    node.object?[key.stringValue] = .null
    node.pendingMembers.append((key.stringValue, child))
    return child
  }

  mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { put(.double(Double(value)), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(value), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { put(.int(Int(clamping: value)), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.int(Int(clamping: value)), key) }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    put(try TemplateValueEncoding.encodeValue(value), key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    NodeEncoder(node: pending(key)).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    NodeEncoder(node: pending(key)).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    NodeEncoder(node: node)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    NodeEncoder(node: pending(key))
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }
  var count: Int { node.list?.count ?? 0 }

  private func put(_ value: TemplateValue) {
    node.list?.append(value)
  }

  private func pending() -> EncodingNode {
    let child = EncodingNode()
    node.pendingItems.append((count, child))
    node.list?.append(.null)
    return child
  }

  mutating func encodeNil() throws { put(.null) }
  mutating func encode(_ value: Bool) throws { put(.bool(value)) }
  mutating func encode(_ value: String) throws { put(.string(value)) }
  mutating func encode(_ value: Double) throws { put(.double(value)) }
  mutating func encode(_ value: Float) throws { put(.double(Double(value))) }
  mutating func encode(_ value: Int) throws { put(.int(value)) }
  mutating func encode(_ value: Int8) throws { put(.int(Int(value))) }
  mutating func encode(_ value: Int16) throws { put(.int(Int(value))) }
  mutating func encode(_ value: Int32) throws { put(.int(Int(value))) }
  mutating func encode(_ value: Int64) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt) throws { put(.int(Int(clamping: value))) }
  mutating func encode(_ value: UInt8) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt16) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt32) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt64) throws { put(.int(Int(clamping: value))) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    put(try TemplateValueEncoding.encodeValue(value))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    NodeEncoder(node: pending()).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    NodeEncoder(node: pending()).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    NodeEncoder(node: pending())
  }
}

private struct SingleContainer: SingleValueEncodingContainer {
  let node: EncodingNode
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil() throws { node.value = .null }
  mutating func encode(_ value: Bool) throws { node.value = .bool(value) }
  mutating func encode(_ value: String) throws { node.value = .string(value) }
  mutating func encode(_ value: Double) throws { node.value = .double(value) }
  mutating func encode(_ value: Float) throws { node.value = .double(Double(value)) }
  mutating func encode(_ value: Int) throws { node.value = .int(value) }
  mutating func encode(_ value: Int8) throws { node.value = .int(Int(value)) }
  mutating func encode(_ value: Int16) throws { node.value = .int(Int(value)) }
  mutating func encode(_ value: Int32) throws { node.value = .int(Int(value)) }
  mutating func encode(_ value: Int64) throws { node.value = .int(Int(value)) }
  mutating func encode(_ value: UInt) throws { node.value = .int(Int(clamping: value)) }
  mutating func encode(_ value: UInt8) throws { node.value = .int(Int(value)) }
  mutating func encode(_ value: UInt16) throws { node.value = .int(Int(value)) }
  mutating func encode(_ value: UInt32) throws { node.value = .int(Int(value)) }
  mutating func encode(_ value: UInt64) throws { node.value = .int(Int(clamping: value)) }
  mutating func encode<T: Encodable>(_ value: T) throws { node.value = try TemplateValueEncoding.encodeValue(value) }
}
