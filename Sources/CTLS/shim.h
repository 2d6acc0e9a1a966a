// OpenSSL for the native transport's TLS, as Swift can call it: macros (SSL_set_tlsext_host_name,
// SSL_CTX_set_mode, SSL_CTX_set_app_data) and the error queue become plain functions, and the
// few steps of a client context's setup become one call.
#ifndef PERFKIT_CTLS_SHIM_H
#define PERFKIT_CTLS_SHIM_H

#include <arpa/inet.h>
#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

/// A run's client side of TLS: one SSL_CTX shared by the transport's connections, and the last
/// session the server handed out, offered again by every new connection so a reconnect resumes.
typedef struct pk_tls_client {
    SSL_CTX *context;
    SSL_SESSION *session;
    /// OpenSSL's socket BIO with a write that cannot raise SIGPIPE.
    BIO_METHOD *socket_method;
    /// The name sent as SNI; empty for an IP literal, which SNI may not carry (RFC 6066).
    char server_name[256];
} pk_tls_client;

/// Keeps the newest session the server issued. TLS 1.3 issues them after the handshake, with
/// the first records read, so SSL_get1_session right after the handshake would hold none.
static int pk_tls_keep_session(SSL *ssl, SSL_SESSION *session) {
    pk_tls_client *client = (pk_tls_client *)SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
    if (client->session) SSL_SESSION_free(client->session);
    client->session = session;
    return 1; // the reference is ours now
}

/// The socket BIO's write through send(MSG_NOSIGNAL): OpenSSL's own uses write(), which raises
/// SIGPIPE on a connection the server reset and would kill the process.
static int pk_tls_socket_write(BIO *bio, const char *bytes, int count) {
    ssize_t sent = send((int)BIO_get_fd(bio, NULL), bytes, (size_t)count, MSG_NOSIGNAL);
    BIO_clear_retry_flags(bio);
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) BIO_set_retry_write(bio);
    return (int)sent;
}

static inline BIO_METHOD *pk_tls_socket_method(void) {
    const BIO_METHOD *plain = BIO_s_socket();
    BIO_METHOD *method = BIO_meth_new(BIO_TYPE_SOCKET, "perfkit socket");
    if (!method) return NULL;
    BIO_meth_set_write(method, pk_tls_socket_write);
    BIO_meth_set_read(method, BIO_meth_get_read(plain));
    BIO_meth_set_ctrl(method, BIO_meth_get_ctrl(plain));
    BIO_meth_set_create(method, BIO_meth_get_create(plain));
    BIO_meth_set_destroy(method, BIO_meth_get_destroy(plain));
    return method;
}

/// Writes the oldest queued OpenSSL error (or `fallback`) to `message` and empties the queue,
/// so the next SSL_get_error on this thread does not see a stale entry.
static inline void pk_tls_take_error(char *message, size_t capacity, const char *fallback) {
    unsigned long code = ERR_get_error();
    if (code != 0) {
        ERR_error_string_n(code, message, capacity);
    } else {
        snprintf(message, capacity, "%s", fallback);
    }
    ERR_clear_error();
}

/// A client for `host` offering the protocols `alpn` (ALPN's wire format: each name after its
/// length byte), or NULL with the reason in `message`. `verify` checks the certificate chain against `ca_file` (NULL: the system's trust store)
/// and the certificate against `host`, as a DNS name or an IP address.
static inline pk_tls_client *pk_tls_client_create(const char *host, int verify, const char *ca_file,
                                                  const unsigned char *alpn, unsigned int alpn_length,
                                                  char *message, size_t capacity) {
    pk_tls_client *client = calloc(1, sizeof *client);
    if (!client) {
        snprintf(message, capacity, "out of memory");
        return NULL;
    }
    client->socket_method = pk_tls_socket_method();
    client->context = SSL_CTX_new(TLS_client_method());
    if (!client->context || !client->socket_method) goto failed;
    SSL_CTX_set_app_data(client->context, client);
    // Partial writes: SSL_write returns what went out, like send(); moving buffer: a retried
    // write may pass the rest of the request from a new offset.
    SSL_CTX_set_mode(client->context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // A server closing without close_notify ends the stream like a TCP close: the HTTP parser
    // then decides whether the response was complete.
    SSL_CTX_set_options(client->context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    // One read() takes whatever the socket holds instead of a record's header, then its body.
    SSL_CTX_set_read_ahead(client->context, 1);
    SSL_CTX_set_session_cache_mode(client->context, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(client->context, pk_tls_keep_session);
    if (SSL_CTX_set_alpn_protos(client->context, alpn, alpn_length) != 0) goto failed;
    unsigned char address[16];
    int is_ip = inet_pton(AF_INET, host, address) == 1 || inet_pton(AF_INET6, host, address) == 1;
    if (!is_ip) snprintf(client->server_name, sizeof client->server_name, "%s", host);
    if (verify) {
        SSL_CTX_set_verify(client->context, SSL_VERIFY_PEER, NULL);
        int loaded = ca_file ? SSL_CTX_load_verify_file(client->context, ca_file)
                             : SSL_CTX_set_default_verify_paths(client->context);
        if (loaded != 1) goto failed;
        X509_VERIFY_PARAM *param = SSL_CTX_get0_param(client->context);
        int named = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, host) : X509_VERIFY_PARAM_set1_host(param, host, 0);
        if (named != 1) goto failed;
    }
    return client;
failed:
    pk_tls_take_error(message, capacity, "SSL_CTX setup failed");
    if (client->context) SSL_CTX_free(client->context);
    if (client->socket_method) BIO_meth_free(client->socket_method);
    free(client);
    return NULL;
}

static inline void pk_tls_client_free(pk_tls_client *client) {
    if (client->session) SSL_SESSION_free(client->session);
    SSL_CTX_free(client->context);
    BIO_meth_free(client->socket_method);
    free(client);
}

/// A client connection on the connected socket `fd` (which it does not close), offering the
/// last session and sending SNI; NULL when OpenSSL is out of memory.
static inline SSL *pk_tls_connection_create(pk_tls_client *client, int fd) {
    SSL *ssl = SSL_new(client->context);
    BIO *bio = BIO_new(client->socket_method);
    if (!ssl || !bio) {
        ERR_clear_error();
        if (ssl) SSL_free(ssl);
        if (bio) BIO_free(bio);
        return NULL;
    }
    BIO_set_fd(bio, fd, BIO_NOCLOSE);
    SSL_set_bio(ssl, bio, bio);
    int ready = (client->server_name[0] == '\0' || SSL_set_tlsext_host_name(ssl, client->server_name) == 1)
        && (client->session == NULL || SSL_set_session(ssl, client->session) == 1);
    if (!ready) {
        ERR_clear_error();
        SSL_free(ssl);
        return NULL;
    }
    SSL_set_connect_state(ssl);
    return ssl;
}

/// Frees a connection without sending close_notify. Marked as shut down first: OpenSSL takes a
/// session freed otherwise for a broken one and makes it not resumable, so no reconnect would
/// resume it.
static inline void pk_tls_connection_free(SSL *ssl) {
    SSL_set_shutdown(ssl, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    SSL_free(ssl);
}

/// Whether the server selected the protocol `name` (`length` bytes) by ALPN.
static inline int pk_tls_selected_protocol(SSL *ssl, const char *name, unsigned int length) {
    const unsigned char *selected = NULL;
    unsigned int selected_length = 0;
    SSL_get0_alpn_selected(ssl, &selected, &selected_length);
    return selected_length == length && memcmp(selected, name, length) == 0;
}

/// What a TLS call did: bytes moved (> 0), or one of these.
enum {
    /// Nothing until the socket is readable.
    PK_TLS_WANTS_READ = -1,
    /// Nothing until the socket is writable.
    PK_TLS_WANTS_WRITE = -2,
    /// The peer ended the stream (close_notify or a plain TCP close).
    PK_TLS_CLOSED = -3,
    /// A protocol, certificate or socket error; the connection is done.
    PK_TLS_FAILED = -4,
};

/// Classifies a TLS call's result; a failure empties this thread's error queue.
static inline long pk_tls_outcome(SSL *ssl, int result) {
    if (result > 0) return result;
    switch (SSL_get_error(ssl, result)) {
    case SSL_ERROR_WANT_READ: return PK_TLS_WANTS_READ;
    case SSL_ERROR_WANT_WRITE: return PK_TLS_WANTS_WRITE;
    case SSL_ERROR_ZERO_RETURN: return PK_TLS_CLOSED;
    case SSL_ERROR_SYSCALL:
        if (errno == EINTR || errno == EAGAIN) {
            ERR_clear_error();
            return PK_TLS_WANTS_READ;
        }
        // fallthrough
    default:
        ERR_clear_error();
        return PK_TLS_FAILED;
    }
}

/// Moves the handshake on: 1 when done, otherwise a PK_TLS_ code.
static inline long pk_tls_handshake(SSL *ssl) { return pk_tls_outcome(ssl, SSL_do_handshake(ssl)); }

static inline long pk_tls_read(SSL *ssl, void *buffer, int capacity) {
    return pk_tls_outcome(ssl, SSL_read(ssl, buffer, capacity));
}

static inline long pk_tls_write(SSL *ssl, const void *bytes, int count) {
    return pk_tls_outcome(ssl, SSL_write(ssl, bytes, count));
}

#endif
