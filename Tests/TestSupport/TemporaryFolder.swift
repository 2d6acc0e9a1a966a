import Foundation

/// A fresh folder under the system's temporary directory, removed when the last reference to
/// it goes (a suite keeps one per test).
public final class TemporaryFolder: Sendable {
    /// The folder.
    public let url = FileManager.default.temporaryDirectory.appendingPathComponent("perfkit-test-\(UUID().uuidString)")

    public init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}
