import LoadEngine

/// Runs one open-model run at `rate` for `duration` against `url`.
func runOpen(_ url: String, rate: Double, duration: Duration, connections: Int = 8, timeout: Duration = .seconds(5),
             maxInFlight: Int = 10_000) async throws -> RunResult {
    let plan = LoadPlan(request: RequestSpec(url: url),
                        transport: TransportOptions(connections: connections, threads: 1, timeout: timeout),
                        model: .open(.constant(rate: rate, duration: duration), maxInFlight: maxInFlight))
    return try await LoadRun(plan: plan).execute()
}
