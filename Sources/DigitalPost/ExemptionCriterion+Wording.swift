extension ExemptionCriterion {
  /// The criterion's number on the form, 1 to 5, in the guidance's order.
  public var number: Int { ExemptionCriterion.allCases.firstIndex(of: self)! + 1 }

  /// The tick-box text as the form "Anmodning om fritagelse fra Digital Post" prints it: the
  /// one text of the criterion, which the web desk, the decision letter and the letterbox
  /// notice quote word for word (a test holds them to it).
  public func wording(in language: Language) -> String {
    switch language {
    case .da: danishWording
    case .en: englishWording
    }
  }

  /// The Danish tick-box text.
  public var danishWording: String {
    switch self {
    case .impairment:
      "Jeg har en kognitiv eller fysisk funktionsnedsættelse, som gør det vanskeligt for mig at bruge Digital Post."
    case .noInternet:
      // The legal ground is the area (no broadband of 512 kbit/s can be had there), not the subscription.
      "Jeg har ikke adgang til en computer, tablet eller smartphone med internetforbindelse i mit hjem eller på "
        + "mit opholdssted, eller jeg bor i et område, hvor det ikke er muligt at få bredbånd med mindst 512 kbit/s."
    case .emigratedOrNoFixedResidence:
      "Jeg er registreret i CPR som udrejst, eller jeg er ikke længere registreret med fast bopæl."
    case .languageBarriers:
      "Jeg har sproglige barrierer, som gør det vanskeligt for mig at bruge Digital Post."
    case .nemIDDifficulty:
      "Jeg har praktiske vanskeligheder ved at få MitID."
    }
  }

  /// The English tick-box text.
  public var englishWording: String {
    switch self {
    case .impairment:
      "I have a cognitive or physical impairment that makes it difficult for me to use Digital Post."
    case .noInternet:
      "I do not have access to a computer, tablet or smartphone with an internet connection in my home or place "
        + "of residence, or I live in an area where broadband of at least 512 kbit/s is not available."
    case .emigratedOrNoFixedResidence:
      "I am registered in CPR as emigrated, or I am no longer registered with a fixed residence."
    case .languageBarriers:
      "I have language barriers that make it difficult for me to use Digital Post."
    case .nemIDDifficulty:
      "I have practical difficulties obtaining MitID."
    }
  }

  /// The legal grounds (of the eight in the rules) the criterion groups, in short.
  public func legalGrounds(in language: Language) -> [String] {
    switch (self, language) {
    case (.impairment, .da): ["kognitiv funktionsnedsættelse", "fysisk funktionsnedsættelse"]
    case (.impairment, .en): ["cognitive impairment", "physical impairment"]
    case (.noInternet, .da):
      [
        "ingen adgang til computer med internetforbindelse i hjem eller opholdssted",
        "bopæl i et område, hvor det ikke er muligt at få bredbånd med mindst 512 kbit/s",
      ]
    case (.noInternet, .en):
      [
        "no computer with an internet connection at home or place of residence",
        "home in an area where broadband of at least 512 kbit/s is not available",
      ]
    case (.emigratedOrNoFixedResidence, .da): ["registreret i CPR som udrejst", "ikke registreret med fast bopæl"]
    case (.emigratedOrNoFixedResidence, .en): ["registered in CPR as emigrated", "no fixed residence registered"]
    case (.languageBarriers, .da): ["sproglige barrierer"]
    case (.languageBarriers, .en): ["language barriers"]
    case (.nemIDDifficulty, .da): ["praktiske vanskeligheder ved at skaffe MitID"]
    case (.nemIDDifficulty, .en): ["practical difficulties obtaining MitID"]
    }
  }
}
