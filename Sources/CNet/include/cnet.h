// Small non-variadic wrappers over Linux networking and timers for Swift: epoll (whose
// packed struct epoll_event is unpacked here into plain arrays), eventfd, timerfd, and
// non-blocking TCP sockets. Used by the native HTTP/1.1 transport and the transport threads'
// timers.
#ifndef PERFKIT_CNET_H
#define PERFKIT_CNET_H

// Everything below is Linux's own (epoll, eventfd, timerfd): say so instead of failing on a
// missing header elsewhere.
#ifndef __linux__
#error "perfkit needs Linux: its transports use epoll, eventfd and timerfd"
#endif

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

/// CLOCK_MONOTONIC now, in nanoseconds: the clock every perfkit timestamp uses.
static inline int64_t pk_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
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
/// Reads a timerfd's or eventfd's counter so it stops being readable.
static inline void pk_counter_drain(int fd) {
    uint64_t value;
    ssize_t ignored = read(fd, &value, sizeof value);
    (void)ignored;
}

/// How late the kernel may end the calling thread's timed sleeps, so nearby timers share a wake-up.
static inline int pk_thread_set_timer_slack(unsigned long slack_ns) {
    return prctl(PR_SET_TIMERSLACK, slack_ns, 0, 0, 0);
}
/// Asks the scheduler to let the calling thread run promptly when it wakes: a short time slice
/// (`slice_ns`; Linux 6.12+ gives a waking thread with a shorter slice the core of a busy
/// neighbour; older kernels ignore it) and a timer slack of `slack_ns`. Policy and nice stay as
/// they were, so no privilege is needed. 0, or -errno of the call that failed.
static inline int pk_thread_prefer_prompt_wakeups(uint64_t slice_ns, unsigned long slack_ns) {
    // struct sched_attr as of Linux 3.14, declared here: glibc has no wrapper, and
    // <linux/sched/types.h> clashes with <sched.h>.
    struct { uint32_t size, policy; uint64_t flags; int32_t nice; uint32_t priority; uint64_t runtime, deadline, period; } attr = {0};
    if (pk_thread_set_timer_slack(slack_ns) != 0) return -errno;
    if (syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0) != 0) return -errno;
    // SCHED_OTHER (0) and SCHED_BATCH (3) only: a real-time or idle policy someone chose stays.
    if (attr.policy != 0 && attr.policy != 3) return 0;
    attr.size = sizeof attr;
    attr.flags = 0;
    attr.runtime = slice_ns;
    return syscall(SYS_sched_setattr, 0, &attr, 0) == 0 ? 0 : -errno;
}
/// Names the calling thread where top, perf and /proc show it (its first 15 bytes).
static inline void pk_name_current_thread(const char *name) { prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0); }

/// Nanoseconds the calling thread has spent runnable but waiting for a core (the kernel's
/// run-queue delay, /proc/thread-self/schedstat), or -1 where it cannot be read.
static inline int64_t pk_thread_run_delay_ns(void) {
    int fd = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char text[96];
    ssize_t length = read(fd, text, sizeof text - 1);
    close(fd);
    if (length <= 0) return -1;
    text[length] = 0;
    // "<time on a core> <time waiting for one> <timeslices>"
    char *rest;
    strtoll(text, &rest, 10);
    return rest == text ? -1 : strtoll(rest, NULL, 10);
}

static inline int pk_eventfd_create(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
static inline void pk_eventfd_signal(int fd) {
    uint64_t one = 1;
    ssize_t ignored = write(fd, &one, sizeof one);
    (void)ignored;
}

static inline int pk_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }
/// EPOLL_CTL_ADD, _MOD or _DEL of `fd` for `events`, reporting `token` when it is ready.
static inline int pk_epoll_control(int epoll, int operation, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event = {0};
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epoll, operation, fd, &event);
}
/// Waits like epoll_wait for at most `capacity` (<= 256) events and at most `timeout_ns`
/// nanoseconds (negative: no limit), writing each one's token and events to the two arrays.
/// epoll_pwait2 takes the timeout in nanoseconds and arms a kernel timer only when it actually
/// sleeps; re-arming a timerfd for every arrival cost a third of a core at 45k requests/s on a
/// virtual machine, where each reprogramming of the timer traps to the hypervisor.
static inline int pk_epoll_wait(int epoll, uint64_t *tokens, uint32_t *events, int capacity, int64_t timeout_ns) {
    struct epoll_event ready[256];
    if (capacity > 256) capacity = 256;
    struct timespec timeout = {0};
    if (timeout_ns > 0) {
        timeout.tv_sec = timeout_ns / 1000000000LL;
        timeout.tv_nsec = timeout_ns % 1000000000LL;
    }
    // The raw system call: glibc declares epoll_pwait2 only under _GNU_SOURCE, which must not be
    // defined in a header Swift imports.
    long count = syscall(SYS_epoll_pwait2, epoll, ready, capacity, timeout_ns < 0 ? NULL : &timeout, NULL, 0);
    if (count < 0 && errno == ENOSYS) {
        // Kernels before 5.11: millisecond timeouts, rounded up so a wait never ends early.
        int timeout_ms = timeout_ns < 0 ? -1 : (int)((timeout_ns + 999999) / 1000000);
        count = epoll_wait(epoll, ready, capacity, timeout_ms);
    }
    for (long i = 0; i < count; i++) {
        tokens[i] = ready[i].data.u64;
        events[i] = ready[i].events;
    }
    return (int)count;
}

/// Sleeps until `fd` is readable or `timeout_ns` nanoseconds pass (the thread's timer slack
/// applies): a wait that sockets registered elsewhere, in an epoll set, do not end. ppoll by its
/// raw system call, as epoll_pwait2 above (glibc declares it only under _GNU_SOURCE).
static inline void pk_sleep_until_readable(int fd, int64_t timeout_ns) {
    struct pollfd watched = {.fd = fd, .events = POLLIN};
    struct timespec timeout = {.tv_sec = timeout_ns / 1000000000LL, .tv_nsec = timeout_ns % 1000000000LL};
    syscall(SYS_ppoll, &watched, 1, &timeout, NULL, 0);
}

/// Resolves `host` and `port` to the first TCP address; 0, or getaddrinfo's error code.
static inline int pk_resolve(const char *host, const char *port, struct sockaddr_storage *address, socklen_t *length) {
    struct addrinfo hints = {0}, *result = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int status = getaddrinfo(host, port, &hints, &result);
    if (status != 0) return status;
    memcpy(address, result->ai_addr, result->ai_addrlen);
    *length = result->ai_addrlen;
    freeaddrinfo(result);
    return 0;
}
/// A non-blocking TCP socket (TCP_NODELAY) connecting to `address`: the descriptor, with the
/// connect in progress or done, or -errno.
static inline int pk_connect(const struct sockaddr_storage *address, socklen_t length) {
    int fd = socket(address->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (const struct sockaddr *)address, length) < 0 && errno != EINPROGRESS) {
        int error = errno;
        close(fd);
        return -error;
    }
    return fd;
}
/// The pending error of a socket (SO_ERROR): 0 once a connect succeeded.
static inline int pk_socket_error(int fd) {
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0) return errno;
    return error;
}
static inline int pk_errno(void) { return errno; }

/// The offset of the first "\r\n\r\n" (the end of an HTTP head) in `bytes`, or -1.
static inline long pk_find_blank_line(const void *bytes, size_t length) {
    // memchr, not memmem: memmem needs _GNU_SOURCE, which changes system structs under Swift's
    // own Glibc module.
    const char *start = (const char *)bytes, *end = start + length, *at = start;
    while (end - at >= 4 && (at = memchr(at, '\r', (size_t)(end - at - 3))) != NULL) {
        if (at[1] == '\n' && at[2] == '\r' && at[3] == '\n') return (long)(at - start);
        at++;
    }
    return -1;
}

#endif
