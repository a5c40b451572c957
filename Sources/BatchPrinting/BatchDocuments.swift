import XMLTemplates

/// The documents a batch writes for its receivers besides the letters: the OIO Fjernprint
/// print order (`ForsendelseI`) and the MeMo 1.2 message. Templates of the engine's XML mode,
/// like every other document PostDesk writes, so every value is escaped by construction (and
/// a character XML does not allow is refused, not written).
///
/// They are part of the program, not of the templates folder: the receivers' schemas fix
/// them, and nobody should edit them with the letterhead. A `w` element with `t:omit-tag`
/// carries an optional part together with the line break before it, so that a part left out
/// leaves no empty line.
enum BatchDocuments {
  /// One print order: a letter, its recipient and address, and how to print and post it.
  static let printOrder = compiled(
    "print-order.xml",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <fjernprint:ForsendelseI xmlns:fjernprint="urn:oio:fjernprint:1.0.0" xmlns:dkal="urn:oio:dkal:1.0.0" \
    xmlns:adir="urn:oio:adir:dagpenge:2009.07.01" xmlns:itst="http://rep.oio.dk/itst.dk/xml/schemas/2006/01/17/" \
    xmlns:dkcc="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2003/02/13/" \
    xmlns:dkcc2005="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/03/15/" \
    xmlns:dkcc2005-3="http://rep.oio.dk/ebxml/xml/schemas/dkcc/2005/05/19/" xmlns:sd="urn:oio:sagdok:3.0.0" \
    xmlns:t="urn:postdesk:template">
      <fjernprint:AfsendelseIdentifikator t:text="sendingID"/>
      <fjernprint:ForsendelseModtager>
        <dkal:AfsendelseModtager>
          <adir:CPRnummerIdentifikator t:text="recipient"/>
        </dkal:AfsendelseModtager>
        <fjernprint:ModtagerAdresse>
          <itst:PersonName t:text="name"/><w t:if="address.street" t:omit-tag=""><w t:if="address.co" t:omit-tag="">
          <fjernprint:CoNavn t:text="address.co"/></w>
          <dkcc2005:StreetName t:text="address.street"/>
          <dkcc:StreetBuildingIdentifier t:text="address.building"/><w t:if="address.floor" t:omit-tag="">
          <dkcc:FloorIdentifier t:text="address.floor"/></w><w t:if="address.door" t:omit-tag="">
          <dkcc:SuiteIdentifier t:text="address.door"/></w></w><w t:if="address.lines.0" t:omit-tag="">
          <dkcc2005-3:PostalAddressFirstLineText t:text="address.lines.0"/></w><w t:if="address.lines.1" t:omit-tag="">
          <dkcc2005-3:PostalAddressSecondLineText t:text="address.lines.1"/></w><w t:if="address.lines.2" t:omit-tag="">
          <dkcc2005-3:PostalAddressThirdLineText t:text="address.lines.2"/></w><w t:if="address.lines.3" t:omit-tag="">
          <dkcc2005-3:PostalAddressFourthLineText t:text="address.lines.3"/></w><w t:if="address.lines.4" t:omit-tag="">
          <dkcc2005-3:PostalAddressFifthLineText t:text="address.lines.4"/></w><w t:if="address.lines.5" t:omit-tag="">
          <dkcc2005-3:PostalAddressSixthLineText t:text="address.lines.5"/></w><w t:if="address.postcode" t:omit-tag="">
          <dkcc2005:PostCodeIdentifier t:text="address.postcode"/></w>
          <dkcc:CountryIdentificationCode scheme="iso3166-alpha2" t:text="address.country"/>
        </fjernprint:ModtagerAdresse>
      </fjernprint:ForsendelseModtager>
      <dkal:FilformatNavn t:text="format"/>
      <dkal:MeddelelseIndholdData t:text="content"/>
      <fjernprint:DokumentParametre>
        <sd:TitelTekst t:text="title"/>
        <sd:UUIDIdentifikator t:text="uuid"/>
        <sd:BrevDato t:text="date"/>
      </fjernprint:DokumentParametre>
      <fjernprint:PrintParametre>
        <fjernprint:SimplexDuplexKode t:text="sides"/>
        <fjernprint:FarveSHKode t:text="colour"/>
        <fjernprint:KuvertTypeKode t:text="envelope"/>
      </fjernprint:PrintParametre>
      <fjernprint:PostParametre>
        <fjernprint:PostKategoriKode t:text="postCategory"/><w t:if="pages" t:omit-tag="">
        <fjernprint:SideKvantitet t:text="pages"/></w>
      </fjernprint:PostParametre><w t:if="enclosures" t:omit-tag="">
      <fjernprint:BilagSamling><w t:each="enclosure in enclosures" t:omit-tag="">
        <fjernprint:Bilag>
          <fjernprint:BilagNavn t:text="enclosure.name"/>
          <dkal:FilformatNavn>PDF</dkal:FilformatNavn>
          <fjernprint:BilagSorteringsIndeksIdentifikator t:text="enclosure.index"/>
          <dkal:VedhaeftningIndholdData t:text="enclosure.content"/>
        </fjernprint:Bilag></w>
      </fjernprint:BilagSamling></w>
    </fjernprint:ForsendelseI>
    """)

  /// One MeMo message: its header (sender, recipient) and its documents' files.
  static let memoMessage = compiled(
    "memo-message.xml",
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.2" xmlns:t="urn:postdesk:template">
      <memo:MessageHeader>
        <memo:messageType>DIGITALPOST</memo:messageType>
        <memo:messageUUID t:text="uuid"/>
        <memo:label t:text="label"/>
        <memo:Sender>
          <memo:senderID t:text="sender.id"/>
          <memo:idType t:text="sender.idType"/>
          <memo:label t:text="sender.label"/>
        </memo:Sender>
        <memo:Recipient>
          <memo:recipientID t:text="recipient"/>
          <memo:idType>CPR</memo:idType>
        </memo:Recipient>
      </memo:MessageHeader>
      <memo:MessageBody>
        <memo:createdDateTime t:text="created"/><w t:each="document in documents" t:omit-tag="">
        <memo:MainDocument t:if="document.main"><w t:each="file in document.files" t:omit-tag="">
          <memo:File>
            <memo:encodingFormat t:text="file.encodingFormat"/>
            <memo:filename t:text="file.filename"/>
            <memo:language t:text="file.language"/>
            <memo:content t:text="file.content"/>
          </memo:File></w>
        </memo:MainDocument><memo:AdditionalDocument t:unless="document.main"><w t:each="file in document.files" \
    t:omit-tag="">
          <memo:File>
            <memo:encodingFormat t:text="file.encodingFormat"/>
            <memo:filename t:text="file.filename"/>
            <memo:language t:text="file.language"/>
            <memo:content t:text="file.content"/>
          </memo:File></w>
        </memo:AdditionalDocument></w>
      </memo:MessageBody>
    </memo:Message>
    """)

  /// A document of the program, compiled once; that it compiles is the program's own affair.
  private static func compiled(_ name: String, _ xml: String) -> Template {
    do {
      return try Template.compile(xml: xml, path: name)
    } catch {
      fatalError("the batch's own \(name) does not compile: \(error)")
    }
  }
}
