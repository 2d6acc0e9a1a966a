import LoadEngine

extension RunSetting {
    /// The flag that sets this on the command line.
    var flag: String {
        switch self {
        case .connections: "--connections"
        case .timeout: "--timeout"
        case .duration: "--duration"
        case .maxInFlight: "--max-in-flight"
        case .rate: "--rate"
        case .transport: "--transport"
        case .http2: "--http2"
        case .streams: "--streams"
        case .method: "--method"
        case .header: "--header"
        }
    }
}

extension LoadEngineError {
    /// The engine's message with each setting named by its flag, for stderr.
    var flagMessage: String { message(naming: \.flag) }
}
