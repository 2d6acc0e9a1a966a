// nghttp2's client session for the native HTTP/2 transport, with its per-frame callbacks in C:
// they write each stream's status, body bytes, first-byte time and end into a per-slot array and
// a queue of ended slots, which the Swift side drains after each read and write. One call per
// read (mem_recv) and one loop per write (mem_send) cross into Swift's side, not one per frame.
#ifndef PERFKIT_CHTTP2_SHIM_H
#define PERFKIT_CHTTP2_SHIM_H

#include <nghttp2/nghttp2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// What one slot's current stream received.
typedef struct pk_h2_stream {
    /// The stream carrying the slot's request; 0 for none (ended, or abandoned after a timeout,
    /// so that its late end is ignored).
    int32_t stream_id;
    /// The last :status received; 0 before any.
    int32_t status;
    /// DATA payload bytes received.
    int64_t bytes;
    /// When the response's first HEADERS frame began (the run's `now` then); 0 before.
    int64_t first_byte;
    /// The error code the stream ended with (NGHTTP2_NO_ERROR for a complete response).
    uint32_t error_code;
    /// How much of the request body went out.
    uint32_t body_offset;
} pk_h2_stream;

/// What a transport's connections share: the slots' stream state, the queue of slots whose
/// stream ended, the time of the read being processed, the request body and the callbacks.
typedef struct pk_h2_run {
    pk_h2_stream *streams;
    int32_t *ended;
    int32_t ended_count;
    int32_t ended_capacity;
    int64_t now;
    const uint8_t *body;
    uint32_t body_length;
    nghttp2_session_callbacks *callbacks;
    nghttp2_option *option;
} pk_h2_run;

/// One connection's session and the bytes it produced that the socket has not taken yet.
typedef struct pk_h2_connection {
    nghttp2_session *session;
    pk_h2_run *run;
    /// The slots this connection carries: first_slot ..< first_slot + slot_count.
    int32_t first_slot;
    int32_t slot_count;
    uint8_t *out;
    size_t out_capacity;
    size_t out_start;
    size_t out_end;
    /// The server sent GOAWAY: no new stream may start here.
    int goaway_received;
    /// This side ended the connection for a protocol error (it sent GOAWAY with an error code).
    int protocol_failed;
} pk_h2_connection;

/// Stream and connection windows of about 1 GiB, as h2load's: no WINDOW_UPDATE per response.
enum { PK_H2_WINDOW = (1 << 30) - 1 };
/// mem_send output is gathered up to this much before the socket is written.
enum { PK_H2_OUT_BATCH = 64 * 1024 };

static inline pk_h2_stream *pk_h2_stream_of(pk_h2_connection *c, int32_t stream_id, int32_t *slot_out) {
    intptr_t tagged = (intptr_t)nghttp2_session_get_stream_user_data(c->session, stream_id);
    if (tagged <= 0) return NULL;
    int32_t slot = (int32_t)(tagged - 1);
    pk_h2_stream *stream = &c->run->streams[slot];
    if (stream->stream_id != stream_id) return NULL;
    if (slot_out) *slot_out = slot;
    return stream;
}

static inline void pk_h2_end(pk_h2_run *run, int32_t slot) {
    if (run->ended_count < run->ended_capacity) run->ended[run->ended_count++] = slot;
}

static int pk_h2_on_begin_headers(nghttp2_session *session, const nghttp2_frame *frame, void *user_data) {
    (void)session;
    pk_h2_connection *c = user_data;
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    pk_h2_stream *stream = pk_h2_stream_of(c, frame->hd.stream_id, NULL);
    if (stream && stream->first_byte == 0) stream->first_byte = c->run->now;
    return 0;
}

static int pk_h2_on_header(nghttp2_session *session, const nghttp2_frame *frame, const uint8_t *name, size_t namelen,
                           const uint8_t *value, size_t valuelen, uint8_t flags, void *user_data) {
    (void)session;
    (void)flags;
    if (frame->hd.type != NGHTTP2_HEADERS || namelen != 7 || memcmp(name, ":status", 7) != 0) return 0;
    pk_h2_stream *stream = pk_h2_stream_of(user_data, frame->hd.stream_id, NULL);
    if (!stream) return 0;
    // nghttp2's HTTP messaging checks already refused a :status that is not three digits.
    int32_t status = 0;
    for (size_t i = 0; i < valuelen; i++) status = status * 10 + (value[i] - '0');
    stream->status = status;
    return 0;
}

static int pk_h2_on_data_chunk(nghttp2_session *session, uint8_t flags, int32_t stream_id, const uint8_t *data,
                               size_t len, void *user_data) {
    (void)session;
    (void)flags;
    (void)data;
    pk_h2_stream *stream = pk_h2_stream_of(user_data, stream_id, NULL);
    if (stream) stream->bytes += (int64_t)len;
    return 0;
}

static int pk_h2_on_stream_close(nghttp2_session *session, int32_t stream_id, uint32_t error_code, void *user_data) {
    (void)session;
    pk_h2_connection *c = user_data;
    int32_t slot;
    pk_h2_stream *stream = pk_h2_stream_of(c, stream_id, &slot);
    if (!stream) return 0;
    stream->error_code = error_code;
    stream->stream_id = 0;
    pk_h2_end(c->run, slot);
    return 0;
}

/// A request that never went out (the server's GOAWAY came first) ends as refused, so it may go
/// again on a new connection. Its stream was never opened, so it is found by its id.
static int pk_h2_on_frame_not_send(nghttp2_session *session, const nghttp2_frame *frame, int lib_error_code,
                                   void *user_data) {
    (void)session;
    (void)lib_error_code;
    pk_h2_connection *c = user_data;
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    for (int32_t slot = c->first_slot; slot < c->first_slot + c->slot_count; slot++) {
        pk_h2_stream *stream = &c->run->streams[slot];
        if (stream->stream_id != frame->hd.stream_id) continue;
        stream->error_code = NGHTTP2_REFUSED_STREAM;
        stream->stream_id = 0;
        pk_h2_end(c->run, slot);
        break;
    }
    return 0;
}

static int pk_h2_on_frame_recv(nghttp2_session *session, const nghttp2_frame *frame, void *user_data) {
    (void)session;
    if (frame->hd.type == NGHTTP2_GOAWAY) ((pk_h2_connection *)user_data)->goaway_received = 1;
    return 0;
}

/// nghttp2 ends a connection it finds broken by sending GOAWAY with the error's code.
static int pk_h2_on_frame_send(nghttp2_session *session, const nghttp2_frame *frame, void *user_data) {
    (void)session;
    if (frame->hd.type == NGHTTP2_GOAWAY && frame->goaway.error_code != NGHTTP2_NO_ERROR) {
        ((pk_h2_connection *)user_data)->protocol_failed = 1;
    }
    return 0;
}

static ssize_t pk_h2_read_body(nghttp2_session *session, int32_t stream_id, uint8_t *buf, size_t length,
                               uint32_t *data_flags, nghttp2_data_source *source, void *user_data) {
    (void)session;
    (void)source;
    pk_h2_connection *c = user_data;
    pk_h2_stream *stream = pk_h2_stream_of(c, stream_id, NULL);
    if (!stream) return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
    size_t left = c->run->body_length - stream->body_offset;
    size_t taken = left < length ? left : length;
    memcpy(buf, c->run->body + stream->body_offset, taken);
    stream->body_offset += (uint32_t)taken;
    if (stream->body_offset == c->run->body_length) *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    return (ssize_t)taken;
}

/// Sets up the callbacks and options `run`'s connections share; 0 on success.
static inline int pk_h2_run_init(pk_h2_run *run, pk_h2_stream *streams, int32_t *ended, int32_t capacity,
                                 const uint8_t *body, uint32_t body_length) {
    memset(run, 0, sizeof *run);
    run->streams = streams;
    run->ended = ended;
    run->ended_capacity = capacity;
    run->body = body;
    run->body_length = body_length;
    if (nghttp2_session_callbacks_new(&run->callbacks) != 0) return -1;
    if (nghttp2_option_new(&run->option) != 0) return -1;
    nghttp2_session_callbacks_set_on_begin_headers_callback(run->callbacks, pk_h2_on_begin_headers);
    nghttp2_session_callbacks_set_on_header_callback(run->callbacks, pk_h2_on_header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(run->callbacks, pk_h2_on_data_chunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(run->callbacks, pk_h2_on_stream_close);
    nghttp2_session_callbacks_set_on_frame_not_send_callback(run->callbacks, pk_h2_on_frame_not_send);
    nghttp2_session_callbacks_set_on_frame_recv_callback(run->callbacks, pk_h2_on_frame_recv);
    nghttp2_session_callbacks_set_on_frame_send_callback(run->callbacks, pk_h2_on_frame_send);
    // Closed streams are not kept for priority bookkeeping: a load run closes millions.
    nghttp2_option_set_no_closed_streams(run->option, 1);
    return 0;
}

static inline void pk_h2_run_free(pk_h2_run *run) {
    if (run->callbacks) nghttp2_session_callbacks_del(run->callbacks);
    if (run->option) nghttp2_option_del(run->option);
}

/// Starts a client session on `c` (its socket still connecting): the connection preface,
/// SETTINGS with no push and a 1 GiB stream window, and a 1 GiB connection window are queued
/// to go out first. 0 on success.
static inline int pk_h2_connection_open(pk_h2_connection *c) {
    c->goaway_received = 0;
    c->protocol_failed = 0;
    c->out_start = c->out_end = 0;
    if (nghttp2_session_client_new2(&c->session, c->run->callbacks, c, c->run->option) != 0) {
        c->session = NULL;
        return -1;
    }
    nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, PK_H2_WINDOW},
    };
    if (nghttp2_submit_settings(c->session, NGHTTP2_FLAG_NONE, settings, 2) != 0
        || nghttp2_session_set_local_window_size(c->session, NGHTTP2_FLAG_NONE, 0, PK_H2_WINDOW) != 0) {
        nghttp2_session_del(c->session);
        c->session = NULL;
        return -1;
    }
    return 0;
}

/// Drops the session without a callback: the caller settles the slots still in flight.
static inline void pk_h2_connection_close(pk_h2_connection *c) {
    if (c->session) nghttp2_session_del(c->session);
    c->session = NULL;
    c->out_start = c->out_end = 0;
}

static inline void pk_h2_connection_free(pk_h2_connection *c) {
    pk_h2_connection_close(c);
    free(c->out);
    c->out = NULL;
}

/// Queues `slot`'s request (the body, if any, from the run's); the stream id, or a negative
/// nghttp2 error.
static inline int32_t pk_h2_submit(pk_h2_connection *c, int32_t slot, const nghttp2_nv *headers, size_t count) {
    pk_h2_stream *stream = &c->run->streams[slot];
    stream->status = 0;
    stream->bytes = 0;
    stream->first_byte = 0;
    stream->error_code = 0;
    stream->body_offset = 0;
    nghttp2_data_provider body = {.source = {.ptr = NULL}, .read_callback = pk_h2_read_body};
    int32_t id = nghttp2_submit_request(c->session, NULL, headers, count, c->run->body ? &body : NULL,
                                        (void *)(intptr_t)(slot + 1));
    stream->stream_id = id > 0 ? id : 0;
    return id;
}

/// Abandons `slot`'s stream (a timeout): RST_STREAM(CANCEL) is queued and its end ignored.
static inline void pk_h2_cancel(pk_h2_connection *c, int32_t slot) {
    pk_h2_stream *stream = &c->run->streams[slot];
    if (stream->stream_id > 0) nghttp2_submit_rst_stream(c->session, NGHTTP2_FLAG_NONE, stream->stream_id, NGHTTP2_CANCEL);
    stream->stream_id = 0;
}

/// Feeds `length` received bytes to the session at time `now`: 0, or a negative nghttp2 error.
static inline long pk_h2_receive(pk_h2_connection *c, const uint8_t *bytes, size_t length, int64_t now) {
    c->run->now = now;
    ssize_t read = nghttp2_session_mem_recv(c->session, bytes, length);
    return read < 0 ? (long)read : 0;
}

/// Appends what the session has to send to the connection's output, up to about
/// PK_H2_OUT_BATCH: the bytes now waiting there, or a negative nghttp2 error.
static inline long pk_h2_produce(pk_h2_connection *c) {
    if (c->out_start == c->out_end) c->out_start = c->out_end = 0;
    while (c->out_end < PK_H2_OUT_BATCH) {
        const uint8_t *data;
        ssize_t length = nghttp2_session_mem_send(c->session, &data);
        if (length < 0) return (long)length;
        if (length == 0) break;
        if (c->out_end + (size_t)length > c->out_capacity) {
            size_t capacity = c->out_capacity ? c->out_capacity : 16 * 1024;
            while (capacity < c->out_end + (size_t)length) capacity *= 2;
            uint8_t *grown = realloc(c->out, capacity);
            if (!grown) return NGHTTP2_ERR_NOMEM;
            c->out = grown;
            c->out_capacity = capacity;
        }
        memcpy(c->out + c->out_end, data, (size_t)length);
        c->out_end += (size_t)length;
    }
    return (long)(c->out_end - c->out_start);
}

/// Whether the session still has anything to read or write: not once a GOAWAY was sent or
/// received and no stream is left.
static inline int pk_h2_is_alive(pk_h2_connection *c) {
    return nghttp2_session_want_read(c->session) || nghttp2_session_want_write(c->session);
}

static inline int pk_h2_wants_write(pk_h2_connection *c) { return nghttp2_session_want_write(c->session); }

#endif
