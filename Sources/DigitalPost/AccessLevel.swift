/// The level of a delegated access (domain.md §6).
public enum AccessLevel: String, Hashable, Sendable, Codable, CaseIterable {
  /// læseadgang
  case read = "read"
  /// læse- og skriveadgang
  case readWrite = "read-write"

  /// The level's name as letters print it.
  public func wording(in language: Language) -> String {
    switch (self, language) {
    case (.read, .da): "læseadgang"
    case (.read, .en): "read access"
    case (.readWrite, .da): "læse- og skriveadgang"
    case (.readWrite, .en): "read and write access"
    }
  }

  /// What a helper with this level may do, one item per line of a letter's list.
  public func allows(in language: Language) -> [String] {
    let read: [String]
    let write: [String]
    switch language {
    case .da:
      read = [
        "læse al offentlig post, også post modtaget før adgangen begyndte",
        "oprette og bruge mapper",
        "markere post som læst eller ulæst",
        "videresende post",
      ]
      write = ["skrive og svare på post (myndigheden kan se, hvem der har hjulpet)"]
    case .en:
      read = [
        "read all public post, also post received before the access began",
        "create and use folders",
        "mark post as read or unread",
        "forward post",
      ]
      write = ["write and reply (the authority can see who helped)"]
    }
    return self == .read ? read : read + write
  }

  /// What a helper with this level may not do, one item per line of a letter's list.
  public func doesNotAllow(in language: Language) -> [String] {
    let items: [String]
    let write: String
    switch language {
    case .da:
      items = ["slette post permanent", "ændre indstillinger for notifikationer", "give andre adgang"]
      write = "skrive eller svare på post"
    case .en:
      items = ["delete post permanently", "change notification settings", "give others access"]
      write = "write or reply"
    }
    return self == .read ? [items[0], write, items[1], items[2]] : items
  }
}
