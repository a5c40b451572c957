// Big-endian reads and writes of font tables, at offsets relative to a slice's start (reads
// past the end give 0, so that a short table is refused by its checks, not by a trap).

func u16(_ bytes: ArraySlice<UInt8>, _ at: Int) -> UInt16 {
  let base = bytes.startIndex + at
  guard at >= 0, base + 2 <= bytes.endIndex else { return 0 }
  return UInt16(bytes[base]) << 8 | UInt16(bytes[base + 1])
}

func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { u16(bytes[...], at) }

func i16(_ bytes: ArraySlice<UInt8>, _ at: Int) -> Int16 { Int16(bitPattern: u16(bytes, at)) }

func u32(_ bytes: ArraySlice<UInt8>, _ at: Int) -> UInt32 {
  UInt32(u16(bytes, at)) << 16 | UInt32(u16(bytes, at + 2))
}

func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { u32(bytes[...], at) }

func append16(_ bytes: inout [UInt8], _ value: UInt16) {
  bytes.append(UInt8(value >> 8))
  bytes.append(UInt8(value & 0xFF))
}

func append32(_ bytes: inout [UInt8], _ value: UInt32) {
  append16(&bytes, UInt16(value >> 16))
  append16(&bytes, UInt16(value & 0xFFFF))
}

func put16(_ bytes: inout [UInt8], _ at: Int, _ value: UInt16) {
  bytes[at] = UInt8(value >> 8)
  bytes[at + 1] = UInt8(value & 0xFF)
}

func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
  put16(&bytes, at, UInt16(value >> 16))
  put16(&bytes, at + 2, UInt16(value & 0xFFFF))
}
