/// One step of a compiled template. Values only ever reach the output through `text` and
/// `attribute`, which escape them, so escaping holds by construction.
enum TemplateOp: Sendable {
  /// Pre-serialized markup, written as is.
  case bytes([UInt8])
  /// A value written as escaped text.
  case text(CompiledExpression)
  /// ` name="value"` with the value escaped; left out when the value is false or empty.
  case attribute(name: [UInt8], CompiledExpression)
  /// The body when the expression is truthy (`expected` true) or falsy (`expected` false).
  case condition(CompiledExpression, expected: Bool, body: [TemplateOp])
  /// The body once per item of a list, the item bound to a slot.
  case loop(slot: Int, CompiledExpression, body: [TemplateOp])
}
