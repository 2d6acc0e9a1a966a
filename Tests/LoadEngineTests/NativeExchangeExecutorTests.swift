import Foundation
import LoadEngine
import Testing
import TestSupport

/// The native exchange threads as task executors: a task that prefers one runs on that thread,
/// before and after each response, whoever started it; once the thread has ended its tasks still run.
@Suite(.timeLimit(.minutes(1)))
struct NativeExchangeExecutorTests {
    private func withTransport<T>(threads: Int, _ body: (String, NativeExchangeTransport) async throws -> T) async throws -> T {
        try await withDemoServer { server in
            let transport = try NativeExchangeTransport(options: TransportOptions(connections: 4, threads: threads),
                                                        url: server.baseURL)
            let result = try await body(server.baseURL, transport)
            await transport.close()
            return result
        }
    }

    @Test(arguments: [1, 2])
    func taskStartedElsewhereRunsOnThePreferredThreadBeforeAndAfterEachResponse(threads: Int) async throws {
        try await withTransport(threads: threads) { baseURL, transport in
            #expect(transport.taskExecutors.count == threads)
            let pooled = await Task { currentThread() }.value
            var preferred: [UInt] = []
            for executor in transport.taskExecutors {
                let (before, statuses, after) = await Task(executorPreference: executor) {
                    let before = currentThread()
                    var statuses: [Int] = []
                    for _ in 0..<3 { statuses.append(await transport.send(RequestSpec(url: baseURL + "/healthz")).status) }
                    return (before, statuses, currentThread())
                }.value
                #expect(after == before)
                #expect(statuses == [200, 200, 200])
                preferred.append(before)
            }
            // One thread per executor, none of them the global pool's.
            #expect(Set(preferred).count == threads)
            #expect(!preferred.contains(pooled))
        }
    }

    @Test func taskPreferringAThreadThatEndedRunsElsewhere() async throws {
        try await withDemoServer { server in
            let transport = try NativeExchangeTransport(options: TransportOptions(connections: 1), url: server.baseURL)
            let executor = try #require(transport.taskExecutors.first)
            await transport.close(abandoning: true)
            let exchange = await Task(executorPreference: executor) {
                await transport.send(RequestSpec(url: server.baseURL + "/healthz"))
            }.value
            #expect(exchange.ending == .abandoned)
        }
    }

    @Test func libcurlTransportLeavesTasksOnTheGlobalPool() async throws {
        try await withDemoServer { server in
            let transport = try AsyncTransport(options: TransportOptions(connections: 1), url: server.baseURL)
            #expect(transport.taskExecutors.isEmpty)
            await transport.close()
        }
    }
}

/// The thread the caller runs on (its names are cut to 15 characters on Linux: useless here).
private func currentThread() -> UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }
