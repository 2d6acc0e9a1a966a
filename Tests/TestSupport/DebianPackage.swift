import Foundation

/// A program from a Debian package that some tests run (chromium, prometheus, nginx), installed
/// with `scripts/install-deps` when missing, as `scripts/test` does, so a single suite run with
/// `swift test --filter` works on a fresh machine too.
public enum DebianPackage {
    /// Why the program could not be found or installed.
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// The first of `paths` that is an executable, installing `package` first when none is.
    public static func executable(_ paths: [String], from package: String) throws -> String {
        if let found = installed(paths) { return found }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/install-deps")
        let installer = Process()
        installer.executableURL = script
        installer.arguments = [package]
        installer.standardInput = FileHandle.nullDevice
        try installer.run()
        installer.waitUntilExit()
        guard installer.terminationStatus == 0, let found = installed(paths) else {
            throw Missing(description: "\(paths.joined(separator: " or ")) is missing and `scripts/install-deps \(package)` "
                + "did not install it (exit \(installer.terminationStatus))")
        }
        return found
    }

    private static func installed(_ paths: [String]) -> String? {
        paths.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
