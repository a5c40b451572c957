import Foundation

/// poppler-utils (and qpdf), run as a print shop or a reader would check a PDF (`pdfinfo`, `pdffonts`,
/// `pdftotext`); `make test` installs them.
public enum Poppler {
  /// The standard output of `/usr/bin/TOOL ARGUMENTS…`.
  public static func run(_ tool: String, _ arguments: [String]) throws -> String {
    String(decoding: try output(tool, arguments), as: UTF8.self)
  }

  /// The standard output of `/usr/bin/TOOL ARGUMENTS…` as bytes (a font program is binary).
  public static func output(_ tool: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return data
  }
}
