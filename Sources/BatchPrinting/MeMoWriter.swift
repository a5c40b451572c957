import DigitalPost
import Foundation
import HeadlessChromium
import XMLTemplates

/// Writes MeMo 1.2 messages with the `memo` prefix (domain.md §9) through
/// ``BatchDocuments/memoMessage``.
enum MeMoWriter {
  /// One message to `recipient`, with a main document and enclosures as given. Fails only for
  /// a text holding a character XML does not allow.
  static func message(
    uuid: String, label: String, senderID: String, senderIDType: String, senderLabel: String, recipient: CPRNumber,
    created: String, main: [MeMoLetter.File], additional: [[MeMoLetter.File]]
  ) throws(TemplateError) -> [UInt8] {
    func document(_ files: [MeMoLetter.File], main: Bool) -> TemplateValue {
      let files: [TemplateValue] = files.map {
        [
          "encodingFormat": .string($0.encodingFormat), "filename": .string($0.filename),
          "language": .string($0.language), "content": .string($0.content),
        ]
      }
      return ["main": .bool(main), "files": .list(files)]
    }
    let message: TemplateValue = [
      "uuid": .string(uuid), "label": .string(label),
      "sender": ["id": .string(senderID), "idType": .string(senderIDType), "label": .string(senderLabel)],
      "recipient": .string(recipient.digits), "created": .string(created),
      "documents": .list([document(main, main: true)] + additional.map { document($0, main: false) }),
    ]
    return try BatchDocuments.memoMessage.renderBytes(value: message, mode: .xml)
  }
}
