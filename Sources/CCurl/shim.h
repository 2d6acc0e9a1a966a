// Non-variadic wrappers over libcurl for Swift, which cannot call C variadic functions
// (curl_easy_setopt, curl_easy_getinfo, curl_multi_setopt) or import macros such as
// CURL_GLOBAL_DEFAULT. Plus a timerfd helper: the transport's poll loop waits on a timerfd
// so that sends start at microsecond precision instead of curl_multi_poll's milliseconds.
#ifndef PERFKIT_CCURL_SHIM_H
#define PERFKIT_CCURL_SHIM_H

#include <curl/curl.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static inline CURLcode pk_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

static inline CURLcode pk_easy_setopt_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode pk_easy_setopt_pointer(CURL *easy, CURLoption option, const void *value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode pk_easy_setopt_string(CURL *easy, CURLoption option, const char *value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode pk_easy_setopt_off_t(CURL *easy, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode pk_easy_setopt_write_function(CURL *easy, curl_write_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, callback);
}
static inline CURLcode pk_easy_setopt_header_function(CURL *easy, curl_write_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, callback);
}
static inline CURLcode pk_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
    return curl_easy_getinfo(easy, info, value);
}
static inline CURLcode pk_easy_getinfo_off_t(CURL *easy, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(easy, info, value);
}
static inline CURLcode pk_easy_getinfo_pointer(CURL *easy, CURLINFO info, void **value) {
    return curl_easy_getinfo(easy, info, value);
}
static inline CURLMcode pk_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

/// The result code of a finished transfer (CURLMsg keeps it in a union Swift imports poorly).
static inline CURLcode pk_message_result(const CURLMsg *message) { return message->data.result; }

/// Whether this libcurl was built with HTTP/2 support.
static inline int pk_supports_http2(void) {
    return (curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_HTTP2) != 0;
}

static inline int pk_timer_create(void) {
    return timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
}
/// Arms the timer to fire once at an absolute CLOCK_MONOTONIC instant in nanoseconds.
static inline int pk_timer_arm_at(int fd, int64_t monotonic_ns) {
    struct itimerspec spec = {0};
    if (monotonic_ns <= 0) monotonic_ns = 1;
    spec.it_value.tv_sec = monotonic_ns / 1000000000LL;
    spec.it_value.tv_nsec = monotonic_ns % 1000000000LL;
    return timerfd_settime(fd, TFD_TIMER_ABSTIME, &spec, NULL);
}
static inline void pk_timer_disarm(int fd) {
    struct itimerspec spec = {0};
    timerfd_settime(fd, 0, &spec, NULL);
}
static inline void pk_timer_drain(int fd) {
    uint64_t expirations;
    ssize_t ignored = read(fd, &expirations, sizeof expirations);
    (void)ignored;
}
/// CLOCK_MONOTONIC now, in nanoseconds: the clock every perfkit timestamp uses.
static inline int64_t pk_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
}

#endif
