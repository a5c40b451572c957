import DigitalPost
import Documents
import Foundation

// The data a document template reads: the contract in samples/documents/README.md.
// Field names here are the paths the templates use.

/// The five tick boxes, named as the criteria.
struct CriteriaTicks: Encodable {
  var impairment, noInternet, emigratedOrNoFixedResidence, languageBarriers, nemIDDifficulty: Bool

  init(_ criteria: Set<ExemptionCriterion>) {
    impairment = criteria.contains(.impairment)
    noInternet = criteria.contains(.noInternet)
    emigratedOrNoFixedResidence = criteria.contains(.emigratedOrNoFixedResidence)
    languageBarriers = criteria.contains(.languageBarriers)
    nemIDDifficulty = criteria.contains(.nemIDDifficulty)
  }
}
