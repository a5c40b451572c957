import DigitalPost
import Foundation

extension Registry {
  /// The value of the code `text` that `column` of a `table` row holds: a code no value has
  /// is an error naming the table, the row (`row`, with its CPR number masked), the column
  /// and the text, never a default. Such a row was written outside PostDesk, or by a newer
  /// PostDesk that knows a code this one does not.
  static func decode<Value>(
    _ text: String, _ parse: (String) -> Value?, codes: @autoclosure () -> [String], table: String,
    row: @autoclosure () -> String, column: String
  ) throws -> Value {
    if let value = parse(text) { return value }
    throw RegistryError(
      "the \(table) row of \(row()) holds \(column) \"\(text)\", which is not a code this PostDesk knows "
        + "(\(codes().joined(separator: ", "))): it was written outside PostDesk or by a newer version; restore the "
        + "row from a backup or set \(column) to one of those codes, then try again")
  }

  /// The municipality of a `centre` column: its three digits, as the audit log's `centre` has them.
  static func municipality(_ text: String, table: String, row: @autoclosure () -> String) throws
    -> MunicipalityCode
  {
    try decode(
      text, { $0.count == 3 ? Int($0).flatMap(MunicipalityCode.init) : nil },
      codes: ["a three-digit municipality code"],
      table: table, row: row(), column: "centre")
  }

  /// The criteria of a `criteria` column (a JSON array of codes): a text that is no such
  /// array, or a code no criterion has, is an error naming the row, never fewer criteria.
  static func criteria(_ text: String, table: String, row: @autoclosure () -> String) throws
    -> [ExemptionCriterion]
  {
    guard let words = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
      throw RegistryError(
        "the \(table) row of \(row()) holds criteria \(text), which is not a JSON array of criteria: it was written "
          + "outside PostDesk; restore the row from a backup, then try again")
    }
    return try words.map {
      try decode(
        $0, ExemptionCriterion.init(code:), codes: ExemptionCriterion.codes, table: table, row: row(),
        column: "criteria")
    }
  }

  /// The identity documents of an application's `identity_documents` column: a text that is
  /// not a JSON array of documents is an error naming the application, never none.
  static func documents(_ text: String, row: @autoclosure () -> String) throws -> [PresentedDocument] {
    guard let documents = try? JSONDecoder().decode([PresentedDocument].self, from: Data(text.utf8)) else {
      throw RegistryError(
        "the application row of \(row()) holds identity_documents \(text), which is not a JSON array of identity "
          + "documents: it was written outside PostDesk; restore the row from a backup, then try again")
    }
    return documents
  }

  /// The end reason of an exemption row, from its `end_reason` and `end_helper` columns.
  static func exemptionEndReason(code: String?, helper: Int64?, row: @autoclosure () -> String) throws
    -> ExemptionEndReason?
  {
    guard let code else { return nil }
    let known = try decode(
      code, ExemptionEndReason.Code.init(code:), codes: ExemptionEndReason.Code.codes, table: "exemption", row: row(),
      column: "end_reason")
    guard let reason = ExemptionEndReason(code: known, helper: helper.map(CitizenRow.cpr)) else {
      throw RegistryError(
        "the exemption row of \(row()) holds end_reason \"\(code)\" "
          + (helper == nil ? "without the helper the access was given to" : "with an end_helper it does not take")
          + ": it was written outside PostDesk; restore the row from a backup, then try again")
    }
    return reason
  }
}
