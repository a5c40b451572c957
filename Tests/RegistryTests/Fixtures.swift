import DigitalPost
import Foundation
import GRDB

@testable import Registry

/// Shared values for the registry tests.
enum Fixtures {
  static let clerk = AuditActor(clerk: "ab12", centre: "101", at: Date(timeIntervalSince1970: 1_795_000_000))

  static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

  static func cpr(_ text: String) -> CPRNumber { try! CPRNumber(parsing: text) }

  static func citizen(
    _ number: String, name: String = "Åse Østergaard", street: String = "Åboulevarden",
    status: CPRStatus = .resident, holders: [String] = []
  ) -> Citizen {
    Citizen(
      cpr: cpr(number), name: name,
      address: .danish(DanishAddress(street: street, building: "7A", postcode: "5000", city: "Odense C")),
      status: status, municipality: MunicipalityCode(461)!, custodyHolders: holders.map(cpr))
  }

  /// A fresh directory for one test, inside this test process's own folder, which is removed
  /// when the process ends, however its tests ended.
  static func temporaryDirectory() throws -> URL {
    let url = processFolder.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// `registry-tests-PID` under the system's temporary directory, made on first use.
  private static let processFolder: URL = {
    atexit { try? FileManager.default.removeItem(at: Fixtures.processFolderPath) }
    return processFolderPath
  }()

  private static let processFolderPath = FileManager.default.temporaryDirectory.appendingPathComponent(
    "registry-tests-\(getpid())")

  /// The sample extract of the repository.
  static var sampleCSV: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("samples/citizens.csv").path
  }

  static func count(_ registry: Registry, _ table: String) throws -> Int {
    try registry.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")! }
  }
}
