import Foundation
import FoundationNetworking
import JSON

/// Reads the `version` field of a target's `/healthz`, the label runs are stored under when
/// none is given. One request with a short timeout; any failure means "no version".
enum HealthVersion {
    static func fetch(target: String) async -> String? {
        guard var components = URLComponents(string: target) else { return nil }
        components.path = "/healthz"
        components.query = nil
        guard let url = components.url else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 2
        guard let (body, response) = try? await URLSession.shared.data(for: request),
              (response as? HTTPURLResponse)?.statusCode == 200,
              let version = JSONValue.parse(body)?["version"]?.string, !version.isEmpty else { return nil }
        return version
    }
}
