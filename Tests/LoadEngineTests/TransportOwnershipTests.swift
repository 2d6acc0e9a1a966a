import Glibc
@testable import LoadEngine
import Testing
@testable import Transports

/// Transports free what they hold exactly once, whoever drops them: a run whose setup fails
/// part-way, a second `release()`, a transport simply dropped. Checks that each native
/// transport's epoll and eventfd descriptors are closed right after, with dozens of
/// transports so that a number another test reuses at that moment cannot fake a leak.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct TransportOwnershipTests {
    private static let request = RequestSpec(url: "http://127.0.0.1:9/")
    private static let options = TransportOptions(connections: 60, threads: 1, kind: .native)
    private static let http2Options = TransportOptions(connections: 60, threads: 1, http2: true, kind: .native, streams: 3)
    /// Closed numbers that tests running alongside may have reused meanwhile: far fewer than a leak.
    private static let reused = 10

    private static func descriptors(of transport: NativeSlotTransport) -> [Int32] {
        [transport.epoll, transport.wakeDescriptor]
    }

    private static func openCount(_ descriptors: [Int32]) -> Int {
        descriptors.count { fcntl($0, F_GETFD) != -1 }
    }

    @Test func failedSetupReleasesTheTransportsMadeBeforeIt() throws {
        let run = try LoadRun(plan: LoadPlan(request: Self.request, transport: Self.options,
                                             model: .closed(duration: .seconds(1))))
        var held: [Int32] = []
        var openAtFailure = 0
        #expect(throws: LoadEngineError.transport(.setupFailed(call: "test", detail: nil))) {
            _ = try run.makeWorkers(connections: Array(repeating: 1, count: 60),
                                    series: IntervalSeriesBuilder(workers: 60, schedule: nil, onInterval: { _ in })) {
                share throws(TransportError) in
                // Transport 50 fails: 0..<50 were made, each with an epoll and an eventfd.
                if held.count == 100 {
                    openAtFailure = Self.openCount(held)
                    throw .setupFailed(call: "test", detail: nil)
                }
                let transport = try NativeSlotTransport(request: Self.request, transport: Self.options, connections: share)
                held += Self.descriptors(of: transport)
                return transport
            }
        }
        #expect(openAtFailure == 100, "the transports made before the failure held descriptors")
        #expect(Self.openCount(held) <= Self.reused, "the transports made before the failure were released")
    }

    @Test func releasingTwiceIsHarmless() throws {
        var held: [Int32] = []
        do {
            let native = try (0..<30).map { _ in
                try NativeSlotTransport(request: Self.request, transport: Self.options, connections: 4)
            }
            let curl = try (0..<30).map { _ in
                try CurlSlotTransport(request: Self.request, transport: Self.options, connections: 4)
            }
            let http2 = try (0..<30).map { _ in
                try NativeHTTP2SlotTransport(request: Self.request, transport: Self.http2Options, connections: 4)
            }
            held = native.flatMap(Self.descriptors) + http2.flatMap(\.loopDescriptors)
            #expect(Self.openCount(held) == 120)
            // A double free in any would crash the test process.
            for transport in native { transport.release(); transport.release() }
            for transport in http2 { transport.release(); transport.release() }
            for transport in curl { transport.release(); transport.release() }
            #expect(Self.openCount(held) <= Self.reused)
        }
        // Deinit after release frees nothing more.
        #expect(Self.openCount(held) <= Self.reused)
    }

    @Test func droppedTransportsCloseTheirDescriptors() throws {
        var held: [Int32] = []
        do {
            let transports = try (0..<40).map { _ in
                try NativeSlotTransport(request: Self.request, transport: Self.options, connections: 4)
            }
            held = transports.flatMap(Self.descriptors)
            #expect(Self.openCount(held) == 80)
        }
        #expect(Self.openCount(held) <= Self.reused)
    }
}
