import DigitalPost
import Documents

/// Prints the application form "Anmodning om fritagelse fra Digital Post" (FD 001a):
/// blank, to fill in by hand, or pre-filled with the citizen's name, CPR number and address.
public struct PrintExemptionForm: Sendable {
  /// The desk whose registry, templates and letterheads the form is printed from.
  public let desk: Desk

  /// Makes the job for `desk`.
  public init(desk: Desk) { self.desk = desk }

  /// What was printed.
  public struct Result: Sendable {
    /// The form, `exemption-form`, in the format asked for, as it was kept.
    public var form: Document
    /// The language of the form: the one asked for, else the citizen's, else Danish.
    public var language: Language
    /// Whether the form carries a citizen's name, CPR number and address; false for a blank form.
    public var prefilled: Bool
  }

  /// Makes the form in `format` and keeps it in `sink`. Without `cpr` the form is blank. The
  /// language defaults to the citizen's, the centre to the citizen's municipality.
  ///
  /// A pre-filled form carries the citizen's full CPR number: the sink must keep it from others.
  public func run(
    cpr: CPRNumber?, language: Language?, centre centreCode: MunicipalityCode?, clerk: String?,
    format: DocumentFormat, into sink: some DocumentSink
  ) throws -> Result {
    let citizen = try cpr.map { try desk.citizen($0) }
    guard let code = centreCode ?? citizen?.municipality else { throw DeskError.centreNotNamed }
    let centre = try desk.centres.centre(code)
    let language = language ?? citizen?.language ?? .da
    let data = FormData(
      blank: citizen == nil,
      date: citizen == nil ? nil : desk.today.iso,
      reference: citizen == nil ? nil : "",
      centre: CentreData(centre),
      citizen: citizen.map {
        FormCitizen(
          name: $0.name, cprFull: $0.cpr.formatted, addressLines: EnvelopeAddress.lines($0.address, in: language))
      },
      criteria: CriteriaTicks([]),
      paperCopies: false,
      onBehalf: false,
      identity: .init(photoId: false, twoWithoutPhoto: false, authorityChecked: false, documents: []),
      clerk: citizen == nil ? nil : ClerkData(name: clerk.map { centre.signature(of: $0) ?? centre.name } ?? ""),
      decision: .init(granted: false, refused: false))
    let html = try desk.documents.render("exemption-application", language, data)
    let form = try desk.made("exemption-form", html: html, as: [format])
    try desk.keep(form, in: sink)
    return Result(form: form[0], language: language, prefilled: citizen != nil)
  }

  struct FormData: Encodable {
    var blank: Bool
    var date: String?
    var reference: String?
    var centre: CentreData
    var citizen: FormCitizen?
    var criteria: CriteriaTicks
    var paperCopies: Bool
    var onBehalf: Bool
    var identity: Identity
    var clerk: ClerkData?
    var decision: Decision

    struct Identity: Encodable {
      var photoId, twoWithoutPhoto, authorityChecked: Bool
      var documents: [String]
    }

    struct Decision: Encodable {
      var granted, refused: Bool
    }
  }

  struct FormCitizen: Encodable {
    var name: String
    var cprFull: String
    var addressLines: [String]
  }
}
