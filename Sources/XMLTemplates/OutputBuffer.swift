/// The bytes of one document being rendered: a plain growable buffer, appended to with
/// `memcpy` and turned into a `String` once at the end.
///
/// Owned by one render, never copied; its memory is freed when it goes.
struct OutputBuffer: ~Copyable {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int
  /// The first character that XML does not allow met by the escaping since the last
  /// `takeForbidden()`; it was left out of the output.
  private(set) var forbidden: UInt32?

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
  }

  deinit {
    base.deallocate()
  }

  /// Records a character that XML does not allow (the first one counts).
  mutating func noteForbidden(_ scalar: UInt32) {
    if forbidden == nil { forbidden = scalar }
  }

  /// The character recorded by `noteForbidden`, if any, and forgets it.
  mutating func takeForbidden() -> UInt32? {
    defer { forbidden = nil }
    return forbidden
  }

  @inline(never)
  private mutating func grow(toHold needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Room for `extra` more bytes.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(toHold: count + extra) }
  }

  /// Lets `write` put up to `maximum` bytes at the end; it returns how many it wrote, or
  /// `nil` to keep none. Returns whether bytes were kept.
  @inline(__always)
  mutating func append(maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int?) -> Bool {
    reserve(maximum)
    guard let written = write(base + count) else { return false }
    count += written
    return true
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafePointer<UInt8>, count length: Int) {
    reserve(length)
    (base + count).update(from: bytes, count: length)
    count += length
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    if let start = bytes.baseAddress { append(start, count: bytes.count) }
  }

  @inline(__always)
  mutating func append(_ text: StaticString) {
    append(text.utf8Start, count: text.utf8CodeUnitCount)
  }

  @inline(__always)
  mutating func append(byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  /// Appends a number in decimal.
  mutating func append(decimal value: Int) {
    if value < 0 { append(byte: UInt8(ascii: "-")) }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var remaining = value.magnitude
    var length = 0
    withUnsafeMutableBytes(of: &digits) { scratch in
      repeat {
        length += 1
        scratch[24 - length] = UInt8(ascii: "0") + UInt8(remaining % 10)
        remaining /= 10
      } while remaining > 0
      append(scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + (24 - length), count: length)
    }
  }

  /// The bytes as a `String` (invalid UTF-8, which only a template's own bytes could bring,
  /// is repaired as `String(decoding:as:)` does).
  func makeString() -> String {
    guard count > 0 else { return "" }
    return String(unsafeUninitializedCapacity: count) { buffer in
      buffer.baseAddress!.update(from: base, count: count)
      return count
    }
  }

  /// The bytes as an array.
  func makeArray() -> [UInt8] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }
}
