/// A list of ops that merges consecutive static markup into one chunk as it grows.
struct OpList {
  var ops: [TemplateOp] = []

  mutating func append(bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    if case .bytes(let previous) = ops.last {
      ops[ops.count - 1] = .bytes(previous + bytes)
    } else {
      ops.append(.bytes(bytes))
    }
  }

  mutating func append(_ text: String) {
    append(bytes: Array(text.utf8))
  }

  mutating func append(_ op: TemplateOp) {
    if case .bytes(let bytes) = op {
      append(bytes: bytes)
    } else {
      ops.append(op)
    }
  }

  mutating func append(contentsOf list: OpList) {
    for op in list.ops { append(op) }
  }
}
