import Foundation

/// A value a statement binds or a row holds, in the types both engines store: the registry
/// keeps dates as ISO text (`2026-12-07`) and CPR numbers as integers on either engine.
public enum StoreValue: Sendable, Hashable {
  /// SQL NULL.
  case null
  /// A 64-bit integer (SQLite INTEGER, PostgreSQL bigint).
  case integer(Int64)
  /// A double (SQLite REAL, PostgreSQL double precision).
  case real(Double)
  /// Text (SQLite TEXT, PostgreSQL text).
  case text(String)
  /// Bytes (SQLite BLOB, PostgreSQL bytea).
  case blob(Data)
  /// A truth value (SQLite stores 0 or 1, PostgreSQL boolean).
  case boolean(Bool)
}

/// A Swift value that binds as a `StoreValue`: the arguments of `StoreConnection`'s statements.
public protocol StoreBindable {
  /// The value as bound.
  var storeValue: StoreValue { get }
}

extension StoreValue: StoreBindable {
  /// Itself.
  public var storeValue: StoreValue { self }
}

extension Int64: StoreBindable {
  /// An integer.
  public var storeValue: StoreValue { .integer(self) }
}

extension Int: StoreBindable {
  /// An integer.
  public var storeValue: StoreValue { .integer(Int64(self)) }
}

extension Double: StoreBindable {
  /// A double.
  public var storeValue: StoreValue { .real(self) }
}

extension String: StoreBindable {
  /// Text.
  public var storeValue: StoreValue { .text(self) }
}

extension Data: StoreBindable {
  /// Bytes.
  public var storeValue: StoreValue { .blob(self) }
}

extension Bool: StoreBindable {
  /// A truth value.
  public var storeValue: StoreValue { .boolean(self) }
}

extension Optional: StoreBindable where Wrapped: StoreBindable {
  /// The wrapped value, or NULL.
  public var storeValue: StoreValue { self?.storeValue ?? .null }
}
