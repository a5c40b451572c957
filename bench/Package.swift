// swift-tools-version: 6.2
// The benchmarks' own package (`make bench`, bench/*/run.sh), so that the project's manifest
// and its CI build carry neither the benchmark programs nor their only dependency, CSV.swift.
import PackageDescription

let package = Package(
  name: "PostDeskBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "PostDesk", path: ".."),
    // The registry benchmark's CSV library, beside the import's own reader.
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
  ],
  targets: [
    // The template engine against Jinja2 and Chameleon (bench/templates/run.sh).
    .executableTarget(
      name: "templates-bench",
      dependencies: [
        .product(name: "XMLTemplates", package: "PostDesk"), .product(name: "Documents", package: "PostDesk"),
      ],
      path: "templates/swift"),
    // The registry's scale benchmark (bench/registry/run.sh): generate, exempt, route.
    .executableTarget(
      name: "registry-bench",
      dependencies: [
        .product(name: "Registry", package: "PostDesk"), .product(name: "DigitalPost", package: "PostDesk"),
        .product(name: "CSV", package: "CSV.swift"),
      ],
      path: "registry/Sources/registry-bench"),
    // The PDF engine against Chromium, qpdf and WeasyPrint (bench/pdf/run.sh).
    .executableTarget(
      name: "pdf-bench", dependencies: [.product(name: "HeadlessChromium", package: "PostDesk")], path: "pdf/swift"),
  ],
  swiftLanguageModes: [.v6]
)
