import Foundation

/// The machine a run was measured on, so comparisons across machines can be flagged.
public struct HostFingerprint: Codable, Sendable, Equatable, Hashable {
    /// CPU model name from /proc/cpuinfo.
    public var cpuModel: String
    /// Logical cores.
    public var cores: Int
    /// Physical memory, bytes.
    public var memoryBytes: UInt64
    /// Kernel release (`uname -r`).
    public var kernel: String

    /// Creates a fingerprint.
    public init(cpuModel: String, cores: Int, memoryBytes: UInt64, kernel: String) {
        self.cpuModel = cpuModel
        self.cores = cores
        self.memoryBytes = memoryBytes
        self.kernel = kernel
    }

    /// The machine this process runs on.
    public static func current() -> HostFingerprint {
        let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuInfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        var name = utsname()
        uname(&name)
        let kernel = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return HostFingerprint(cpuModel: model, cores: ProcessInfo.processInfo.activeProcessorCount,
                               memoryBytes: ProcessInfo.processInfo.physicalMemory, kernel: kernel)
    }

    /// One line for reports: `Intel Xeon ..., 2 cores, 24 GiB, Linux 6.1`.
    public var summary: String {
        "\(cpuModel), \(cores) cores, \(memoryBytes / (1 << 30)) GiB, kernel \(kernel)"
    }
}
