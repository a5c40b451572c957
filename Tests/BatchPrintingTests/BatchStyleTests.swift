import Testing

@testable import BatchPrinting

/// A letter's style sheet cut to the rules that can match it.
@Suite("letters print: style sheet cut")
struct BatchStyleTests {
  static let sheet = """
    /* A comment with { braces } and a ; */
    @page {
      size: A4;
      @bottom-right { content: counter(page) " / " counter(pages); }
    }
    body { margin: 0;  font: 10pt "Liberation Sans", Arial; }
    @media screen {
      html { background: #d8d8d8; }
      .form-only { color: red; }
    }
    h1, h3 { font-size: 13pt; }
    h3 { margin: 0; }
    .footer .item + .item::before { content: " · /* not a comment */ "; }
    body.form .letterhead { height: auto; }
    .letterhead .centre { display: block; }
    input[type="checkbox"]:checked { background: #fff; }
    """

  static func letter(_ body: String) -> String {
    "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<style id=\"print-css\">\(sheet)</style>\n</head>\n"
      + "<body>\n\(body)\n</body>\n</html>\n"
  }

  @Test func keepsTheRulesThatCanMatchAndDropsTheRest() {
    let html = Self.letter(
      "<header class=\"letterhead\"><span class=\"centre\">C</span></header><h1>T</h1>"
        + "<footer class=\"footer\"><span class=\"item\">a</span><span class=\"item\">b</span></footer>")
    let cut = BatchStyle().apply(html)
    #expect(
      cut == """
        <!DOCTYPE html>
        <html lang="da">
        <head>
        <style id="print-css">
        @page{size:A4;@bottom-right{content:counter(page) " / " counter(pages);}}
        body{margin:0;font:10pt "Liberation Sans",Arial;}
        @media screen{html{background:#d8d8d8;}
        }
        h1, h3{font-size:13pt;}
        .footer .item + .item::before{content:" · /* not a comment */ ";}
        .letterhead .centre{display:block;}
        </style>
        </head>
        <body>
        <header class="letterhead"><span class="centre">C</span></header><h1>T</h1><footer class="footer"><span class="item">a</span><span class="item">b</span></footer>
        </body>
        </html>

        """)
  }

  @Test func aFormKeepsItsRules() {
    let html = Self.letter(
      "<div class=\"form-only\"></div><h3>x</h3><input type=\"checkbox\" checked=\"checked\"/>"
        + "<div class=\"form letterhead\"></div>")
    let cut = BatchStyle().apply(html)
    #expect(cut.contains(".form-only{color:red;}"))
    #expect(cut.contains("h3{margin:0;}"))
    #expect(cut.contains("input[type=\"checkbox\"]:checked{background:#fff;}"))
    // `body.form` needs the class form on some element: the letter has it (on a div).
    #expect(cut.contains("body.form .letterhead{height:auto;}"))
    #expect(!cut.contains(".letterhead .centre"))
  }

  @Test func aLetterWithoutAStyleSheetIsUnchanged() {
    let html = "<!DOCTYPE html>\n<html><body><p class=\"x\">a &lt;style&gt; b</p></body></html>\n"
    #expect(BatchStyle().apply(html) == html)
  }

  @Test func theSameLetterGivesTheSameBytes() {
    let style = BatchStyle()
    let html = Self.letter("<h1 class=\"letterhead\">T</h1>")
    let first = style.apply(html)
    #expect(style.apply(html) == first)
    #expect(BatchStyle().apply(html) == first)
  }
  /// The page header's sheet holds the letter's own words (`<style data-letter>`): copied as
  /// it is, so that a batch does not keep one cut per letter (issue 23, print point 8).
  @Test func copiesALettersOwnSheetAsItIs() {
    let style = BatchStyle()
    for name in ["Karen Møller", "Poul Andersen"] {
      let own = ":root { --page-head: \"\(name) · 22. november 2026\"; } /* kept */"
      let html = Self.letter("<h1>T</h1>").replacingOccurrences(
        of: "</head>", with: "<style id=\"page-head-da\" data-letter=\"\">\(own)</style>\n</head>")
      let cut = style.apply(html)
      #expect(cut.contains("<style id=\"page-head-da\" data-letter=\"\">\(own)</style>"), "\(cut)")
      #expect(!cut.contains("A comment with"), "the layout's sheet is still cut")
    }
  }
}
