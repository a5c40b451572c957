/// The named members of a ``TemplateValue/object(_:)``, in the order they were added.
///
/// Records have a handful of members with short names, and the renderer looks members up
/// by name many times per document: comparing short strings in a small array is several times
/// faster than hashing them. Objects with many members also keep a hash index.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  /// The member names, in order.
  public private(set) var keys: [String] = []
  /// The member values, in the order of `keys`.
  public private(set) var values: [TemplateValue] = []
  /// Positions by name, kept only once the object is large enough to need it.
  private var index: [String: Int]?

  /// Above this many members, lookups go through a hash index.
  private static let linearLimit = 16

  /// An empty object.
  public init() {}

  /// An empty object with room for `capacity` members before its storage grows.
  public init(minimumCapacity capacity: Int) {
    keys.reserveCapacity(capacity)
    values.reserveCapacity(capacity)
  }

  /// An object with the members of a dictionary.
  public init(_ members: [String: TemplateValue]) {
    for (key, value) in members.sorted(by: { $0.key < $1.key }) { self[key] = value }
  }

  /// An object from a literal; a repeated key keeps its last value.
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    for (key, value) in elements { self[key] = value }
  }

  /// How many members the object has.
  public var count: Int { keys.count }

  private func position(of key: String) -> Int? {
    position(of: key, hint: -1)
  }

  /// The position of a member, trying `hint` first: records of one shape keep their members
  /// in one order, so the position where a name was last found is nearly always right, and a
  /// right guess costs one comparison. A miss compares lengths before texts.
  @inline(__always)
  func position(of key: String, hint: Int) -> Int? {
    if hint >= 0, hint < keys.count, keys[hint] == key { return hint }
    if let index { return index[key] }
    let length = key.utf8.count
    for position in keys.indices where keys[position].utf8.count == length && keys[position] == key {
      return position
    }
    return nil
  }

  /// The member with this name; setting `nil` removes it.
  public subscript(key: String) -> TemplateValue? {
    get {
      position(of: key).map { values[$0] }
    }
    set {
      if let position = position(of: key) {
        if let newValue {
          values[position] = newValue
        } else {
          keys.remove(at: position)
          values.remove(at: position)
          rebuildIndex()
        }
      } else if let newValue {
        keys.append(key)
        values.append(newValue)
        if index != nil {
          index?[key] = keys.count - 1
        } else if keys.count > Self.linearLimit {
          rebuildIndex()
        }
      }
    }
  }

  /// Adds member `key`, which the object does not have yet, without looking for it first: for
  /// a record built member by member, where setting each by name would compare it with every
  /// member before it. (A repeated key is a mistake of the caller's; debug builds stop on it.)
  ///
  /// Such a record keeps no hash index below `appendedLinearLimit` members: it is made for one
  /// page and read by the renderer's hints, which nearly always find a member at the first
  /// comparison; the index of a 23-member record cost more to build than all its look-ups.
  public mutating func append(_ key: String, _ value: TemplateValue) {
    assert(position(of: key) == nil, "member \(key) added twice")
    keys.append(key)
    values.append(value)
    if index != nil {
      index?[key] = keys.count - 1
    } else if keys.count > Self.appendedLinearLimit {
      rebuildIndex()
    }
  }

  /// Above this many members, an object built by `append` keeps a hash index too.
  private static let appendedLinearLimit = 64

  private mutating func rebuildIndex() {
    guard keys.count > Self.linearLimit else {
      index = nil
      return
    }
    var positions: [String: Int] = [:]
    for (position, key) in keys.enumerated() { positions[key] = position }
    index = positions
  }

  /// The members as a dictionary.
  public var dictionary: [String: TemplateValue] {
    Dictionary(zip(keys, values), uniquingKeysWith: { _, last in last })
  }

  /// Equal when both have the same members with equal values, in any order.
  public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for (key, value) in zip(lhs.keys, lhs.values) where rhs[key] != value { return false }
    return true
  }
}
