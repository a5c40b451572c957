import Foundation

/// One row of a statement's result, its columns by position, as `StoreValue`s: the rules
/// read rows the same on either engine.
///
/// `row[i]` reads column `i` as the type asked for (`let id: Int64 = row[0]`); asking a
/// non-optional type of a NULL or of a value of another kind is a programming error (the
/// schema says what each column holds), as it is with GRDB's rows.
public struct StoreRow: Sendable, Hashable {
  /// The columns, in the statement's order.
  public var values: [StoreValue]

  /// A row of `values`.
  public init(_ values: [StoreValue]) { self.values = values }

  /// Column `index` as `T`.
  public subscript<T: StoreReadable>(_ index: Int) -> T {
    guard let value = T.read(values[index]) else {
      preconditionFailure("column \(index) holds \(values[index]), not \(T.self)")
    }
    return value
  }
}

/// A Swift type a `StoreRow` column reads as.
public protocol StoreReadable {
  /// The value of `stored`, nil when it is not one of this type.
  static func read(_ stored: StoreValue) -> Self?
}

extension Int64: StoreReadable {
  /// An integer; a truth value as 0 or 1 (`EXISTS` is boolean on PostgreSQL, an integer on SQLite).
  public static func read(_ stored: StoreValue) -> Int64? {
    switch stored {
    case .integer(let value): value
    case .boolean(let value): value ? 1 : 0
    case .real(let value): Int64(exactly: value)
    default: nil
    }
  }
}

extension Int: StoreReadable {
  /// An integer.
  public static func read(_ stored: StoreValue) -> Int? { Int64.read(stored).map { Int($0) } }
}

extension Double: StoreReadable {
  /// A double; an integer widened.
  public static func read(_ stored: StoreValue) -> Double? {
    switch stored {
    case .real(let value): value
    case .integer(let value): Double(value)
    default: nil
    }
  }
}

extension String: StoreReadable {
  /// Text.
  public static func read(_ stored: StoreValue) -> String? {
    if case .text(let value) = stored { return value }
    return nil
  }
}

extension Data: StoreReadable {
  /// Bytes; text as its UTF-8 (SQLite returns what was stored).
  public static func read(_ stored: StoreValue) -> Data? {
    switch stored {
    case .blob(let value): value
    case .text(let value): Data(value.utf8)
    default: nil
    }
  }
}

extension Bool: StoreReadable {
  /// A truth value; an integer is true when not 0 (SQLite stores 0 or 1).
  public static func read(_ stored: StoreValue) -> Bool? {
    switch stored {
    case .boolean(let value): value
    case .integer(let value): value != 0
    default: nil
    }
  }
}

extension Optional: StoreReadable where Wrapped: StoreReadable {
  /// nil for NULL, else the wrapped type's reading (which must succeed).
  public static func read(_ stored: StoreValue) -> Wrapped?? {
    if case .null = stored { return .some(nil) }
    return Wrapped.read(stored).map { .some($0) }
  }
}
