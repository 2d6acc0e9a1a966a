/// ANSI colours for the terminal report; the caller decides whether stdout is a terminal.
enum TerminalColour: String {
    case red = "\u{1B}[31m"
    case green = "\u{1B}[32m"
    case yellow = "\u{1B}[33m"

    /// `text` in this colour, or unchanged when `enabled` is false.
    func paint(_ text: String, enabled: Bool) -> String {
        enabled ? rawValue + text + "\u{1B}[0m" : text
    }
}
