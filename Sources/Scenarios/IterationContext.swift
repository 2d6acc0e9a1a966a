import Foundation
import LoadEngine
import Units

/// What every iteration of a run shares: the scenario, the transport, and where results go.
/// Runs one iteration: renders each step's request from the iteration's variables, sends it,
/// judges the response, and stops the iteration at the first failure.
struct IterationContext: Sendable {
    let scenario: Scenario
    let transport: any ExchangeTransport
    let start: Int64
    /// Every request together, each step's requests as a part.
    let requests: ExchangeRecorder
    /// Whole iterations.
    let iterations: ExchangeRecorder
    let tally: CheckTally
    let isStopping: @Sendable () -> Bool
    private let checks: [StepChecks]
    /// Each step's request, prepared once.
    private let preparedRequests: [PreparedRequest]
    /// Running totals of the request mix's weights, for picking by weight.
    private let cumulativeWeights: [Double]
    /// Room for every variable an iteration can hold, the file's and the captured ones: its
    /// scope then never grows (and rehashes) while the steps capture.
    private let variableCapacity: Int

    init(scenario: Scenario, transport: any ExchangeTransport, start: Int64, requests: ExchangeRecorder,
         iterations: ExchangeRecorder, isStopping: @escaping @Sendable () -> Bool) {
        self.scenario = scenario
        self.transport = transport
        self.start = start
        self.requests = requests
        self.iterations = iterations
        self.isStopping = isStopping
        checks = scenario.steps.map(StepChecks.init)
        tally = CheckTally(steps: scenario.steps, checks: checks)
        let baseURL = scenario.target.hasSuffix("/") ? String(scenario.target.dropLast()) : scenario.target
        preparedRequests = scenario.steps.map { PreparedRequest($0, defaultHeaders: scenario.defaultHeaders, baseURL: baseURL) }
        variableCapacity = scenario.variables.count + scenario.steps.reduce(0) { $0 + $1.captures.count }
        var total = 0.0
        if case .requests(let mix) = scenario.body {
            cumulativeWeights = mix.map { total += $0.weight; return total }
        } else {
            cumulativeWeights = []
        }
    }

    /// The executor the task running `number` (a virtual user, an arrival) prefers: the
    /// transport's executors in turn, or none.
    func executor(for number: Int) -> (any TaskExecutor)? {
        let executors = transport.taskExecutors
        return executors.isEmpty ? nil : executors[number % executors.count]
    }

    /// Runs iteration number `iteration` (from 0), intended to start at `intended`.
    func run(iteration: Int, virtualUser: Int, intended: Int64) async {
        var scope = VariableScope(initialValues(iteration: iteration), virtualUser: virtualUser, iteration: iteration)
        let started = ExchangeRecorder.now()
        var failed = false
        var finished = true
        let indices = stepIndices(iteration: iteration)
        for index in indices {
            if isStopping() {
                finished = false
                break
            }
            // The first step is due when the iteration is; later ones when the previous ends.
            let stepIntended = index == indices.first ? intended : ExchangeRecorder.now()
            requests.recordSending()
            let exchange: HTTPExchange
            let verdict: StepChecks.Verdict
            let stepChecks = checks[index]
            switch preparedRequests[index].render(scope) {
            case .failure(let problem):
                // A captured value carrying CR or LF would inject header lines: never sent.
                exchange = .unsent(at: ExchangeRecorder.now())
                verdict = stepChecks.refused("not sent: \(problem)")
            case .success(let request):
                exchange = await transport.send(request, keeping: stepChecks.reads)
                verdict = stepChecks.judge(exchange, intended: stepIntended, scope: &scope)
            }
            requests.record(exchange, part: index, intendedNanoseconds: stepIntended, failure: verdict.failure)
            tally.add(verdict, step: index)
            if exchange.ending == .abandoned {
                finished = false
                break
            }
            if verdict.failure != nil {
                failed = true
                break
            }
            // Read in place: a copy of the step would retain and release each of its fields.
            if let think = scenario.steps[index].think, think > .zero { try? await Task.sleep(for: think) }
        }
        iterations.recordSpan(intendedNanoseconds: intended, startedNanoseconds: started, endedNanoseconds: ExchangeRecorder.now(),
                              finished: finished, failure: failed ? .check : nil)
    }

    /// The steps one iteration runs: the whole flow, or one request of the mix picked by weight.
    private func stepIndices(iteration: Int) -> Range<Int> {
        guard let total = cumulativeWeights.last else { return scenario.steps.indices }
        var random = SplitMix64(seed: UInt64(iteration))
        let point = Double(random.next() >> 11) / Double(1 << 53) * total
        let index = cumulativeWeights.firstIndex { point < $0 } ?? cumulativeWeights.count - 1
        return index..<(index + 1)
    }

    private func initialValues(iteration: Int) -> [String: CapturedValue] {
        var values = [String: CapturedValue](minimumCapacity: variableCapacity)
        for (name, source) in scenario.variables {
            switch source {
            case .value(let value): values[name] = value
            case .rotation(let rotation): values[name] = rotation[iteration % rotation.count]
            }
        }
        return values
    }
}
