import Crypto
import DigitalPost
import Documents
import Foundation
import XMLTemplates

/// One copy of a letter rendered for its channel: its delivery, the files that are ready, and
/// for a PDF batch the letter still to be printed and the files that follow from its PDF.
struct RenderedCopy {
  var delivery: BatchDelivery
  var files: [(String, [UInt8])]
  var print: LetterPrint?
}
