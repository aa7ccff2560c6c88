// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swiftlet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "swiftlet", targets: ["swiftlet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(name: "CPosix"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "ServingAPI"),
        .target(name: "APIMachinery", dependencies: ["ServingAPI"]),
        .target(
            name: "Controller",
            dependencies: [
                "ServingAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Reconcilers",
            dependencies: [
                "ServingAPI",
                "Controller",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Traffic",
            dependencies: [
                "ServingAPI",
                "Controller",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "ModelFetch",
            dependencies: [
                "ServingAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "LocalCluster",
            dependencies: [
                "CSQLite",
                "ServingAPI",
                "APIMachinery",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "LocalRuntime",
            dependencies: [
                "ServingAPI",
                "Controller",
                "Reconcilers",
                "Traffic",
                "LocalCluster",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The quickstart samples `swiftlet up` installs, embedded so that the binary needs no checkout: links to
            // the files in samples/ and manifests/samples/.
            resources: [.embedInCode("Samples")]
        ),
        .target(
            name: "Inference",
            dependencies: ["CPosix", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Proto/README.md"]
        ),
        .target(
            name: "Scorer",
            dependencies: [
                "CPosix",
                "Inference",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.embedInCode("Python/worker_shim.py")]
        ),
        .executableTarget(
            name: "swiftlet",
            dependencies: [
                "ServingAPI",
                "Scorer",
                "Controller",
                "Reconcilers",
                "ModelFetch",
                "LocalCluster",
                "LocalRuntime",
                "Traffic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "BenchSupport",
            dependencies: ["Controller", "ServingAPI", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/BenchSupport"
        ),
        .executableTarget(
            name: "controller-bench",
            dependencies: [
                "BenchSupport",
                "Controller",
                "ServingAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/ControllerBench"
        ),
        .executableTarget(
            name: "operator-bench",
            dependencies: [
                "BenchSupport",
                "Controller",
                "ServingAPI",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/OperatorBench"
        ),
        .testTarget(name: "InferenceTests", dependencies: ["Inference"]),
        .testTarget(name: "ServingAPITests", dependencies: ["ServingAPI"]),
        .testTarget(name: "APIMachineryTests", dependencies: ["APIMachinery"]),
        .testTarget(name: "ControllerTests", dependencies: ["Controller", "LocalCluster"]),
        .testTarget(name: "LocalClusterTests", dependencies: ["LocalCluster"]),
        .testTarget(name: "LocalRuntimeTests", dependencies: ["LocalRuntime", "Reconcilers", "ServingAPI"]),
        .testTarget(name: "ReconcilersTests", dependencies: ["Reconcilers"]),
        .testTarget(
            name: "TrafficTests",
            dependencies: [
                "Traffic", "ServingAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ModelFetchTests",
            dependencies: [
                "ModelFetch",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ScorerTests",
            dependencies: [
                "Scorer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
