/// The engine's escaping, for the few lines of XML written outside a template.
public enum XMLEscaping {
  /// `text` escaped for a double-quoted attribute value (`&`, `<`, `>`, `"`, tabs and line
  /// breaks), which is safe as element content too; characters XML 1.0 forbids are left out.
  public static func attribute(_ text: String) -> String {
    let clean = text.utf8.allSatisfy {
      !Escaping.needsEscaping($0, mask: Escaping.attributeMask) && !Escaping.mayBeForbidden($0)
    }
    return clean ? text : String(decoding: Escaping.escaped(text, attribute: true), as: UTF8.self)
  }
}
