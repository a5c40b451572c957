import DigitalPost
import Documents
import Foundation
import XMLTemplates

/// How the print shop is to print and post the letters of a batch: the OIO Fjernprint codes,
/// each the closed set of words its schema allows (`schemas/fjernprint/`).
public struct BatchPrintSettings: Sendable, Hashable {
  /// `PostKategoriKode`: how the letters are posted.
  public enum PostCategory: String, CaseIterable, Sendable {
    case prioritaire = "Prioritaire"
    case economique = "Economique"
    case bulk = "Bulk"
    case rekommanderet = "Rekommanderet"
    case rekommanderetMedModtagerbevis = "Rekommanderet med modtagerbevis"
    case forkyndelse = "Forkyndelse"
  }

  /// `KuvertTypeKode`: the envelope.
  public enum Envelope: String, CaseIterable, Sendable {
    case c4 = "C4"
    case c5 = "C5"
    case ma = "MA"
  }

  /// `SimplexDuplexKode`: one side of the paper or both.
  public enum Sides: String, CaseIterable, Sendable {
    case simplex = "Simplex"
    case duplex = "Duplex"
  }

  /// `FarveSHKode`: black and white (SH) or colour.
  public enum Colour: String, CaseIterable, Sendable {
    case blackAndWhite = "SH"
    case colour = "Farve"
  }

  /// How the letters are posted; economy post by default.
  public var postCategory: PostCategory
  /// The layout is A4 for a C5 window envelope (see `templates/layout.xhtml`), so C5 by default.
  public var envelope: Envelope
  /// Whether the letters are printed on one side of the paper or both; both by default.
  public var sides: Sides
  /// Whether the letters are printed in black and white or in colour; black and white by default.
  public var colour: Colour

  /// The defaults: economy post, C5 window envelope, both sides, black and white.
  public init(
    postCategory: PostCategory = .economique, envelope: Envelope = .c5, sides: Sides = .duplex,
    colour: Colour = .blackAndWhite
  ) {
    self.postCategory = postCategory
    self.envelope = envelope
    self.sides = sides
    self.colour = colour
  }
}
