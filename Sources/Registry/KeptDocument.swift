import DigitalPost
import Foundation
import GRDB

/// A document a desk made and keeps for the clerks of its centre to open and print again
/// (the web desk's letters), read back by the action that made it and its name.
///
/// The registry stores bytes, a format's name and a centre; what the format means (its media
/// type, its file suffix) is the `Documents` module's.
public struct KeptDocument: Sendable, Equatable {
  /// The centre whose clerk made it: only that centre's clerks are served it.
  public var centre: MunicipalityCode
  /// The format's name, as `DocumentFormat` spells it (`html`, `pdf`).
  public var format: String
  /// The document's bytes.
  public var contents: Data
  /// When it was made: it is forgotten once older than the desk's retention period.
  public var madeAt: Date
}
