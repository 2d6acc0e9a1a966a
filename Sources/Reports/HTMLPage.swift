import Units
/// The frame of an HTML report: one self-contained XHTML-compatible document with the inline
/// stylesheet and no script, image, font or link to anything outside it.
enum HTMLPage {
    /// The document titled `title`, with `body` inside its `<main>` and a footer naming `origin`.
    static func document(title: String, origin: ReportOrigin, _ body: (inout Markup) -> Void) -> String {
        var page = Markup()
        page.trusted("<!DOCTYPE html>\n")
        page.element("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")]) { html in
            html.element("head") { head in
                head.empty("meta", [("charset", "utf-8")])
                head.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
                head.empty("meta", [("name", "color-scheme"), ("content", "light dark")])
                head.element("title", text: title)
                // Raw text: an HTML parser does not decode entities inside <style>, so the sheet
                // must not be escaped (it contains no `<` or `&`).
                head.element("style") { $0.trusted(ReportStylesheet.css) }
            }
            html.element("body") { bodyElement in
                bodyElement.element("main") { main in
                    body(&main)
                    main.element("footer") { footer in
                        footer.element("p", text: "Made by perfkit \(origin.perfkitVersion) on "
                            + "\(Timestamp.string(from: origin.generatedAt, precision: .seconds)) with:")
                        footer.element("pre", [("class", "command")], text: origin.command)
                    }
                }
            }
        }
        return page.text
    }
}
