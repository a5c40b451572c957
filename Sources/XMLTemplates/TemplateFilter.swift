/// A filter, checked at compile time, applied at render time.
enum TemplateFilter: Sendable, Equatable {
  /// Long date in the document's language.
  case date(DocumentLanguage)
  /// A filter the template's user brought (``TemplateFilterSet``).
  case text(TextFilter)
  /// Upper case.
  case upper
  /// The text to use when the value is missing or null.
  case fallback(String)

  /// The engine's own filter names, for "did you mean" hints.
  static let names = ["date", "upper", "default"]

  /// Applies the filter to a present value; `nil` with a reason when the value does not fit.
  func apply(to value: TemplateValue) -> Result<TemplateValue, FilterMismatch> {
    switch self {
    case .fallback:
      return .success(value)
    case .upper:
      guard let text = value.text else {
        return .failure(FilterMismatch(expected: "text", format: "a string or number", found: value))
      }
      return .success(.string(Self.uppercased(text)))
    case .text(let filter):
      guard case .string(let text) = value, let result = filter.transform(text) else {
        return .failure(FilterMismatch(expected: filter.expected, format: filter.format, found: value))
      }
      return .success(.string(result))
    case .date(let language):
      guard case .string(let text) = value, let date = CalendarDate(iso: text) else {
        return .failure(
          FilterMismatch(expected: "a date", format: "YYYY-MM-DD or an ISO date-time", found: value))
      }
      return .success(.string(language.longDate(date)))
    }
  }

  /// Upper case, with a fast path over UTF-8 for ASCII and the Latin-1 letters of Danish
  /// names (æøå, é, ü …, encoded `C3 A0`–`C3 BE`, whose capitals are `0x20` lower); anything
  /// else (ß → SS, ÿ, µ, Greek, …) goes through full Unicode case mapping.
  static func uppercased(_ text: String) -> String {
    var needsFullMapping = false
    let result = String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
      var count = 0
      var afterC2 = false
      var afterC3 = false
      for byte in text.utf8 {
        var upper = byte
        if afterC2 {
          // U+0080–U+00BF have no capitals, except µ (C2 B5), which maps to Greek.
          afterC2 = false
          if byte == 0xB5 {
            needsFullMapping = true
            return 0
          }
        } else if afterC3 {
          afterC3 = false
          switch byte {
          case 0xA0...0xB6, 0xB8...0xBE: upper = byte - 0x20
          case 0x9F, 0xBF:
            needsFullMapping = true
            return 0
          default: break
          }
        } else {
          switch byte {
          case UInt8(ascii: "a")...UInt8(ascii: "z"): upper = byte - 0x20
          case 0x00...0x7F: break
          case 0xC2: afterC2 = true
          case 0xC3: afterC3 = true
          default:
            needsFullMapping = true
            return 0
          }
        }
        buffer[count] = upper
        count += 1
      }
      return count
    }
    return needsFullMapping ? text.uppercased() : result
  }

  /// Appends `uppercased(text)`, escaped as text.
  static func appendUppercased(_ text: String, to out: inout OutputBuffer) {
    let done =
      text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        // An escaped byte takes at most five (`&amp;`).
        out.append(maximum: bytes.count * 5) { target -> Int? in
          var written = 0
          var afterC2 = false
          var afterC3 = false
          for byte in bytes {
            var upper = byte
            if afterC2 {
              afterC2 = false
              if byte == 0xB5 { return nil }
            } else if afterC3 {
              afterC3 = false
              switch byte {
              case 0xA0...0xB6, 0xB8...0xBE: upper = byte - 0x20
              case 0x9F, 0xBF: return nil
              default: break
              }
            } else {
              switch byte {
              case UInt8(ascii: "a")...UInt8(ascii: "z"): upper = byte - 0x20
              case 0x00...0x7F:
                // The general path reports a character XML does not allow.
                if Escaping.mayBeForbidden(byte) { return nil }
                if Escaping.needsEscaping(byte, mask: Escaping.textMask) {
                  let reference = Escaping.reference(for: byte)
                  (target + written).update(from: reference.utf8Start, count: reference.utf8CodeUnitCount)
                  written += reference.utf8CodeUnitCount
                  continue
                }
              case 0xC2: afterC2 = true
              case 0xC3: afterC3 = true
              default: return nil
              }
            }
            target[written] = upper
            written += 1
          }
          return written
        }
      } ?? false
    if !done { Escaping.appendText(uppercased(text), to: &out) }
  }
}
