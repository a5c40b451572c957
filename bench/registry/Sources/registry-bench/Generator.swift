import DigitalPost
import Foundation

/// Writes a synthetic CPR extract: valid CPR numbers (modulus 11 holds), ages 0 to 104 with
/// fewer of the oldest, children under 15 with custody holders (a few with none), some
/// deceased, emigrated (foreign address) and without fixed residence. Rows come sorted by
/// CPR number, as a register extract is.
enum Generator {
  static let firstNames = [
    "Anne", "Mette", "Kirsten", "Hanne", "Anna", "Helle", "Susanne", "Lene", "Maria", "Marianne", "Peter", "Jens",
    "Lars", "Michael", "Henrik", "Thomas", "Søren", "Jan", "Niels", "Rasmus", "Emma", "Ida", "Freja", "Alma",
    "William", "Noah", "Oscar", "Lucas", "Åse", "Bjørn", "Jørgen", "Ærling",
  ]
  static let lastNames = [
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Østergaard", "Møller",
    "Nørgaard", "Kjærgaard",
  ]
  static let streets = [
    "Søndergade", "Nørregade", "Østergade", "Vestergade", "Algade", "Skovvej", "Kirkevej", "Bøgevej", "Åvej",
    "Strandvejen", "Møllevej", "Engvej",
  ]
  static let towns: [(String, String, Int)] = [
    ("2100", "København Ø", 101), ("8000", "Aarhus C", 751), ("5000", "Odense C", 461), ("9000", "Aalborg", 851),
    ("6700", "Esbjerg", 561), ("7100", "Vejle", 630), ("4000", "Roskilde", 265), ("8700", "Horsens", 615),
    ("2800", "Kongens Lyngby", 173), ("1820", "Frederiksberg C", 147),
  ]
  static let abroad: [(String, String)] = [
    ("Hauptstraße 5|10115 Berlin", "DE"), ("Storgatan 12|211 42 Malmö", "SE"),
    ("1200 Main Street|Boston, MA 02108", "US"), ("Calle del Sol 3|29602 Marbella", "ES"),
  ]

  /// The serials that pass modulus 11 for a birth date, in ascending order.
  static func serials(_ d: CivilDate) -> [Int] {
    let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2]
    let head = [d.day / 10, d.day % 10, d.month / 10, d.month % 10, d.year % 100 / 10, d.year % 10]
    let prefixes = d.year < 2000 ? Array(0..<400) : Array(400..<500) + Array(900..<1000)
    var out: [Int] = []
    for p in prefixes {
      let digits = head + [p / 100, p / 10 % 10, p % 10]
      let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
      let check = (11 - sum % 11) % 11
      if check < 10 { out.append(p * 10 + check) }
    }
    return out
  }

  static func run(count: Int, path: String, today: CivilDate) {
    var rng = SplitMix64(state: 20_261_122)
    // Birth dates over 105 years; weight 1 below 75, falling to 0 at 105.
    let first = today.dayNumber - 105 * 365
    var days: [(day: CivilDate, weight: Double)] = []
    for n in first..<today.dayNumber {
      let age = Double(today.dayNumber - n) / 365.25
      days.append((CivilDate(dayNumber: n), age < 75 ? 1 : max(0, (105 - age) / 30)))
    }
    let total = days.reduce(0) { $0 + $1.weight }
    // Largest-remainder counts per day, capped by the serials available.
    var perDay: [(CivilDate, Int)] = []
    var cumulative = 0.0
    var assigned = 0
    for (day, weight) in days {
      cumulative += Double(count) * weight / total
      let n = Int(cumulative.rounded()) - assigned
      assigned += n
      perDay.append((day, n))
    }
    // Sorted by CPR number: DDMMYY, then the serial (19YY serials 0-3999 before 20YY's 4000+).
    perDay.sort { a, b in
      let ka = (a.0.day, a.0.month, a.0.year % 100, a.0.year)
      let kb = (b.0.day, b.0.month, b.0.year % 100, b.0.year)
      return ka < kb
    }
    // First pass: every CPR number; adults aged 25-55 are the custody holders' pool.
    var people: [(key: Int64, birth: CivilDate)] = []
    people.reserveCapacity(count)
    for (day, n) in perDay where n > 0 {
      let serials = serials(day)
      let base = Int64(day.day * 10_000 + day.month * 100 + day.year % 100) * 10_000
      for s in serials.prefix(n) { people.append((base + Int64(s), day)) }
    }
    // Stay sorted when two centuries share DDMMYY.
    people.sort { $0.key < $1.key }
    let parents = people.indices.filter { (25...55).contains(people[$0].birth.wholeYears(until: today)) }
    var out = BufferedWriter(path: path)
    out.write(
      "cpr,name,street,building,floor,door,postcode,city,co_name,foreign_lines,country,status,status_date,language,municipality,custody_1,custody_2\n"
    )
    func cpr(_ key: Int64) -> String {
      let s = pad(Int(key), 10)
      return "\(s.prefix(6))-\(s.suffix(4))"
    }
    for (key, birth) in people {
      let age = birth.wholeYears(until: today)
      let name = "\(firstNames[Int(rng.next() % 32)]) \(lastNames[Int(rng.next() % 20)])"
      let town = towns[Int(rng.next() % 10)]
      var address =
        "\(streets[Int(rng.next() % 12)]),\(rng.next() % 120 + 1),\(rng.chance(0.4) ? String(rng.next() % 5) : ""),"
        + "\(rng.chance(0.4) ? (rng.chance(0.5) ? "tv" : "th") : ""),\(town.0),\(town.1),,,"
      var status = ","
      if age >= 60, rng.chance(0.03) {
        status = "deceased,\(today.adding(days: -Int(rng.next() % 3650)))"
      } else if age >= 18, rng.chance(0.02) {
        let place = abroad[Int(rng.next() % 4)]
        address = ",,,,,,,\"\(place.0)\",\(place.1)"
        status = "emigrated,\(today.adding(days: -Int(rng.next() % 7300)))"
      } else if age >= 18, rng.chance(0.003) {
        address = ",,,,,,,,"
        status = "no-fixed-residence,\(today.adding(days: -Int(rng.next() % 1000)))"
      }
      var custody = ","
      if age < 15 {
        let roll = rng.next() % 100
        let a = people[parents[Int(rng.next() % UInt64(parents.count))]].key
        let b = people[parents[Int(rng.next() % UInt64(parents.count))]].key
        custody = roll < 95 && a != b ? "\(cpr(a)),\(cpr(b))" : roll < 99 ? "\(cpr(a))," : ","
      }
      out.write(
        "\(cpr(key)),\(name),\(address),\(status),\(rng.chance(0.03) ? "en" : "da"),\(town.2),\(custody)\n")
    }
    out.flush()
    print("generated \(people.count) citizens")
  }
}
