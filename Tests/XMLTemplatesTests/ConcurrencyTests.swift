import Testing

@testable import XMLTemplates

/// One compiled template rendered from many tasks at once gives each task its own document.
@Suite struct ConcurrencyTests {
  @Test func rendersConcurrentlyFromManyTasks() async throws {
    let template = try Template.compile(path: Fixtures.path("letter-da.xhtml"), filters: userFilters)
    let base = try #require(try JSONReader.read(Fixtures.bytes("letter.json"), path: "letter.json").objectMembers)
    func data(_ index: Int) -> TemplateValue {
      var members = base
      members["caseNumber"] = .string("2026-\(index)")
      return .object(members)
    }
    let expected = try (0..<8).map { try template.render(data($0)) }
    let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for index in 0..<400 {
        group.addTask {
          let mode: OutputMode = index % 2 == 0 ? .html : .xml
          return (index, try template.render(data(index % 8), mode: mode))
        }
      }
      var collected: [(Int, String)] = []
      for try await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 400)
    for (index, output) in results where index % 2 == 0 {
      #expect(output == expected[index % 8])
    }
    for (index, output) in results where index % 2 == 1 {
      #expect(output.contains("<b>2026-\(index % 8)</b>"))
      #expect(output.hasPrefix("<?xml"))
    }
  }
}
