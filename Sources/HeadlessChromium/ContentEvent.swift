/// What a page's content stream does that tells which glyphs it draws.
enum ContentEvent {
  /// `q`: the graphics state (the font with it) is saved.
  case save
  /// `Q`: the saved state is back.
  case restore
  /// `/Name size Tf`: the font of the resource `Name` is chosen.
  case font(String)
  /// `Tj`, `'`, `"` or a string of `TJ`: these bytes are shown in the current font.
  case show([UInt8])
  /// `/Name Do`: the XObject `Name` is drawn.
  case draw(String)
}
