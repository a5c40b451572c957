import DigitalPost
import Foundation
import PostDeskTestSupport
import Testing

/// Every document template in both languages, rendered by `postdesk render` from the samples
/// in `samples/documents` (every variant the data contract names: blank and pre-filled form,
/// decision granted, granted for emigration and refused, each access letter, the letterbox
/// notice, the plain letter) and compared with its golden file in `Golden/samples/`.
@Suite struct SampleDocumentTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `<template>[.<variant>].<lang>.json`, in name order.
  static let samples: [String] = {
    let folder = repositoryRoot.appendingPathComponent("samples/documents").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }()

  @Test func everyTemplateHasASampleInBothLanguages() throws {
    let templates =
      ["letterbox-notice", "letter"] + ["exemption-application", "exemption-decision"]
      + ["access-confirmation-owner", "access-notice-helper", "access-given-up-owner"]
    for template in templates {
      for language in ["da", "en"] {
        #expect(
          Self.samples.contains { $0.hasPrefix("\(template).") && $0.hasSuffix(".\(language).json") },
          "no sample of \(template) in \(language)")
      }
    }
  }

  @Test(arguments: samples)
  func rendersAsTheGoldenFile(sample: String) throws {
    let parts = sample.split(separator: ".")
    let template = String(parts[0])
    let language = String(parts[parts.count - 2])
    let outcome = try PostdeskProcess.run(
      ["render", "templates/\(language)/\(template).xhtml", "--data", "samples/documents/\(sample)"],
      in: Self.repositoryRoot)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr == "")
    let name = "samples/" + sample.replacingOccurrences(of: ".json", with: ".html")
    try Golden.check(Data(outcome.stdout.utf8), against: name)
  }

  /// The review of the Danish (general points): one text per criterion. The form's tick box,
  /// the decision letter's quotation of it and the letterbox notice's list are the text
  /// `ExemptionCriterion.wording(in:)` gives, which the web desk shows too.
  @Test(arguments: [Language.da, .en])
  func eachCriterionHasOneText(language: Language) throws {
    for template in ["exemption-application", "exemption-decision", "letterbox-notice"] {
      let path = Self.repositoryRoot.appendingPathComponent("templates/\(language.rawValue)/\(template).xhtml")
      let text = try String(contentsOf: path, encoding: .utf8)
      for criterion in ExemptionCriterion.allCases {
        #expect(text.contains(criterion.wording(in: language)), "\(template) (\(language)): \(criterion)")
      }
    }
  }
  /// The page header's words are data inside a CSS string: a quote in them is escaped, so a
  /// hostile reference cannot end the string and hide the letter (issue 23, print point 8).
  @Test func thePageHeaderEscapesItsWords() throws {
    let sample = Self.repositoryRoot.appendingPathComponent("samples/documents/letter.da.json")
    var data = try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as! [String: Any]
    data["reference"] = #"X"; } body { display: none } p { a: "\"#
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-head-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("hostile.json")
    try JSONSerialization.data(withJSONObject: data).write(to: file)
    let outcome = try PostdeskProcess.run(
      ["render", "templates/da/letter.xhtml", "--data", file.path], in: Self.repositoryRoot)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let sheet = outcome.stdout.components(separatedBy: "data-letter=\"\">")[1].components(separatedBy: "</style>")[0]
    #expect(
      sheet
        == #":root { --page-head: "Karen Marie Jensen · 22. november 2026 · Sagsnr. X\"; } body { display: none } p { a: \"\\"; }"#,
      "\(sheet)")
  }
}
