import Foundation

/// Turns any `Encodable` into a ``TemplateValue`` directly, without a JSON round trip.
///
/// `Date` becomes an ISO 8601 date-time in UTC (so the `date` filter reads it), `URL` its
/// absolute string, `Decimal` a number; `nil` optionals are left out, like JSONEncoder does.
enum TemplateValueEncoding {
  /// Encodes a value into the template data tree.
  static func encode<T: Encodable>(_ value: T) throws -> TemplateValue {
    if let ready = value as? TemplateValue { return ready }
    let node = EncodingNode()
    try node.store(value, codingPath: [])
    return node.finish()
  }
}

/// One value under construction; a class so that containers can fill it after returning.
final class EncodingNode {
  var value: TemplateValue?
  var object: [String: EncodingNode]?
  var list: [EncodingNode]?

  func finish() -> TemplateValue {
    if let object { return .object(object.mapValues { $0.finish() }) }
    if let list { return .list(list.map { $0.finish() }) }
    return value ?? .object([:])
  }

  func store<T: Encodable>(_ encodable: T, codingPath: [any CodingKey]) throws {
    switch encodable {
    case let date as Date:
      value = .string(date.formatted(.iso8601))
    case let url as URL:
      value = .string(url.absoluteString)
    case let decimal as Decimal:
      value = .double(NSDecimalNumber(decimal: decimal).doubleValue)
    default:
      try encodable.encode(to: NodeEncoder(node: self, codingPath: codingPath))
    }
  }
}

private struct NodeEncoder: Encoder {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    if node.object == nil { node.object = [:] }
    return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if node.list == nil { node.list = [] }
    return UnkeyedContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleContainer(node: node, codingPath: codingPath)
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  let codingPath: [any CodingKey]

  private func put(_ value: TemplateValue, _ key: Key) {
    let child = EncodingNode()
    child.value = value
    node.object?[key.stringValue] = child
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
    let child = EncodingNode()
    try child.store(value, codingPath: codingPath + [key])
    node.object?[key.stringValue] = child
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let child = EncodingNode()
    node.object?[key.stringValue] = child
    return NodeEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = EncodingNode()
    node.object?[key.stringValue] = child
    return NodeEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    NodeEncoder(node: node, codingPath: codingPath)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    let child = EncodingNode()
    node.object?[key.stringValue] = child
    return NodeEncoder(node: child, codingPath: codingPath + [key])
  }
}

private struct IndexKey: CodingKey {
  let intValue: Int?
  let stringValue: String
  init(_ index: Int) {
    intValue = index
    stringValue = String(index)
  }
  init?(stringValue: String) { nil }
  init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  var count: Int { node.list?.count ?? 0 }

  private func put(_ value: TemplateValue) {
    let child = EncodingNode()
    child.value = value
    node.list?.append(child)
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
    let child = EncodingNode()
    try child.store(value, codingPath: codingPath + [IndexKey(count)])
    node.list?.append(child)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    let child = EncodingNode()
    let path = codingPath + [IndexKey(count)]
    node.list?.append(child)
    return NodeEncoder(node: child, codingPath: path).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let child = EncodingNode()
    let path = codingPath + [IndexKey(count)]
    node.list?.append(child)
    return NodeEncoder(node: child, codingPath: path).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let child = EncodingNode()
    let path = codingPath + [IndexKey(count)]
    node.list?.append(child)
    return NodeEncoder(node: child, codingPath: path)
  }
}

private struct SingleContainer: SingleValueEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]

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
  mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
}
