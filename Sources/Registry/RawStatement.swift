import DigitalPost
import Foundation
import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#else
  import SQLite3
#endif

/// Binds and reads a GRDB-prepared statement through the SQLite C API directly.
///
/// Only for the two hot paths at register scale (the bulk import and the routing lookup):
/// there GRDB's `StatementArguments` and `Row` cost more than SQLite itself. The statement
/// still comes from GRDB's cache and runs on GRDB's connection and thread. Measured by
/// `registry-bench rows`: the routing row of a random citizen of 5,000,000 read 371,288
/// times a second this way against 151,948 through GRDB's `Row`, the same held statement
/// (2.44x; median of 5 rounds of 1,000,000, one core, bench/registry/RESULTS.md).
struct RawStatement {
  let handle: OpaquePointer
  let db: Database

  init(_ statement: Statement, _ db: Database) {
    self.handle = statement.sqliteStatement
    self.db = db
  }

  /// SQLite copies the bytes before `bind` returns.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  func bind(_ index: Int32, _ value: Int64?) {
    if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
  }

  func bind(_ index: Int32, _ value: String?) {
    guard var value else {
      sqlite3_bind_null(handle, index)
      return
    }
    value.withUTF8 { bytes in
      _ = sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
    }
  }

  /// Steps once: true with a row, false when done; throws GRDB's error otherwise.
  func step() throws -> Bool {
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
    sqlite3_reset(handle)
    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
  }

  /// Makes the statement ready for the next bindings.
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  /// Makes the statement ready to step again with the same bindings.
  func resetKeepingBindings() {
    sqlite3_reset(handle)
  }

  /// The first byte of a text column, nil when NULL or empty: enough to tell the
  /// registry's own words apart without making a String.
  func firstByte(_ column: Int32) -> UInt8? {
    guard let pointer = sqlite3_column_text(handle, column), sqlite3_column_bytes(handle, column) > 0 else {
      return nil
    }
    return pointer.pointee
  }

  /// A `YYYY-MM-DD` column as a date, read in place; nil when NULL or not a date (the
  /// same answers as `CivilDate(iso:)`, which reads anything else).
  func date(_ column: Int32) -> CivilDate? {
    guard let pointer = sqlite3_column_text(handle, column) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, column))
    let bytes = UnsafeBufferPointer(start: pointer, count: count)
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
        guard (0...9).contains(digit) else { return nil }
        value = value * 10 + digit
      }
      return value
    }
    if count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
    {
      return CivilDate(year: year, month: month, day: day)
    }
    return text(column).flatMap(CivilDate.init(iso:))
  }

  func int64(_ column: Int32) -> Int64? {
    sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
  }

  /// The number of columns a row of the statement has.
  var columnCount: Int32 { sqlite3_column_count(handle) }

  /// Binds `value` as SQLite stores it (a truth value as 0 or 1).
  func bind(_ index: Int32, _ value: StoreValue) {
    switch value {
    case .null: sqlite3_bind_null(handle, index)
    case .integer(let integer): sqlite3_bind_int64(handle, index, integer)
    case .real(let real): sqlite3_bind_double(handle, index, real)
    case .text(let text): bind(index, text)
    case .boolean(let truth): sqlite3_bind_int64(handle, index, truth ? 1 : 0)
    case .blob(let data):
      data.withUnsafeBytes { bytes in
        // A zero-length blob still binds as a blob, not NULL: SQLite wants a pointer.
        _ = sqlite3_bind_blob(
          handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), Self.transient)
      }
    }
  }

  /// Column `column` of the current row, in the type SQLite holds it.
  func value(_ column: Int32) -> StoreValue {
    switch sqlite3_column_type(handle, column) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
    case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
    case SQLITE_TEXT: return .text(text(column) ?? "")
    case SQLITE_BLOB:
      let count = Int(sqlite3_column_bytes(handle, column))
      guard let pointer = sqlite3_column_blob(handle, column), count > 0 else { return .blob(Data()) }
      return .blob(Data(bytes: pointer, count: count))
    default: return .null
    }
  }

  func text(_ column: Int32) -> String? {
    guard let pointer = sqlite3_column_text(handle, column) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }
}
