import LoadEngine

/// The HTTP clients every behavioural test of a load run is run with: one suite, both transports.
let clients: [TransportKind] = [.native, .curl]

/// Runs one open-model run at `rate` for `duration` against `url` with `client`.
func runOpen(_ url: String, rate: Double, duration: Duration, client: TransportKind, connections: Int = 8,
             timeout: Duration = .seconds(5), maxInFlight: Int = 10_000) async throws -> RunResult {
    let plan = LoadPlan(request: RequestSpec(url: url),
                        transport: TransportOptions(connections: connections, threads: 1, timeout: timeout, kind: client),
                        model: .open(.constant(rate: rate, duration: duration), maxInFlight: maxInFlight))
    return try await LoadRun(plan: plan).execute()
}
