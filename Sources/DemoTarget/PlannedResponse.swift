import NIOCore
import NIOHTTP1

/// A response decided but not yet written.
struct PlannedResponse {
    var status: HTTPResponseStatus
    var body: ByteBuffer
    /// The `Content-Type` header: every endpoint answers JSON but `/metrics`.
    var contentType = "application/json"
    /// The `Allow` header of a 405.
    var allow: String? = nil
    /// The `Location` header of a 201: where the created record can be read.
    var location: String? = nil
    /// When the response may be written; `nil` means at once.
    var release: NIODeadline? = nil
    /// Announce the whole body but close the connection after its first bytes.
    var closesMidResponse = false
}

extension PlannedResponse {
    /// A 201 for a record created at `location`, with the record as the body.
    static func created(_ body: ByteBuffer, at location: String) -> PlannedResponse {
        PlannedResponse(status: .created, body: body, location: location)
    }

    /// A 404 for a path no endpoint serves.
    static func pathNotFound(_ path: Substring) -> PlannedResponse {
        PlannedResponse(status: .notFound, body: ResponseBodies.error("not found", ["path": String(path)]))
    }

    /// A 404 for a record id that names nothing; `what` says which kind, as in `"order not found"`.
    static func recordNotFound(_ what: String, id: Substring) -> PlannedResponse {
        PlannedResponse(status: .notFound, body: ResponseBodies.error(what, ["id": String(id)]))
    }

    /// The refusal of a body, naming the field at fault when there is one.
    static func rejecting(_ error: RequestBodyError) -> PlannedResponse {
        let body =
            if let field = error.field {
                ResponseBodies.error(error.description, ["field": field])
            } else {
                ResponseBodies.error(error.description)
            }
        return PlannedResponse(status: error.status, body: body)
    }
}
