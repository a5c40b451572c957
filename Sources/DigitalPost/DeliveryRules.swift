/// The automatic choice of channel for a letter (domain.md §7).
///
/// Every status is taken as of the letter date: `lookup` answers with the register as it
/// stood on `date`, so a re-run routes the same way.
public enum DeliveryRules {
  /// Chooses the channel for a letter to `cpr` dated `date`; `lookup` answers with the
  /// register's facts as of `date` (nil: not in the register). A caller holding whole
  /// states passes `{ states($0)?.routingFacts }`.
  public static func route(
    _ cpr: CPRNumber, on date: CivilDate, lookup: (CPRNumber) -> RoutingFacts?
  ) -> RoutingDecision {
    route(cpr, on: date, lookup: lookup, visited: [])
  }

  private static func route(
    _ cpr: CPRNumber, on date: CivilDate, lookup: (CPRNumber) -> RoutingFacts?, visited: Set<CPRNumber>
  ) -> RoutingDecision {
    // §7.1
    guard let facts = lookup(cpr) else {
      return RoutingDecision(
        channel: .undeliverable(.unknownRecipient), reason: "§7.1: \(cpr) is not in the register")
    }
    // §7.2
    if case .deceased(let died) = facts.status, died <= date {
      return RoutingDecision(channel: .undeliverable(.deceased), reason: "§7.2: deceased on \(died)")
    }
    // §7.3
    if LetterboxRules.age(of: cpr, on: date) < LetterboxRules.letterboxAge {
      return toCustodyHolders(
        of: cpr, facts, on: date, lookup: lookup, visited: visited, rule: "§7.3: under 15",
        none: .noCustodyHolders)
    }
    // §7.4
    if facts.isExempt {
      guard facts.hasPostalAddress else {
        return RoutingDecision(
          channel: .heldForCollection(cpr, facts.municipality),
          reason: "§7.4: exempt with no postal address, held at the centre of municipality \(facts.municipality)")
      }
      return RoutingDecision(channel: .paper(cpr), reason: "§7.4: exempt from Digital Post")
    }
    // §7.5: only an emigrant can lack a letterbox past 15, so the others pay one comparison.
    if case .emigrated = facts.status,
      !LetterboxRules.isAssigned(onDueDate: LetterboxRules.dueDate(birthDate: cpr.birthDate), status: facts.status)
    {
      return toCustodyHolders(
        of: cpr, facts, on: date, lookup: lookup, visited: visited,
        rule: "§7.5: no letterbox assigned (registered abroad since before turning 15)", none: .noLetterbox)
    }
    return RoutingDecision(channel: .digital(cpr), reason: "§7.5: letterbox in use")
  }

  /// Someone without a letterbox: one copy to each custody holder, each routed by the same
  /// rules (a holder already on the path is skipped); none, undeliverable for `none`.
  private static func toCustodyHolders(
    of cpr: CPRNumber, _ facts: RoutingFacts, on date: CivilDate, lookup: (CPRNumber) -> RoutingFacts?,
    visited: Set<CPRNumber>, rule: String, none: UndeliverableReason
  ) -> RoutingDecision {
    let holders = facts.custodyHolders.filter { !visited.contains($0) && $0 != cpr }
    guard !holders.isEmpty else {
      return RoutingDecision(channel: .undeliverable(none), reason: "\(rule) and no custody holder recorded")
    }
    var inner = visited
    inner.insert(cpr)
    let copies = holders.map { route($0, on: date, lookup: lookup, visited: inner).channel }
    return RoutingDecision(
      channel: .custodyHolders(copies), reason: "\(rule), one copy to each of \(holders.count) custody holder(s)")
  }
}
