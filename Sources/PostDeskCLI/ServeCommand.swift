import ArgumentParser
import DigitalPost
import Foundation
import PostDesk
import PostDeskWeb
import Registry

/// `postdesk serve`: the web desk for the clerks at the counter.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve", abstract: "Serve the web desk: the desk's jobs in a browser (see docs/web.md).",
    discussion: """
      Clerks sign in with the accounts of 'postdesk clerks add'. Sessions are kept in memory: a restart \
      signs everyone out. POSTDESK_TODAY and POSTDESK_NOW fix the working day and the audit time as for \
      the other commands.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var deskOptions: DeskOptions

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port = 8080

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(
    help: ArgumentHelp(
      "How many days a produced letter is kept in the registry before it is removed.", valueName: "days"))
  var keepDocuments = Int(WebDeskConfiguration.defaultDocumentsRetention / (24 * 60 * 60))

  @Option(
    help: ArgumentHelp(
      "The address of a reverse proxy in front of the desk, whose X-Forwarded-For names the client (repeatable).",
      valueName: "address"))
  var trustedProxy: [String] = []

  @Option(
    help: "How many connections are served at once; more wait (default: 1024, or fewer under a lower open-file limit).")
  var maxConnections: Int?

  @Option(help: "Serve Prometheus' metrics (GET /metrics) on this port of --metrics-host; 0 picks a free one.")
  var metricsPort: Int?

  @Option(help: "The address the metrics listen on.")
  var metricsHost = "127.0.0.1"

  @Flag(help: "Mark the session cookie Secure: the desk is reached over TLS (e.g. through a proxy).")
  var secureCookies = false

  func run() async throws {
    let desk: WebDesk
    do {
      let registry = try global.openRegistry()
      let environment = ProcessInfo.processInfo.environment
      let fixedDay = try environment["POSTDESK_TODAY"].map { _ in try global.today() }
      let fixedNow = try environment["POSTDESK_NOW"].map { _ in try global.now() }
      var today: (@Sendable () -> CivilDate)?
      if let fixedDay { today = { fixedDay } }
      var auditTime: (@Sendable () -> Date)?
      if let fixedNow { auditTime = { fixedNow } }
      var configuration = WebDeskConfiguration(
        registry: registry, templatesFolder: deskOptions.templatesFolder,
        secureCookies: secureCookies, today: today, auditTime: auditTime)
      guard keepDocuments > 0 else {
        throw CommandFailure("--keep-documents \(keepDocuments) is not a positive number of days; give e.g. 30")
      }
      configuration.documentsRetention = TimeInterval(keepDocuments) * 24 * 60 * 60
      for proxy in trustedProxy {
        guard let address = ClientAddress.normalized(proxy) else {
          throw CommandFailure("--trusted-proxy \(proxy) is not an IP address; give the proxy's, e.g. 127.0.0.1")
        }
        configuration.trustedProxies.insert(address)
      }
      if let maxConnections {
        guard maxConnections > 0 else {
          throw CommandFailure("--max-connections \(maxConnections) is not a positive number; give e.g. 256")
        }
        configuration.connectionLimit = maxConnections
      }
      desk = try WebDesk(configuration)
    } catch let failure as CommandFailure {
      printError(failure.message)
      throw ExitCode.failure
    } catch let error as WebDeskError {
      printError(error.description)
      throw ExitCode.failure
    } catch let error as RegistryError {
      // A registry that cannot be opened (a migration refused a row): its rule worded as every refusal.
      printError(error.worded(MessageOptions.wording(MessageOptions.environmentLanguage).words))
      throw ExitCode.failure
    } catch {
      printError("\(error)")
      throw ExitCode.failure
    }
    let host = host
    let metricsHost = metricsHost
    try await desk.run(
      host: host, port: port, metrics: metricsPort.map { (metricsHost, $0) },
      onMetricsRunning: { port in
        FileHandle.standardOutput.write(Data("PostDesk metrics on http://\(metricsHost):\(port)/metrics\n".utf8))
      },
      onRunning: { port in
        // Written straight to the file descriptor: whoever started the server waits for this line.
        FileHandle.standardOutput.write(Data("PostDesk web desk on http://\(host):\(port)\n".utf8))
      })
  }
}
