import DigitalPost
import Registry

/// How the person applying on a citizen's behalf is kept with the application:
/// `AUTHORITY|NAME`, where NAME carries a masked CPR number when one was given, so that the
/// stored text and the audit log never hold a full CPR number.
enum StoredRepresentation {
  static func encode(_ representative: Representative, name: String) -> String {
    "\(representative.authority.rawValue)|\(name)"
  }

  static func decode(_ text: String) -> Representative? {
    guard let bar = text.firstIndex(of: "|"),
      let authority = Representative.Authority(rawValue: String(text[..<bar]))
    else { return nil }
    return Representative(.name(String(text[text.index(after: bar)...])), authority: authority)
  }
}
