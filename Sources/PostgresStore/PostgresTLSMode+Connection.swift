import PostgresNIO

extension PostgresTLSMode {
    /// PostgresNIO's TLS setting for this `sslmode`, verifying certificates as libpq does:
    /// `prefer` and `require` encrypt without checking the certificate, `verify-ca` checks its
    /// chain, `verify-full` its chain and host name. `rootCertificates` replaces the system's CAs.
    func connectionTLS(rootCertificates: String?) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch self {
        case .disable: return .disable
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let rootCertificates { configuration.trustRoots = .file(rootCertificates) }
        let context = try NIOSSLContext(configuration: configuration)
        return self == .prefer ? .prefer(context) : .require(context)
    }
}
