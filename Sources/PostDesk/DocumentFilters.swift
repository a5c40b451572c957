import DigitalPost
import XMLTemplates

extension TemplateFilterSet {
  /// The filters PostDesk brings to every template it compiles, beside the engine's own:
  /// `cpr`, a CPR number masked as `DDMMYY-XXXX` by the domain's rule (`CPRNumber.masking(_:)`),
  /// so that a document for anyone but the person never shows the full number.
  public static let postDesk = TemplateFilterSet()
    .adding("cpr", expected: "a CPR number", format: "DDMMYY-SSSS or 10 digits") { CPRNumber.masking($0) }
}
