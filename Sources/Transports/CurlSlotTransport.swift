import CCurl
import Glibc

/// Slots on libcurl: one multi handle, one easy handle per slot (a connection, or an HTTP/2
/// stream of one), reused for keep-alive.
/// Waits in `curl_multi_poll` with a timerfd beside the sockets, so sends start at microsecond
/// precision instead of libcurl's milliseconds. For https, HTTP/2, and anything the native
/// transport does not speak.
public final class CurlSlotTransport: SlotTransport {
    private let multi: UnsafeMutableRawPointer
    private var handles: [CurlEasyHandle] = []
    private let headers: UnsafeMutablePointer<curl_slist>?
    private let timer: ArrivalTimer
    /// Per slot: the current response's Content-Length headers (libcurl writes through a
    /// pointer to it), and whether the current request already went again after a stale
    /// connection.
    private let contentLengths: UnsafeMutablePointer<ContentLengthAgreement>
    private var retried: [Bool]
    /// Whether `release()` ran: it frees the handles and the pointer, which must happen once.
    private var released = false
    public let waker: @Sendable () -> Void

    /// `connections` connections of `transport.streams` slots each, sending `request`; a
    /// handle that cannot be set up frees the ones made before it.
    public init(request: RequestSpec, transport: TransportOptions, connections: Int) throws(TransportError) {
        guard let multi = curl_multi_init() else { throw .setupFailed(call: "curl_multi_init", detail: nil) }
        self.multi = multi
        CurlConnectionLimits.apply(to: multi, transport: transport, connections: connections)
        let slots = transport.slots(onConnections: connections)
        headers = request.headers.reduce(nil) { curl_slist_append($0, $1) }
        timer = ArrivalTimer()
        contentLengths = .allocate(capacity: slots)
        contentLengths.initialize(repeating: ContentLengthAgreement(), count: slots)
        retried = Array(repeating: false, count: slots)
        let address = UInt(bitPattern: multi)
        // curl_multi_wakeup is documented as safe to call from any thread.
        waker = { curl_multi_wakeup(UnsafeMutableRawPointer(bitPattern: address)) }
        do {
            for slot in 0..<slots {
                handles.append(try CurlEasyHandle(request: request, transport: transport, headers: headers, slot: slot,
                                                  contentLength: contentLengths + slot))
            }
        } catch {
            release()
            throw error
        }
    }

    public func send(slot: Int) {
        contentLengths[slot].reset()
        retried[slot] = false
        curl_multi_add_handle(multi, handles[slot].raw)
    }

    /// Wakes for responses whatever `responsesMayWait` says: libcurl's transfers move only in
    /// `curl_multi_perform`, which `collect` calls after every wait.
    public func wait(until wakeAt: Int64?, maximumMilliseconds: Int32, responsesMayWait: Bool) {
        timer.arm(at: wakeAt)
        var waitFD = curl_waitfd(fd: timer.descriptor, events: Int16(CURL_WAIT_POLLIN), revents: 0)
        curl_multi_poll(multi, &waitFD, 1, maximumMilliseconds, nil)
        if waitFD.revents != 0 { timer.fired() }
    }

    public func collect(_ finished: (Int, SlotOutcome, Int64) -> Void) {
        var running: Int32 = 0
        curl_multi_perform(multi, &running)
        let now = MonotonicClock.now()
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let slot = CurlEasyHandle.slot(of: easy)
            curl_multi_remove_handle(multi, easy)
            let result = pk_message_result(message)
            let handle = handles[slot]
            if result != CURLE_OK, !retried[slot], handle.failedOnStaleConnection(result) {
                retried[slot] = true
                contentLengths[slot].reset()
                curl_multi_add_handle(multi, easy)
                continue
            }
            let outcome: SlotOutcome = if result == CURLE_OK {
                .response(status: handle.responseStatus(), bytes: handle.info(CURLINFO_SIZE_DOWNLOAD_T), phases: handle.phases())
            } else {
                .failed(contentLengths[slot].conflicting ? .protocolError : handle.failureKind(result))
            }
            finished(slot, outcome, now)
        }
    }

    public func release() {
        guard !released else { return }
        released = true
        for handle in handles {
            curl_multi_remove_handle(multi, handle.raw)
            handle.cleanup()
        }
        handles.removeAll()
        curl_multi_cleanup(multi)
        curl_slist_free_all(headers)
        contentLengths.deinitialize(count: retried.count)
        contentLengths.deallocate()
    }

    deinit { release() }
}
