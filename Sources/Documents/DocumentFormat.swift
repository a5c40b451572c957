import DigitalPost
import Foundation

/// What a document is written as: HTML, or PDF printed from it by headless Chromium.
public enum DocumentFormat: String, Sendable, CaseIterable {
  /// PDF on A4, printed by headless Chromium: what a print service and Digital Post take.
  case pdf
  /// The HTML document itself, for a browser or a preview where Chromium is not at hand.
  case html

  /// The file name suffix of a document in this format.
  public var fileSuffix: String { rawValue }
}
