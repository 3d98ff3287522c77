/*
 * parkdoc-client: the launcher's native way to a running search server (io.parkdoc.daemon.Daemon).
 *
 * It does what io.parkdoc.daemon.DaemonClient does, without starting a JVM (~1 ms instead of
 * ~70 ms): sends this process's arguments, working directory, environment and "are standard input
 * and output a terminal" to the server, writes what comes back to standard output and standard
 * error in the order the command wrote it, and exits with the command's exit code. The format is
 * the one io.parkdoc.daemon.Wire describes; both ends come from the same checkout, and the
 * launcher compiles this file again whenever it or the jar changes.
 *
 * Exit 75 (EX_TEMPFAIL), having written nothing, when no server answers: no socket, a server of
 * another user or jar, one that does not start the command within 3 s (stopped, stuck), or a
 * connection cut before the whole answer came. Exit 76 when nobody listens on the socket (a dead
 * server's). The launcher then runs the command itself, and removes the socket on 76. Like the
 * JVM client, it holds the whole answer before writing any of it: a connection cut half way must
 * not print half an answer that the launcher's own run would then print again. (The server sends
 * nothing before the command has ended, so this costs no time.)
 *
 * Usage (by the launcher): parkdoc-client SOCKET JAR ARGS...
 * Built by the launcher with: cc -O2 -Wall -o parkdoc-client parkdoc-client.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

enum {
  MAGIC = 0x504b4431, /* "PKD1" */
  RUN = 1,
  STARTED = 'S',
  STDERR_CHUNK = 2,
  END = 0,
  UNAVAILABLE = 75,
  DEAD = 76,
  START_TIMEOUT_SECONDS = 3
};

/* A growable byte buffer; a failed allocation or a size that would overflow ends the client. */
struct buf {
  unsigned char *data;
  size_t len, cap;
};

static void reserve(struct buf *b, size_t more) {
  if (more > SIZE_MAX - b->len) _exit(UNAVAILABLE);
  size_t need = b->len + more;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  unsigned char *d = realloc(b->data, cap);
  if (!d) _exit(UNAVAILABLE);
  b->data = d;
  b->cap = cap;
}

static void put(struct buf *b, const void *p, size_t n) {
  reserve(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

static void put_int(struct buf *b, uint32_t v) {
  unsigned char be[4] = {v >> 24, v >> 16, v >> 8, v};
  put(b, be, 4);
}

/* A string as Wire.writeString: an int length, then the bytes (UTF-8 as the JVM's would be). */
static void put_bytes(struct buf *b, const char *s, size_t n) {
  if (n > INT32_MAX) _exit(UNAVAILABLE);
  put_int(b, (uint32_t)n);
  put(b, s, n);
}

static void put_str(struct buf *b, const char *s) { put_bytes(b, s, strlen(s)); }

/* The working directory, however long. */
static char *cwd(void) {
  for (size_t n = 4096;; n *= 2) {
    char *p = malloc(n);
    if (!p) return NULL;
    if (getcwd(p, n)) return p;
    free(p);
    if (errno != ERANGE || n > (1u << 24)) return NULL;
  }
}

/* The run request (Wire.writeRun), with the environment as the JVM's System.getenv() sees it. */
static void request(struct buf *b, const char *jar, int argc, char **argv) {
  char *dir = cwd();
  if (!dir) _exit(UNAVAILABLE);
  put_int(b, MAGIC);
  put(b, &(unsigned char){RUN}, 1);
  put_str(b, jar);
  put(b, &(unsigned char){isatty(0) && isatty(1)}, 1);
  put_str(b, dir);
  free(dir);
  /* Entries without '=' are left out, as the JVM does; a name given twice counts once, the first
   * (the JVM keeps the first too; bash never passes one twice). */
  uint32_t count = 0;
  size_t count_at = b->len;
  put_int(b, 0);
  for (char **e = environ; *e; e++) {
    const char *eq = strchr(*e, '=');
    if (!eq) continue;
    size_t name = (size_t)(eq - *e);
    int seen = 0;
    for (char **f = environ; f < e && !seen; f++)
      seen = strncmp(*f, *e, name + 1) == 0;
    if (seen) continue;
    put_bytes(b, *e, name);
    put_str(b, eq + 1);
    count++;
  }
  unsigned char be[4] = {count >> 24, count >> 16, count >> 8, count};
  memcpy(b->data + count_at, be, 4);
  put_int(b, (uint32_t)argc);
  for (int i = 0; i < argc; i++) put_str(b, argv[i]);
}

static int send_all(int fd, const unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Writes to standard output or error; a reader that has gone (| head) is its own choice. */
static void write_all(int fd, const unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= (size_t)w;
  }
}

static void give_up(int sig) {
  (void)sig;
  _exit(UNAVAILABLE);
}

/* Reads a big-endian int at *at, if the answer holds one. */
static int get_int(const struct buf *b, size_t *at, uint32_t *v) {
  if (b->len - *at < 4) return -1;
  const unsigned char *p = b->data + *at;
  *v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
  *at += 4;
  return 0;
}

/* Checks that the answer after the exit code is whole: chunks, each a stream and a length, up to
 * END (what might follow it is not read, as by the JVM client). Nothing is written unless it is. */
static int whole(const struct buf *b, size_t at) {
  for (;;) {
    if (at >= b->len) return 0;
    if (b->data[at++] == END) return 1;
    uint32_t n;
    if (get_int(b, &at, &n) || n > INT32_MAX || n > b->len - at) return 0;
    at += n;
  }
}

int main(int argc, char **argv) {
  if (argc < 3) return UNAVAILABLE;
  signal(SIGPIPE, SIG_IGN);
  /* A server that does not start the command soon (stopped, stuck, or busy with a long one) is
   * no server: give up, having printed nothing, and let the launcher run it. */
  signal(SIGALRM, give_up);
  alarm(START_TIMEOUT_SECONDS);

  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(argv[1]) >= sizeof addr.sun_path) return UNAVAILABLE;
  strcpy(addr.sun_path, argv[1]);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return UNAVAILABLE;
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    /* The errors the JVM client reports as ConnectException: nobody listens there. */
    return errno == ECONNREFUSED || errno == ETIMEDOUT || errno == ENOTCONN ? DEAD : UNAVAILABLE;
  }
  /* The request carries this user's environment: only a server of this user may have it. */
  struct ucred peer;
  socklen_t len = sizeof peer;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 || peer.uid != getuid())
    return UNAVAILABLE;

  struct buf out = {0};
  request(&out, argv[2], argc - 3, argv + 3);
  if (send_all(fd, out.data, out.len)) return UNAVAILABLE;
  free(out.data);

  /* The answer: STARTED, the exit code, then chunks up to END; the server closes after it. */
  struct buf in = {0};
  for (;;) {
    reserve(&in, 65536);
    ssize_t r = read(fd, in.data + in.len, in.cap - in.len);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return UNAVAILABLE;
    if (r == 0) break;
    if (in.len == 0) {
      if (in.data[0] != STARTED) return UNAVAILABLE; /* not a parkdoc server */
      alarm(0);
    }
    in.len += (size_t)r;
  }
  size_t at = 1;
  uint32_t code;
  if (in.len == 0 || get_int(&in, &at, &code) || code == UNAVAILABLE || !whole(&in, at))
    return UNAVAILABLE;
  /* From here on the command has run: write what it wrote, in its order. */
  while (in.data[at] != END) {
    int stream = in.data[at++];
    uint32_t n;
    get_int(&in, &at, &n);
    write_all(stream == STDERR_CHUNK ? 2 : 1, in.data + at, n);
    at += n;
  }
  return (int)code;
}
