import ArgumentParser
import DigitalPost
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
      let notices = try SendLetterboxNotices(desk: deskOptions.desk(global)).run(
        date: date, folder: out, formats: [format])
      print("Notices due on \(date): \(notices.filter { $0.path != nil }.count)")
      let wording = MessageOptions.wording(messages.language)
      for notice in notices {
        if let path = notice.path {
          print("  \(notice.child) (letterbox \(notice.letterboxDate)) to \(notice.holder!): \(path)")
        } else {
          print("  \(notice.child) (letterbox \(notice.letterboxDate)): not written, \(wording.problem(notice) ?? "")")
        }
      }
    }
  }
}
