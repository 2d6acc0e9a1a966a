// swift-tools-version: 6.0
import PackageDescription

/// SwiftNIO's HTTP/1 server, for the demo target and the `--metrics-listen` listener.
let httpServer: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
]

let package = Package(
    name: "perfkit",
    // Linux only: the transports use epoll, eventfd and timerfd (Sources/CNet says so at compile time).
    // No library product: `Transports` is built with unsafe flags, which SwiftPM refuses in dependencies.
    products: [
        .executable(name: "perfkit", targets: ["perfkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CTLS",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CHTTP2",
            pkgConfig: "libnghttp2",
            providers: [.apt(["libnghttp2-dev"])]
        ),
        .target(name: "CNet"),
        .target(name: "Units"),
        .target(name: "JSON"),
        // Histograms as stored and read: below both the engine and the store, so a live run and
        // a stored one are read out the same way without the engine depending on SQLite.
        .target(name: "Histograms", dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")]),
        .target(
            name: "Transports",
            dependencies: ["CCurl", "CHTTP2", "CNet", "CTLS", "Units"],
            swiftSettings: [
                // The transport threads' loops touch their own state only (each transport is
                // confined to its thread); the runtime's dynamic exclusivity checks cost about
                // 1.3% of a thread's time there (perf, closed model, release). Only this target
                // carries unsafe flags, and no product exports it.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .target(
            name: "LoadEngine",
            dependencies: [
                "Transports",
                "CNet",
                "Units",
                "Histograms",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "Baselines",
            dependencies: ["Histograms", "Units", "JSON", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The shared PostgreSQL store, apart from `Baselines` so that the SQLite store and what
        // reads it do not build PostgresNIO, TLS and its crypto.
        .target(
            name: "PostgresStore",
            dependencies: ["Baselines", "Histograms", "Units", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(
            name: "Scenarios",
            dependencies: ["LoadEngine", "Units", "JSON", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Regression", dependencies: ["Baselines", "Histograms", "Units"]),
        .target(
            name: "Recording",
            dependencies: ["LoadEngine", "Scenarios", "Monitor", "LiveMetrics", "Baselines", "Histograms", "Units"]
        ),
        .target(
            name: "Reports",
            dependencies: ["Recording", "Regression", "Baselines", "Histograms", "Monitor", "LoadEngine", "Units", "Canary"]
        ),
        .target(
            name: "DemoTarget",
            dependencies: [
                "Units",
                "JSON",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ] + httpServer
        ),
        .target(
            name: "Monitor",
            dependencies: ["LoadEngine", "Histograms", "JSON", "Units", .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        // The canary judge: the rank test, classification and scores (Judgment/, HTTP-free) and the
        // live run that feeds them from two probes and Prometheus (Live/).
        .target(
            name: "Canary",
            dependencies: ["Regression", "Monitor", "LoadEngine", "Recording", "Baselines", "Histograms", "Units", "JSON",
                           .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .target(
            name: "LiveMetrics",
            dependencies: ["LoadEngine", "Units", .product(name: "Prometheus", package: "swift-prometheus")] + httpServer
        ),
        .executableTarget(
            name: "perfkit",
            dependencies: [
                "LoadEngine",
                "Scenarios",
                "DemoTarget",
                "Monitor",
                "LiveMetrics",
                "Units",
                "Baselines",
                "PostgresStore",
                "Histograms",
                "JSON",
                "Regression",
                "Reports",
                "Recording",
                "Canary",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Differential fuzzing of the native transport's response parser against llhttp (NIOHTTP1):
        // a benchmark-style job run by bench/parser-fuzz, not a test. It reads the parser through
        // its `package` interface, so it builds in every configuration.
        .executableTarget(
            name: "parser-fuzz",
            dependencies: [
                "Transports",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "bench/ParserFuzz"
        ),
        .target(name: "TestSupport", dependencies: ["DemoTarget"], path: "Tests/TestSupport"),
        .target(
            name: "RunFixtures",
            dependencies: ["Baselines", "Histograms", "Units", .product(name: "Histogram", package: "hdrhistogram-swift")],
            path: "Tests/RunFixtures"
        ),
        .testTarget(name: "UnitsTests", dependencies: ["Units"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "Units"]),
        .testTarget(name: "HistogramsTests", dependencies: ["Histograms", "Units"]),
        .testTarget(name: "LoadEngineTests", dependencies: ["LoadEngine", "Transports", "Histograms", "DemoTarget", "TestSupport"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "JSON", "LoadEngine", "DemoTarget", "TestSupport"]),
        .testTarget(name: "DemoTargetTests", dependencies: ["DemoTarget", "TestSupport"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "LoadEngine", "Histograms"]),
        .testTarget(name: "LiveMetricsTests", dependencies: ["LiveMetrics", "LoadEngine"]),
        .testTarget(
            name: "BaselinesTests",
            dependencies: ["Baselines", "PostgresStore", "Histograms", "Units", "TestSupport",
                           .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .testTarget(
            name: "RegressionTests",
            dependencies: ["Regression", "Baselines", "Histograms", "Units", "RunFixtures",
                           .product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Recording", "Regression", "Baselines", "Histograms", "Monitor", "RunFixtures",
                           "TestSupport", "Canary"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "CanaryTests", dependencies: ["Canary", "Regression", "Monitor", "LoadEngine"]),
        .testTarget(name: "CLITests", dependencies: ["perfkit", "DemoTarget", "TestSupport", "Baselines", "RunFixtures"]),
    ]
)
