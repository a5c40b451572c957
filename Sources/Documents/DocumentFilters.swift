import DigitalPost
import XMLTemplates

extension TemplateFilterSet {
  /// The filters PostDesk brings to every template it compiles, beside the engine's own:
  /// `cpr`, a CPR number masked as `DDMMYY-XXXX` by the domain's rule (`CPRNumber.masking(_:)`),
  /// so that a document for anyone but the person never shows the full number; `cssString`, a
  /// text made safe inside a double-quoted CSS string (the layout's page header), so that a
  /// quote or backslash in a mailing's data cannot end the string and add rules of its own.
  public static let postDesk = TemplateFilterSet()
    .adding("cpr", expected: "a CPR number", format: "DDMMYY-SSSS or 10 digits") { CPRNumber.masking($0) }
    .adding("cssString", expected: "a text", format: "any text") { cssString($0) }

  /// `text` with `\` and `"` escaped and line breaks and other control characters as spaces.
  static func cssString(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\", "\"": out += "\\" + String(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
