import ArgumentParser
import Foundation
import Recording

/// The one URL a single-URL command sends to: the argument, or `PERFKIT_TARGET`. Apart from
/// `RequestOptions` so that commands sending to URLs given otherwise (`canary`'s two) do not
/// offer it.
struct TargetURLArgument: ParsableArguments {
    @Argument(help: "Target URL, e.g. http://127.0.0.1:8083/api/signals (default: $PERFKIT_TARGET).")
    var url: String?

    /// The URL from the argument or `PERFKIT_TARGET`; nil when neither gives one.
    func givenURL() -> String? {
        if let url { return url }
        guard let fromEnvironment = ProcessInfo.processInfo.environment["PERFKIT_TARGET"], !fromEnvironment.isEmpty else {
            return nil
        }
        return fromEnvironment
    }

    /// The URL from the argument or `PERFKIT_TARGET`; exit 2 when neither gives one.
    func targetURL() throws -> String {
        guard let url = givenURL() else {
            throw CommandFailure(code: .badInput, message: "no target URL: pass one (e.g. http://127.0.0.1:8083/healthz) or set PERFKIT_TARGET")
        }
        return url
    }
}
