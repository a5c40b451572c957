import Crypto
import DigitalPost
import Documents
import Foundation
import XMLTemplates

/// A letter waiting for its PDF: its HTML for a print run, the HTML to print it alone should
/// it fill more than one page, and what is made of the PDF (the files of its copy).
struct LetterPrint {
  /// The letter rendered with `printRun`: fit to print beside others in one document.
  var html: [UInt8]
  /// The date its PDF carries.
  var date: CivilDate
  /// The letter rendered whole (page numbers included), to be printed alone.
  var alone: () -> Result<[UInt8], BatchReject>
  /// The files of the copy, made from the PDF.
  var finish: (PrintedLetter) -> Result<[(String, [UInt8])], BatchReject>
}
