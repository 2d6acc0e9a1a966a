/// HTML and SVG markup written into one string, every text and attribute value escaped and
/// every element closed, so the HTML report parses as XML as well as HTML.
struct Markup {
    /// An attribute: name and unescaped value.
    typealias Attribute = (name: String, value: String)

    /// The markup written so far.
    private(set) var text = ""

    /// `<name …>`, whatever `body` writes, `</name>`.
    mutating func element(_ name: String, _ attributes: [Attribute] = [], _ body: (inout Markup) -> Void) {
        open(name, attributes)
        body(&self)
        text += "</\(name)>"
    }

    /// `<name …>text</name>`, the text escaped.
    mutating func element(_ name: String, _ attributes: [Attribute] = [], text content: String) {
        open(name, attributes)
        text += XMLText.escape(content)
        text += "</\(name)>"
    }

    /// `<name …/>`. Only for SVG elements and HTML void elements (`meta`): an HTML parser reads
    /// `<div/>` as an opening tag.
    mutating func empty(_ name: String, _ attributes: [Attribute] = []) {
        text += "<" + name
        append(attributes)
        text += "/>"
    }

    /// Escaped text.
    mutating func text(_ content: String) {
        text += XMLText.escape(content)
    }

    /// Markup this module wrote itself (the stylesheet, a chart), appended as it is.
    mutating func trusted(_ markup: String) {
        text += markup
    }

    private mutating func open(_ name: String, _ attributes: [Attribute]) {
        text += "<" + name
        append(attributes)
        text += ">"
    }

    private mutating func append(_ attributes: [Attribute]) {
        for attribute in attributes {
            text += " \(attribute.name)=\"\(XMLText.escape(attribute.value))\""
        }
    }
}
