// `postdesk-pdf-check --max-pages N --memory-mb M --cpu-seconds S`: checks the PDF on standard
// input for print (`PrintablePDF`) in a process of its own, limited in memory and CPU time,
// so that a hostile enclosure (an inflate bomb, a page tree that never ends) costs the batch
// that letter and nothing more. Standard output: `printable PAGES` and a line break, then the
// PDF written anew; or `refused REASON` and a line break. Run by the batch
// (`BatchPrinting.EnclosureCheck`), not by people.
import PDFCheck

#if canImport(Glibc)
  import Glibc
#endif

/// Writes `text` and a line break to standard error and ends with status 2.
func fail(_ text: String) -> Never {
  let line = Array("postdesk-pdf-check: \(text)\n".utf8)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  exit(2)
}

var maxPages = 50
var memoryMegabytes = 512
var cpuSeconds = 20
var arguments = CommandLine.arguments.dropFirst()
while let name = arguments.popFirst() {
  guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
    fail("\(name) needs a positive number")
  }
  switch name {
  case "--max-pages": maxPages = value
  case "--memory-mb": memoryMegabytes = value
  case "--cpu-seconds": cpuSeconds = value
  default:
    fail("unknown option \(name)")
  }
}

// The limits first, before a byte of the PDF is read: past the CPU time the kernel ends the
// process (SIGXCPU, then SIGKILL), past the address space an allocation fails.
var cpu = rlimit(rlim_cur: rlim_t(cpuSeconds), rlim_max: rlim_t(cpuSeconds + 1))
var memory = rlimit(rlim_cur: rlim_t(memoryMegabytes) << 20, rlim_max: rlim_t(memoryMegabytes) << 20)
guard setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &cpu) == 0,
  setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &memory) == 0
else { fail("cannot set its limits") }

var input: [UInt8] = []
var chunk = [UInt8](repeating: 0, count: 1 << 16)
while true {
  let count = read(0, &chunk, chunk.count)
  if count < 0 && errno == EINTR { continue }
  guard count > 0 else { break }
  input += chunk[..<count]
}

var output: [UInt8]
switch PrintablePDF.check(input, maxPages: maxPages) {
case .printable(let pdf, let pages): output = Array("printable \(pages)\n".utf8) + pdf
case .refused(let reason): output = Array("refused \(reason)\n".utf8)
}
var written = 0
while written < output.count {
  let count = output[written...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
  if count < 0 && errno == EINTR { continue }
  guard count > 0 else { exit(1) }
  written += count
}
exit(0)
