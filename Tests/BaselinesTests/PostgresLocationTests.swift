import Baselines
import PostgresStore
import Testing

/// PostgreSQL store URLs as libpq spells them; the password never shows.
struct PostgresLocationTests {
    @Test func bothSchemesNameAPostgreSQLStoreAndPathsDoNot() {
        #expect(PostgresLocation.isURL("postgres://ci@db/baselines"))
        #expect(PostgresLocation.isURL("PostgreSQL://ci@db/baselines"))
        #expect(!PostgresLocation.isURL("baselines/perfkit.sqlite"))
        #expect(!PostgresLocation.isURL("postgres.sqlite"))
    }

    @Test func aFullURLIsReadAndShownWithoutItsPassword() throws {
        let location = try PostgresLocation(url: "postgresql://ci:s%40cret@db.example:6432/perf?sslmode=verify-full&connect_timeout=3",
                                            environment: [:])
        #expect(location.host == "db.example" && location.port == 6432)
        #expect(location.user == "ci" && location.database == "perf")
        #expect(location.tls == .verifyFull && location.connectTimeoutSeconds == 3)
        #expect(location.description == "postgres://db.example:6432/perf (user ci)")
    }

    @Test func defaultsAreLibpqs() throws {
        let location = try PostgresLocation(url: "postgres://db", environment: ["PGUSER": "runner"])
        #expect(location.port == 5432 && location.user == "runner" && location.database == "runner")
        #expect(location.tls == .prefer && location.connectTimeoutSeconds == 10)
    }

    @Test(arguments: [("postgres://", "no host"), ("postgres://ci@db/a/b", "database name alone"),
                      ("postgres://db/x?sslmode=allow", "sslmode 'allow'"), ("postgres://db/x?sslmode=verify", "verify-full"),
                      ("postgres://db/x?connect_timeout=0", "connect_timeout"), ("postgres://db/x?target_session=any", "unknown"),
                      ("postgres://ci:pw@db:99999/x", "port")])
    func badURLsSayWhatIsWrongWithoutQuotingThem(url: String, says: String) {
        #expect {
            _ = try PostgresLocation(url: url, environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains(says) && !text.contains(":pw@")
        }
    }

    @Test func theSameDatabaseIsRecognisedWhateverTheCredentials() throws {
        let first = try PostgresLocation(url: "postgres://a:x@DB:5432/perf", environment: [:])
        #expect(first.isSameDatabase(as: try PostgresLocation(url: "postgresql://b@db/perf", environment: [:])))
        #expect(!first.isSameDatabase(as: try PostgresLocation(url: "postgres://a@db/other", environment: [:])))
    }
}
