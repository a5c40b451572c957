import DigitalPost

/// Answers "what did the register say of this CPR number on the day?" many times over, in
/// one read of the registry: how a batch routes its letters.
///
/// On SQLite every answer is one look-up through held statements (`SQLiteRouting`); on
/// another store, where a look-up is a round trip, the batch names each block's recipients
/// first (`prefetch(_:)`) and they are read together, with their custody holders, a few
/// hundred keys a statement; a number not prefetched is read on its own.
///
/// Not Sendable: it lives inside `Registry.withRecipientLookup`, on that read's thread.
public final class RecipientLookup {
  /// The day every answer is taken as of.
  public let asOf: CivilDate
  /// SQLite's lookup, when the registry is a SQLite file.
  private let sqlite: SQLiteRouting?
  /// Another store's read, when it is not.
  private let connection: (any StoreConnection)?
  /// The prefetched answers (another store): the state of each key asked that has one.
  private var answers: [Int64: RecipientState] = [:]
  /// Every key read so far in this block, with or without an answer.
  private var asked: Set<Int64> = []
  private var storeError: (any Error)?

  /// The first error met; `withRecipientLookup` rethrows it.
  var firstError: (any Error)? { sqlite?.firstError ?? storeError }

  init(sqlite: SQLiteRouting) {
    self.asOf = sqlite.asOf
    self.sqlite = sqlite
    self.connection = nil
  }

  init(connection: any StoreConnection, asOf: CivilDate) {
    self.asOf = asOf
    self.sqlite = nil
    self.connection = connection
  }

  /// How many answers are held (for tests: a prefetch reads ahead).
  var heldAnswers: Int { answers.count }

  /// Whether `prefetch(_:)` reads anything: false on SQLite, whose look-ups are in-process.
  public var prefetches: Bool { connection != nil }

  /// The number of keys a prefetch statement names: one statement text, prepared once.
  static let block = 500

  /// The state of each recipient of `cprs` and of their custody holders, read together for
  /// the letters that follow; the previous block's answers are forgotten (memory stays flat).
  /// Nothing to do on SQLite.
  public func prefetch(_ cprs: some Sequence<CPRNumber>) {
    guard connection != nil else { return }
    answers.removeAll(keepingCapacity: true)
    asked.removeAll(keepingCapacity: true)
    load(cprs.map(CitizenRow.key))
    let holders = answers.values.flatMap { $0.citizen.custodyHolders.map(CitizenRow.key) }
    load(holders)
  }

  /// Reads the keys not asked yet, `block` a statement (the last padded with its own last key).
  private func load(_ keys: [Int64]) {
    guard let connection, storeError == nil else { return }
    var fresh: [Int64] = []
    for key in keys where asked.insert(key).inserted { fresh.append(key) }
    var start = 0
    while start < fresh.count {
      let end = min(start + Self.block, fresh.count)
      let size = fresh.count == 1 ? 1 : Self.block
      var arguments: [any StoreBindable] = [asOf.iso]
      arguments += fresh[start..<end].map { $0 as any StoreBindable }
      while arguments.count < size + 1 { arguments.append(fresh[end - 1]) }
      do {
        // Several versions may name the day (a second change that day closes the first on
        // its first day): the latest holds, as `citizenSQL`'s ORDER BY takes it.
        var latest: [Int64: String] = [:]
        try connection.forEach(Self.blockSQL(size), arguments) { row in
          let key: Int64 = row[0]
          let validFrom: String = row[18]
          if let seen = latest[key], seen >= validFrom { return }
          latest[key] = validFrom
          answers[key] = RecipientState(citizen: CitizenRow.citizen(from: row), isExempt: row[19])
        }
      } catch {
        storeError = error
        return
      }
      start = end
    }
  }

  /// The statement reading `size` keys (`?2`…) as of `?1`.
  static func blockSQL(_ size: Int) -> String {
    let keys = (2..<(size + 2)).map { "?\($0)" }.joined(separator: ", ")
    return """
      SELECT \(CitizenRow.selection), valid_from,
        EXISTS (SELECT 1 FROM exemption e WHERE e.cpr = citizen.cpr AND e.valid_from <= ?1
          AND (e.valid_to IS NULL OR e.valid_to > ?1))
      FROM citizen WHERE cpr IN (\(keys)) AND valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1)
      """
  }

  /// The state of `cpr` on `asOf`, nil when unknown that day: fits `DeliveryRules.route`'s lookup.
  public func callAsFunction(_ cpr: CPRNumber) -> RecipientState? {
    if let sqlite { return sqlite.state(cpr) }
    let key = CitizenRow.key(cpr)
    if !asked.contains(key) { load([key]) }
    return answers[key]
  }

  /// What routing needs of `cpr` on `asOf`, nil when unknown that day.
  public func facts(_ cpr: CPRNumber) -> RoutingFacts? {
    if let sqlite { return sqlite.facts(cpr) }
    return self(cpr)?.routingFacts
  }
}

@available(*, unavailable)
extension RecipientLookup: Sendable {}
