import DigitalPost
import Foundation

/// Whether an address can be set in the envelope window without a wrap: the layout's
/// recipient block (`templates/layout.xhtml`) holds 7 lines of 10 pt on 12 pt, 80 mm wide,
/// inside the C5 window. A line that wrapped would push the postcode line down and out of the
/// window, so a letter whose address does not fit is refused before it is written.
public enum EnvelopeWindow {
  /// The lines the recipient block holds, the name included.
  public static let lines = 7
  /// The width of the recipient block, in millimetres.
  public static let widthMillimetres = 80.0
  /// The font size of the address, in points.
  public static let fontPoints = 10.0

  /// Why an address does not fit.
  public enum Problem: Equatable, Sendable {
    /// More lines than the window holds (the name included).
    case tooManyLines(Int)
    /// A line wider than the window, with its width in whole millimetres (rounded up).
    case tooWide(line: String, millimetres: Int)
  }

  /// Why `name` over `lines` cannot be set in the window, or nil when it fits.
  public static func problem(name: String, lines addressLines: [String]) -> Problem? {
    let all = [name] + addressLines
    if all.count > lines { return .tooManyLines(all.count) }
    for line in all {
      let width = millimetres(line)
      if width > widthMillimetres { return .tooWide(line: line, millimetres: Int(width.rounded(.up))) }
    }
    return nil
  }

  /// The width of `text` at 10 pt in Liberation Sans, the layout's font (metric-compatible
  /// with Arial, whose advance widths in thousandths of an em these are). A letter with a mark
  /// (é, å) is as wide as its base letter; a character not in the table counts as 1 em, so
  /// an unknown line is judged wider, never narrower.
  public static func millimetres(_ text: String) -> Double {
    var units = 0
    for scalar in text.unicodeScalars { units += advance(scalar) }
    return Double(units) / 1000 * fontPoints * 25.4 / 72
  }

  private static func advance(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v >= 0x20 && v < 0x7F { return ascii[Int(v - 0x20)] }
    if let width = latin[scalar] { return width }
    // A letter with marks: its base letter (é → e).
    let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first!
    if base != scalar, base.value >= 0x20 && base.value < 0x7F { return ascii[Int(base.value - 0x20)] }
    return 1000
  }

  /// U+0020 to U+007E.
  private static let ascii: [Int] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 to ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ to O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P to _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` to o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p to ~
  ]

  /// Letters of Danish and other Latin addresses with no decomposition.
  private static let latin: [Unicode.Scalar: Int] = [
    "Æ": 1000, "æ": 889, "Ø": 778, "ø": 611, "ß": 611, "Œ": 1000, "œ": 944, "Ð": 722, "ð": 556, "Þ": 667,
    "þ": 556, "Ł": 556, "ł": 222, "\u{00A0}": 278, "–": 556, "—": 1000, "’": 222, "·": 278,
  ]
}
