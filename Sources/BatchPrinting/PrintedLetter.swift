import Crypto
import DigitalPost
import Documents
import Foundation
import XMLTemplates

/// A letter's PDF and its number of pages.
struct PrintedLetter {
  var pdf: [UInt8]
  var pages: Int
}
