import Testing

extension Tag {
    /// Asserts how long something takes or how fast it goes. Its bounds leave room for a loaded
    /// 2-core machine (`scripts/suite-under-load` runs the suite beside a CPU hog) and each says
    /// in a comment which defect it still catches.
    @Tag public static var timing: Self
    /// Exercises what only the libcurl transport does: HTTPS, TLS timing, `--insecure`, HTTP/2,
    /// DNS failures.
    @Tag public static var libcurl: Self
    /// Exercises HTTPS: handshakes, certificate checks, `--insecure`, `--cacert`, session
    /// resumption, SNI, on either transport.
    @Tag public static var tls: Self
}
