import Foundation
import Testing

/// A job's letters are kept with its records, all or none (issue 25 item 1): the command line
/// writes them from the documents the job returned, last in the job's transaction, and a letter
/// that cannot be written undoes the job and removes the letters written before it.
@Suite("letters kept whole")
struct LettersKeptWholeTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  @Test("a grant whose second letter cannot be written records nothing and leaves no first letter")
  func grantUndoneByItsSecondLetter() throws {
    // The helper's notice would go where a folder stands; the owner's confirmation comes first.
    try FileManager.default.createDirectory(
      atPath: cli.path("letters/access-notice-helper.html"), withIntermediateDirectories: true)
    try cli.expectRefusal(
      [
        "access", "grant", "140382-3518", "020780-2743", "--level", "read", "--until", "2027-11-30", "--consent",
        "in-person", "--clerk", "kbj", "--id", "passport:2030-01-31", "--out", "letters",
      ],
      "letters/access-notice-helper.html is a folder; give the file to write, e.g. "
        + "letters/access-notice-helper.html/letter.html")
    #expect(!FileManager.default.fileExists(atPath: cli.path("letters/access-confirmation-owner.html")))
  }
}
