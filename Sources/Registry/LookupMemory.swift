import Crypto
import DigitalPost
import Foundation
import GRDB

/// How a recipient lookup reads the register file.
public enum LookupMemory: Sendable, Equatable {
  /// The file is memory-mapped: the fastest random look-ups, but every page touched counts in
  /// the process's resident size: routing (`RecipientLookup.facts`) touches the compact
  /// table, ~110 MB at 5,000,000 citizens; whole records (`callAsFunction`), the citizen
  /// table, ~600 MB.
  case mapped
  /// Pages are read into SQLite's own cache of at most this many megabytes: resident size
  /// stays bounded whatever the register's size; a cache that holds the compact table
  /// (112 MB at 5,000,000 citizens: 128 MB) routes nearly as fast as the mapped file.
  case bounded(megabytes: Int)
}
