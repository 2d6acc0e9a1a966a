import LoadEngine
import Testing

/// Sends 400 requests from as many tasks at once through `transport`, each asking the demo
/// target at `baseURL` for its own status, and expects every task to get its own answer back.
func expectEveryConcurrentTaskGetsItsOwnAnswer(_ transport: any ExchangeTransport, baseURL: String) async {
    let statuses = await withTaskGroup(of: (Int, Int).self) { group in
        for index in 0..<400 {
            let status = [200, 201, 404, 503][index % 4]
            group.addTask {
                (status, await transport.send(RequestSpec(url: baseURL + "/healthz?status=\(status)")).status)
            }
        }
        return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(statuses.count == 400)
    #expect(statuses.allSatisfy { $0.0 == $0.1 })
}

/// Sends HEAD, GET and DELETE to the demo target's /healthz in turn (after whatever the caller
/// sent on the same connection): HEAD answers without a body, the GET that follows has one
/// again, and DELETE is refused with 405.
func expectHeadGetAndDeleteInTurn(_ transport: any ExchangeTransport, baseURL: String) async {
    let head = await transport.send(RequestSpec(url: baseURL + "/healthz", method: "HEAD"))
    #expect(head.status == 200)
    #expect(head.body.isEmpty)
    let get = await transport.send(RequestSpec(url: baseURL + "/healthz"))
    #expect(get.status == 200)
    #expect(!get.body.isEmpty)
    let delete = await transport.send(RequestSpec(url: baseURL + "/healthz", method: "DELETE"))
    #expect(delete.status == 405)
}
