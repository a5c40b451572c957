// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "PostDesk",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "postdesk", targets: ["PostDeskCLI"]),
    // Run by `postdesk letters print` for every PDF enclosure; installed beside `postdesk`.
    .executable(name: "postdesk-pdf-check", targets: ["postdesk-pdf-check"]),
    // The libraries, for the benchmarks' package (bench/Package.swift).
    .library(name: "XMLTemplates", targets: ["XMLTemplates"]),
    .library(name: "DigitalPost", targets: ["DigitalPost"]),
    .library(name: "Registry", targets: ["Registry"]),
    .library(name: "Documents", targets: ["Documents"]),
    .library(name: "PostDesk", targets: ["PostDesk"]),
    .library(name: "HeadlessChromium", targets: ["HeadlessChromium"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    // The web desk's metrics, in Prometheus' text format.
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    // Runs the desk's two applications (pages, metrics) as one service group.
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    // Already in the graph through Hummingbird; named for the web desk's connection handler.
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
    // `make docs`: the DocC catalogue of the libraries.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    // The browser tests' HTTP client, for chromedriver's WebDriver endpoint.
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    // The registry on PostgreSQL: a pooled client in Swift, no C library.
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    // libxml2 from the system (Debian: libxml2-dev).
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // The natural-template engine on libxml2. Knows nothing of Digital Post.
    .target(name: "XMLTemplates", dependencies: ["CLibXML2"]),
    // qpdf from the system (Debian: libqpdf-dev), through its C API.
    .systemLibrary(
      name: "CQPDF",
      pkgConfig: "libqpdf",
      providers: [.apt(["libqpdf-dev"])]
    ),
    // HTML to PDF in headless Chromium over the DevTools pipe. Knows nothing of Digital Post.
    .target(name: "HeadlessChromium", dependencies: ["CQPDF"]),
    // A PDF from outside checked for print and written anew without active content (qpdf),
    // and the process that runs that check under limits of memory and time.
    .target(name: "PDFCheck", dependencies: ["CQPDF"]),
    .executableTarget(name: "postdesk-pdf-check", dependencies: ["PDFCheck"]),
    // The domain: plain values and rules, Foundation only.
    .target(name: "DigitalPost"),
    // Persistence of the domain in SQLite through GRDB, and the audit log.
    .target(
      name: "Registry",
      dependencies: [
        "DigitalPost",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The registry's store on PostgreSQL (PostgresNIO's pooled client), beside SQLite's.
    .target(
      name: "RegistryPostgres",
      dependencies: [
        "Registry",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]
    ),
    // The desk's documents: their templates and filters, letterheads, how an address sits in
    // the envelope window, and a document as a value (name, format, contents). Knows nothing
    // of the registry or the use cases; shared by them and the batch.
    .target(name: "Documents", dependencies: ["DigitalPost", "XMLTemplates"]),
    // The use cases, one type per job, and the words of every interface: the message
    // catalogues (Messages/LANG.json) travel with the code, found without --templates.
    .target(
      name: "PostDesk",
      dependencies: [
        "DigitalPost", "Documents", "Registry", "XMLTemplates",
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ],
      resources: [.copy("Messages")]
    ),
    // The printing of a mailing: routes every letter and writes the batch folder for the
    // print shop and the letterboxes, its PDFs printed by HeadlessChromium.
    .target(
      name: "BatchPrinting",
      dependencies: [
        "Documents", "DigitalPost", "Registry", "XMLTemplates", "HeadlessChromium", "PDFCheck",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The web desk (Hummingbird): the same use cases in a browser; and the use cases' PDF
    // printer on HeadlessChromium, which the command line gives them too.
    .target(
      name: "PostDeskWeb",
      dependencies: [
        "PostDesk", "Documents", "Registry", "DigitalPost", "XMLTemplates", "HeadlessChromium",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    // The command-line tool.
    .executableTarget(
      name: "PostDeskCLI",
      dependencies: [
        "PostDesk", "Documents", "BatchPrinting", "PostDeskWeb", "Registry", "RegistryPostgres", "DigitalPost",
        "XMLTemplates", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Fixtures and golden files are read from disk through #filePath, not bundled.
    .testTarget(name: "XMLTemplatesTests", dependencies: ["XMLTemplates"], exclude: ["Fixtures", "Golden"]),
    // A pool of one that waits to be killed, for the browser-life tests.
    .executableTarget(name: "chromium-holder", dependencies: ["HeadlessChromium"], path: "Tests/ChromiumHolder"),
    // Real Chromium, checked with poppler-utils and qpdf; fixtures read through #filePath.
    .testTarget(name: "HeadlessChromiumTests", dependencies: ["HeadlessChromium"]),
    // The rules, and the English the command line words their refusals in (PostDesk's catalogue).
    .testTarget(name: "DigitalPostTests", dependencies: ["DigitalPost", "PostDesk"]),
    .testTarget(
      name: "RegistryTests", dependencies: ["Registry", "DigitalPost", .product(name: "GRDB", package: "GRDB.swift")]),
    // What the use cases' tests and the command's end-to-end tests share: the sample registry,
    // paths, the built `postdesk`, poppler-utils.
    .target(
      name: "PostDeskTestSupport",
      dependencies: ["BatchPrinting", "PostDesk", "Documents", "Registry", "DigitalPost", "XMLTemplates"],
      path: "Tests/PostDeskTestSupport"),
    // The PostgreSQL store on a throwaway cluster (PostDeskTestSupport's PostgresCluster).
    .testTarget(
      name: "RegistryPostgresTests",
      dependencies: ["RegistryPostgres", "Registry", "DigitalPost", "PostDeskTestSupport"]
    ),
    // The printing of a mailing (BatchPrinting), in process.
    .testTarget(
      name: "BatchPrintingTests",
      dependencies: [
        "Documents", "BatchPrinting", "DigitalPost", "Registry", "XMLTemplates", "HeadlessChromium",
        "PostDeskTestSupport", "PDFCheck",
      ]
    ),
    // The `postdesk` binary end to end, run as a process on registries of its own.
    .testTarget(
      name: "PostDeskCommandTests",
      dependencies: ["PostDeskTestSupport", "Registry", "DigitalPost", .product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "PostDeskWebTests",
      dependencies: [
        "PostDeskWeb", "PostDesk", "Documents", "Registry", "RegistryPostgres", "DigitalPost", "PostDeskTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    // The web desk in headless Chromium through WebDriver, against the built `postdesk serve`.
    .testTarget(
      name: "PostDeskBrowserTests",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

// Our own code builds without warnings: every warning is an error, in CI as on a desk.
for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}
