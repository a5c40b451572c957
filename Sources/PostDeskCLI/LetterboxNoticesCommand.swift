import ArgumentParser
import DigitalPost
import Documents
import PostDesk

/// `postdesk letterbox notices --date D --out DIR`.
struct LetterboxNoticesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notices",
    abstract: "Write the notices due on a date to custody holders of children about to turn 15.")

  @OptionGroup var global: GlobalOptions
  @OptionGroup var messages: MessageOptions
  @OptionGroup var deskOptions: DeskOptions

  @Option(help: ArgumentHelp("The day the notices are sent.", valueName: "YYYY-MM-DD"))
  var date: CivilDate

  @Option(help: ArgumentHelp("The folder for the notices.", valueName: "dir"), completion: .directory)
  var out: String

  @Option(help: ArgumentHelp("The notices as HTML, or as PDF printed by headless Chromium.", valueName: "format"))
  var format = DocumentFormat.html

  func run() throws {
    try reportingFailures(messages.language) {
      let folder = DocumentFolder(out)
      let notices = try SendLetterboxNotices(desk: deskOptions.desk(global)).run(
        date: date, formats: [format], into: folder)
      print("Notices due on \(date): \(notices.filter { !$0.letters.isEmpty }.count)")
      let wording = MessageOptions.wording(messages.language)
      for notice in notices {
        if let letter = notice.letters.first {
          print(
            "  \(notice.child) (letterbox \(notice.letterboxDate)) to \(notice.holder!): \(folder.path(of: letter))")
        } else {
          print("  \(notice.child) (letterbox \(notice.letterboxDate)): not written, \(wording.problem(notice) ?? "")")
        }
      }
    }
  }
}
