extension Sequence where Element == UInt8 {
  /// The bytes in hexadecimal, two digits a byte: how digests and keys are written.
  public func hexadecimal(upperCase: Bool = false) -> String {
    let digits = Array((upperCase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
    var out = [UInt8]()
    out.reserveCapacity(underestimatedCount * 2)
    for byte in self {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
