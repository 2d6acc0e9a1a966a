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
        try first(of: paths, from: package, where: FileManager.default.isExecutableFile(atPath:))
    }

    /// The first of `paths` that exists (a module a program loads), installing `package` first
    /// when none does.
    public static func file(_ paths: [String], from package: String) throws -> String {
        try first(of: paths, from: package, where: FileManager.default.fileExists(atPath:))
    }

    /// The first of `paths` that `isUsable`, installing `package` first when none is.
    private static func first(of paths: [String], from package: String, where isUsable: (String) -> Bool) throws -> String {
        if let path = paths.first(where: isUsable) { return path }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/install-deps")
        let installer = Process()
        installer.executableURL = script
        installer.arguments = [package]
        installer.standardInput = FileHandle.nullDevice
        try installer.run()
        installer.waitUntilExit()
        guard installer.terminationStatus == 0, let path = paths.first(where: isUsable) else {
            throw Missing(description: "\(paths.joined(separator: " or ")) is missing and `scripts/install-deps \(package)` "
                + "did not install it (exit \(installer.terminationStatus))")
        }
        return path
    }
}
