import Foundation
import Testing

/// `postdesk exemption pending`: the applications awaiting a decision, oldest first, end to end.
@Suite("postdesk exemption pending")
struct PendingApplicationsTests {
  let cli: DeskCLI

  init() throws {
    cli = try DeskCLI()
    try cli.importSample()
  }

  func apply(_ cpr: String, centre: String, criteria: [String] = ["impairment"], today: String) throws {
    let result = try cli.run(
      ["exemption", "apply", cpr, "--centre", centre, "--clerk", "ast", "--id", "passport:2030-01-31"]
        + criteria.flatMap { ["--criterion", $0] }, today: today)
    #expect(result.status == 0, "\(result)")
  }

  @Test func emptyQueue() throws {
    let result = try cli.run(["exemption", "pending"])
    #expect(result.status == 0)
    #expect(result.stdout == "No application awaits a decision\n")
    let filtered = try cli.run(["exemption", "pending", "--centre", "751"])
    #expect(filtered.stdout == "No application awaits a decision by municipality 751 on 2026-11-22\n")
  }

  @Test func oldestFirstAndByDecidingMunicipality() throws {
    try apply("140382-3518", centre: "101", criteria: ["language", "impairment"], today: "2026-11-25")
    try apply("120940-1653", centre: "751", criteria: [], today: "2026-11-23")
    try apply("050187-0321", centre: "751", today: "2026-11-24")
    let all = try cli.run(["exemption", "pending"], today: "2026-11-26")
    #expect(all.status == 0, "\(all)")
    #expect(
      all.stdout == """
        Awaiting a decision on 2026-11-26, each by the municipality the citizen is registered in that day:
        Application  Received    Citizen      Criteria             Received at  Decided by
        2            2026-11-23  120940-XXXX  -                    751          101
        3            2026-11-24  050187-XXXX  impairment           751          751
        1            2026-11-25  140382-XXXX  impairment,language  101          751

        """)
    let aarhus = try cli.run(["exemption", "pending", "--centre", "751"], today: "2026-11-26")
    #expect(
      aarhus.stdout == """
        Awaiting a decision on 2026-11-26, each by the municipality the citizen is registered in that day:
        Application  Received    Citizen      Criteria             Received at  Decided by
        3            2026-11-24  050187-XXXX  impairment           751          751
        1            2026-11-25  140382-XXXX  impairment,language  101          751

        """)
    // Deciding removes the application from the queue.
    let decided = try cli.run(
      ["exemption", "decide", "3", "--grant", "--clerk", "mh", "--out", "d3.html"], today: "2026-11-26")
    #expect(decided.status == 0, "\(decided)")
    let after = try cli.run(["exemption", "pending", "--centre", "751"], today: "2026-11-26")
    #expect(
      after.stdout == """
        Awaiting a decision on 2026-11-26, each by the municipality the citizen is registered in that day:
        Application  Received    Citizen      Criteria             Received at  Decided by
        1            2026-11-25  140382-XXXX  impairment,language  101          751

        """)
  }

  @Test func inDanish() throws {
    try apply("140382-3518", centre: "101", today: "2026-11-22")
    let listed = try cli.run(["exemption", "pending", "--lang", "da"])
    #expect(
      listed.stdout == """
        Venter på afgørelse den 2026-11-22, hver af den kommune, borgeren er registreret i den dag:
        Ansøgning  Modtaget    Borger       Kriterier   Modtaget i  Afgøres af
        1          2026-11-22  140382-XXXX  impairment  101         751

        """)
    let none = try cli.run(["exemption", "pending", "--centre", "101"], environment: ["POSTDESK_LANG": "da"])
    #expect(none.stdout == "Ingen ansøgning venter på afgørelse i kommune 101 den 2026-11-22\n")
    try cli.expectRefusal(
      ["exemption", "decide", "7", "--grant", "--clerk", "mh", "--out", "d.html", "--lang", "da"],
      "ingen ansøgning om fritagelse nr. 7 i registret; 'postdesk exemption apply' udskriver nummeret på hver "
        + "ansøgning, den registrerer")
    #expect(try cli.run(["exemption", "decide", "1", "--grant", "--clerk", "mh", "--out", "d.html"]).status == 0)
    let twice = try cli.run(
      ["exemption", "decide", "1", "--refuse", "Nej.", "--clerk", "mh", "--out", "e.html"],
      environment: ["POSTDESK_LANG": "da"])
    #expect(
      twice.stderr
        == "ansøgning 1 blev allerede imødekommet af mh i borgerservice 751 den 2026-11-22; en afgørelse er endelig – "
        + "registrér en ny ansøgning, hvis borgeren søger igen\n")
  }

  @Test func aMistypedCPRNumberInDanish() throws {
    try cli.expectRefusal(
      ["exemption", "withdraw", "310286-1234", "--clerk", "mh", "--lang", "da"],
      "\"310286-1234\": datoen findes ikke: februar 1986 har 28 dage, ikke 31")
    try cli.expectRefusal(
      ["exemption", "withdraw", "310286-1234", "--clerk", "mh"],
      "\"310286-1234\": no such date: February 1986 has 28 days, not 31")
  }

  @Test func badCentre() throws {
    try cli.expectRefusal(
      ["exemption", "pending", "--centre", "75"],
      "--centre 75 is not a municipality code; give its three digits, e.g. --centre 751")
  }
}
