// Interceptors for files: each operation on a regular file by a controlled
// thread is logged in the access log as a file access (memory_access.h,
// keyed by the file's identity) for the race detector; flock/fcntl/lockf
// locks are modelled like mutexes (model/objects/file_lock.h), never taken
// for real. stdio is intercepted at its own entry points: glibc's stdio
// calls read/write internally, past the PLT. docs/races.md, docs/objects.md.
#include "model/file_identity.h"
#include "model/memory_access.h"
#include "runtime/access_log.h"
#include "runtime/controller.h"
#include "runtime/pipes.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

namespace {

// What the runtime knows of the process's file descriptors. The fork server
// never touches files under control, so each execution starts empty.
constexpr int MaxFds = 1024;
constexpr uint32_t MaxOfds = 4096;
constexpr uint32_t MaxNamed = 256;

struct FdInfo {
  uint64_t key; // the file key; 0 = not a tracked regular file
  uint32_t ofd; // the open file description (shared by dup'd fds)
  bool known;   // looked at already
  bool append;  // opened with O_APPEND
};
FdInfo g_fds[MaxFds];
uint32_t g_nextOfd = 1;
uint32_t g_ofdRefs[MaxOfds];
uint8_t g_ofdLocks[MaxOfds];   // OfdFlock | OfdPosix: what close must release
ThreadId g_ofdOpener[MaxOfds]; // the thread that opened the description
constexpr uint8_t OfdFlock = 1, OfdPosix = 2;
uint64_t g_posixLocked[MaxNamed]; // files with process-owned locks
uint32_t g_posixLockedCount;
uint64_t g_named[MaxNamed]; // files whose path is in the log already
uint32_t g_namedCount;

__thread int t_inHook; // a hook's own calls are not the program's

bool hooksOn() { return controlled() && !t_inHook; }

struct HookScope {
  HookScope() { ++t_inHook; }
  ~HookScope() { --t_inHook; }
};

bool contains(const uint64_t *keys, uint32_t n, uint64_t key) {
  for (uint32_t i = 0; i < n; ++i)
    if (keys[i] == key)
      return true;
  return false;
}

MemoryAccess *reserveLog(uint64_t count) {
  shm::Header *h = g_runtime.shm;
  // (Past the step limit, unrecorded: accesses would not be ordered, and
  // the step-limit note says the rest is unchecked.)
  if (h->truncated)
    return nullptr;
  if (h->accessCount + count > h->accessCapacity) {
    h->accessOverflow = 1;
    return nullptr;
  }
  MemoryAccess *log = shm::at<MemoryAccess>(h, h->accessesOffset);
  return log + h->accessCount;
}

/// The path of `key`, once per execution: a name record, then the bytes.
void logName(uint64_t key, const char *path) {
  if (contains(g_named, g_namedCount, key) || g_namedCount == MaxNamed)
    return;
  size_t length = strnlen(path, 255);
  uint64_t chunks = (length + sizeof(MemoryAccess) - 1) / sizeof(MemoryAccess);
  MemoryAccess *a = reserveLog(1 + chunks);
  if (!a)
    return;
  g_named[g_namedCount++] = key;
  *a = MemoryAccess();
  a->flags = AccessFile | AccessFileName;
  a->size = uint16_t(length);
  a->reserved = uint32_t(chunks);
  a->address = key;
  char *bytes = reinterpret_cast<char *>(a + 1);
  memset(bytes, 0, chunks * sizeof(MemoryAccess));
  memcpy(bytes, path, length);
  g_runtime.shm->accessCount += 1 + chunks;
}

} // namespace

void tangle::rt::logObjectName(uint64_t key, const char *name) {
  logName(key, name);
}

namespace {

void logAccess(uint64_t key, FileOp op, bool write, bool atomic,
               const Stack &stack) {
  MemoryAccess *a = reserveLog(1);
  if (!a)
    return;
  *a = MemoryAccess();
  a->thread = t_thread.self;
  a->flags = uint16_t(AccessFile | (write ? AccessWrite : 0) |
                      (atomic ? AccessAtomic : 0));
  a->size = uint16_t(op);
  a->afterEvents =
      uint32_t(g_runtime.shm->eventCount.load(std::memory_order_relaxed));
  a->address = key;
  a->framePointer = stack.framePointers[0];
  for (int i = 0; i < AccessFrames; ++i)
    a->frames[i] = stack.frames[i];
  g_runtime.shm->accessCount += 1;
}

bool excludedPath(const char *path) {
  return !strncmp(path, "/dev/", 5) || !strncmp(path, "/proc/", 6) ||
         !strncmp(path, "/sys/", 5);
}

/// `path` made absolute against the working directory (not normalised).
void absolutePath(const char *path, char *out, size_t size) {
  if (path[0] == '/' || !getcwd(out, size)) {
    snprintf(out, size, "%s", path);
    return;
  }
  size_t n = strlen(out);
  snprintf(out + n, size - n, "/%s", path);
}

/// Starts tracking `fd` as a new open file description of a regular file,
/// named `path` (as the program named it).
void track(int fd, const char *path, bool append) {
  if (fd < 0 || fd >= MaxFds)
    return;
  FdInfo &info = g_fds[fd];
  info = FdInfo();
  info.known = true;
  struct stat st;
  if (fd <= 2 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
      excludedPath(path) || g_nextOfd >= MaxOfds)
    return;
  info.key = fileKey(st.st_dev, st.st_ino);
  info.append = append;
  info.ofd = g_nextOfd++;
  g_ofdRefs[info.ofd] = 1;
  g_ofdLocks[info.ofd] = 0;
  g_ofdOpener[info.ofd] = t_thread.self;
  logName(info.key, path);
}

/// What the runtime knows of `fd`, looking at it the first time (a file
/// opened before main, or behind the runtime's back).
const FdInfo *fileOf(int fd) {
  if (fd < 0 || fd >= MaxFds)
    return nullptr;
  if (!g_fds[fd].known) {
    char link[32], path[256];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    path[n > 0 ? n : 0] = 0;
    int flags = REAL(fcntl)(fd, F_GETFL);
    track(fd, path, flags >= 0 && (flags & O_APPEND));
  }
  return g_fds[fd].key ? &g_fds[fd] : nullptr;
}

void access(int fd, FileOp op, bool write, const Stack &stack) {
  if (const FdInfo *info = fileOf(fd))
    logAccess(info->key, op, write, write && info->append, stack);
}

void accessStream(FILE *stream, FileOp op, bool write, const Stack &stack) {
  if (stream)
    access(fileno_unlocked(stream), op, write, stack);
}

/// Before open: whether the path exists. After: the access it made.
void opened(int fd, const char *path, int flags, bool existed,
            const Stack &stack) {
  int saved = errno;
  char absolute[512];
  absolutePath(path, absolute, sizeof absolute);
  if (fd < 0) {
    if (saved == EMFILE)
      noteLimitHit(shm::OpenFilesLimitHit); // --limit-open-files
    if (saved == ENOENT && !excludedPath(absolute)) {
      uint64_t key = pathKey(absolute);
      logName(key, path);
      logAccess(key, FileOp::OpenMiss, false, false, stack);
    }
    errno = saved;
    return;
  }
  if (excludedPath(absolute)) {
    if (fd < MaxFds)
      g_fds[fd] = FdInfo{0, 0, true, false};
    errno = saved;
    return;
  }
  track(fd, path, flags & O_APPEND);
  const FdInfo *info = fileOf(fd);
  if (info && !existed && (flags & O_CREAT) && !(flags & O_EXCL)) {
    // Creating is idempotent ("atomic"): it conflicts only with a lookup
    // that missed. O_EXCL creation is a lock-file idiom: not logged.
    uint64_t key = pathKey(absolute);
    logName(key, path);
    logAccess(key, FileOp::Open, true, true, stack);
  }
  if (info && existed && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY)
    logAccess(info->key, FileOp::Open, true, false, stack);
  errno = saved;
}

bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

int openFlagsOf(const char *mode) {
  int flags = 0;
  switch (mode[0]) {
  case 'w':
    flags = O_CREAT | O_TRUNC;
    break;
  case 'a':
    flags = O_CREAT | O_APPEND;
    break;
  }
  bool plus = false;
  for (const char *m = mode + 1; *m; ++m) {
    plus |= *m == '+';
    if (*m == 'x')
      flags |= O_EXCL;
  }
  int access = plus ? O_RDWR : mode[0] == 'r' ? O_RDONLY : O_WRONLY;
  return flags | access;
}

/// A path operation (rename, unlink): a write of the path.
void pathWrite(const char *path, FileOp op, const Stack &stack) {
  char absolute[512];
  absolutePath(path, absolute, sizeof absolute);
  if (excludedPath(absolute))
    return;
  uint64_t key = pathKey(absolute);
  logName(key, path);
  logAccess(key, op, true, false, stack);
}

uint64_t processOwner() { return uint64_t(getpid()) << 32; }
uint64_t ofdOwner(uint32_t ofd) { return processOwner() | ofd; }
/// FileLockSharedOwner when the calling thread did not open `ofd`.
uint16_t sharing(uint32_t ofd) {
  return g_ofdOpener[ofd] == t_thread.self ? 0 : FileLockSharedOwner;
}

Operation lockOp(OpKind kind, uint64_t object, uint64_t owner, uint16_t flags) {
  Operation o;
  o.kind = kind;
  o.object = object;
  o.arg = owner;
  o.flags = flags;
  return o;
}

void notePosixLocked(uint64_t key) {
  if (!contains(g_posixLocked, g_posixLockedCount, key) &&
      g_posixLockedCount < MaxNamed)
    g_posixLocked[g_posixLockedCount++] = key;
}

void forgetPosixLocked(uint64_t key) {
  for (uint32_t i = 0; i < g_posixLockedCount; ++i)
    if (g_posixLocked[i] == key) {
      g_posixLocked[i] = g_posixLocked[--g_posixLockedCount];
      return;
    }
}

/// Closing fd: the last fd of an open file description releases its flock
/// (and OFD locks); closing any fd of a file releases the process's
/// fcntl/lockf locks on it (POSIX).
void closing(int fd, const Stack &stack) {
  const FdInfo *info =
      fd >= 0 && fd < MaxFds && g_fds[fd].known && g_fds[fd].key ? &g_fds[fd]
                                                                 : nullptr;
  if (info) {
    FdInfo copy = *info;
    if (--g_ofdRefs[copy.ofd] == 0) {
      if (g_ofdLocks[copy.ofd] & OfdFlock)
        visible(lockOp(OpKind::FileUnlock, copy.key, ofdOwner(copy.ofd),
                       FileLockOnClose | sharing(copy.ofd)),
                stack);
      if (g_ofdLocks[copy.ofd] & OfdPosix)
        visible(lockOp(OpKind::FileUnlock, posixLockKey(copy.key),
                       ofdOwner(copy.ofd), FileLockOnClose | sharing(copy.ofd)),
                stack);
    }
    if (contains(g_posixLocked, g_posixLockedCount, copy.key))
      visible(lockOp(OpKind::FileUnlock, posixLockKey(copy.key), processOwner(),
                     FileLockByProcess | FileLockOnClose),
              stack);
  }
  if (fd >= 0 && fd < MaxFds)
    g_fds[fd] = FdInfo();
}

void duplicated(int from, int to) {
  if (to < 0 || to >= MaxFds || from == to)
    return;
  const FdInfo *info = fileOf(from);
  g_fds[to] = info ? *info : FdInfo{0, 0, true, false};
  if (info)
    ++g_ofdRefs[info->ofd];
}

int lockResult(int32_t r, int error) {
  if (r == 0)
    return 0;
  errno = error;
  return -1;
}

} // namespace

#define CALLER(stack)                                                          \
  Stack stack;                                                                 \
  TANGLE_CALLER_STACK(stack)

// ---- open, close, dup ----

namespace {
int openFile(const char *path, int flags, mode_t mode, const Stack &stack) {
  HookScope scope;
  bool existed = exists(path);
  int fd = REAL(open)(path, flags, mode);
  opened(fd, path, flags, existed, stack);
  return fd;
}
} // namespace

TANGLE_INTERCEPTOR int open(const char *path, int flags, ...) {
  taintWorker("open, a descriptor a rewind cannot close");
  va_list ap;
  va_start(ap, flags);
  mode_t mode = va_arg(ap, mode_t);
  va_end(ap);
  if (!hooksOn())
    return REAL(open)(path, flags, mode);
  CALLER(stack);
  return openFile(path, flags, mode, stack);
}

TANGLE_INTERCEPTOR int open64(const char *, int, ...)
    __attribute__((alias("open")));

TANGLE_INTERCEPTOR int openat(int dir, const char *path, int flags, ...) {
  taintWorker("openat, a descriptor a rewind cannot close");
  // (openat64 is an alias, below.)
  va_list ap;
  va_start(ap, flags);
  mode_t mode = va_arg(ap, mode_t);
  va_end(ap);
  if (!hooksOn())
    return REAL(openat)(dir, path, flags, mode);
  HookScope scope;
  CALLER(stack);
  bool byPath = dir == AT_FDCWD || path[0] == '/';
  bool existed = !byPath || exists(path);
  int fd = REAL(openat)(dir, path, flags, mode);
  if (byPath)
    opened(fd, path, flags, existed, stack);
  else
    track(fd, path, flags & O_APPEND);
  return fd;
}

TANGLE_INTERCEPTOR int openat64(int, const char *, int, ...)
    __attribute__((alias("openat")));

TANGLE_INTERCEPTOR int creat(const char *path, mode_t mode) {
  taintWorker("creat, a descriptor a rewind cannot close");
  int flags = O_CREAT | O_WRONLY | O_TRUNC;
  if (!hooksOn())
    return REAL(open)(path, flags, mode);
  CALLER(stack);
  return openFile(path, flags, mode, stack);
}

TANGLE_INTERCEPTOR int creat64(const char *, mode_t)
    __attribute__((alias("creat")));

// A descriptor is a file (closing, duplicated) or a pipe end (pipes.h);
// the hooks of the other kind ignore it.
TANGLE_INTERCEPTOR int close(int fd) {
  taintWorker("close, a descriptor a rewind cannot reopen");
  if (!hooksOn()) {
    pipeForget(fd);
    return REAL(close)(fd);
  }
  HookScope scope;
  CALLER(stack);
  closing(fd, stack);
  pipeClosing(fd, stack);
  return REAL(close)(fd);
}

// close_range and closefrom (glibc 2.34) close many descriptors in one
// call: each tracked one is closed as by close(). They taint a worker like
// close: a rewind cannot reopen what they closed (nor its snapshot's own
// /proc descriptors, which closefrom(3) closes too: runtime/snapshot.cpp).
namespace {
void closingRange(unsigned first, unsigned last, const Stack *stack) {
  HookScope scope;
  for (unsigned fd = first; fd <= last && fd < unsigned(MaxFds); ++fd) {
    if (!stack) {
      pipeForget(int(fd));
      continue;
    }
    closing(int(fd), *stack);
    pipeClosing(int(fd), *stack);
  }
}
} // namespace

TANGLE_INTERCEPTOR int close_range(unsigned first, unsigned last, int flags) {
  taintWorker("close_range, descriptors a rewind cannot reopen");
  if (!(flags & CLOSE_RANGE_CLOEXEC)) {
    const bool hooked = hooksOn();
    CALLER(stack);
    closingRange(first, last, hooked ? &stack : nullptr);
  }
  return REAL(close_range)(first, last, flags);
}

TANGLE_INTERCEPTOR void closefrom(int first) {
  taintWorker("closefrom, descriptors a rewind cannot reopen");
  const bool hooked = hooksOn();
  CALLER(stack);
  closingRange(first < 0 ? 0 : unsigned(first), ~0u, hooked ? &stack : nullptr);
  REAL(closefrom)(first);
}

TANGLE_INTERCEPTOR int dup(int fd) {
  taintWorker("dup, a descriptor a rewind cannot close");
  int to = REAL(dup)(fd);
  if (hooksOn() && to >= 0) {
    HookScope scope;
    CALLER(stack);
    duplicated(fd, to);
    pipeDuplicated(fd, to, stack);
  }
  return to;
}

TANGLE_INTERCEPTOR int dup2(int fd, int to) {
  taintWorker("dup2, a descriptor a rewind cannot put back");
  if (!hooksOn())
    return REAL(dup2)(fd, to);
  HookScope scope;
  CALLER(stack);
  if (fd != to && fcntl(fd, F_GETFD) != -1) {
    closing(to, stack);
    pipeClosing(to, stack);
  }
  int result = REAL(dup2)(fd, to);
  if (result >= 0 && fd != to) {
    duplicated(fd, to);
    pipeDuplicated(fd, to, stack);
  }
  return result;
}

TANGLE_INTERCEPTOR int dup3(int fd, int to, int flags) {
  taintWorker("dup3, a descriptor a rewind cannot put back");
  if (!hooksOn())
    return REAL(dup3)(fd, to, flags);
  HookScope scope;
  CALLER(stack);
  if (fd != to && fcntl(fd, F_GETFD) != -1) {
    closing(to, stack);
    pipeClosing(to, stack);
  }
  int result = REAL(dup3)(fd, to, flags);
  if (result >= 0) {
    duplicated(fd, to);
    pipeDuplicated(fd, to, stack);
  }
  return result;
}

// ---- reads and writes ----

TANGLE_INTERCEPTOR ssize_t read(int fd, void *buffer, size_t size) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    access(fd, FileOp::Read, false, stack);
    pipeBeforeRead(fd, size, stack);
  }
  return REAL(read)(fd, buffer, size);
}

TANGLE_INTERCEPTOR ssize_t pread(int fd, void *buffer, size_t size,
                                 off_t offset) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    access(fd, FileOp::Read, false, stack);
  }
  return REAL(pread)(fd, buffer, size, offset);
}

// The 64-bit names are the same functions on x86-64: aliases, so that the
// caller's stack starts at the program.
TANGLE_INTERCEPTOR ssize_t pread64(int, void *, size_t, off_t)
    __attribute__((alias("pread")));

TANGLE_INTERCEPTOR ssize_t write(int fd, const void *buffer, size_t size) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    access(fd, FileOp::Write, true, stack);
    pipeBeforeWrite(fd, size, stack);
  }
  return REAL(write)(fd, buffer, size);
}

TANGLE_INTERCEPTOR ssize_t pwrite(int fd, const void *buffer, size_t size,
                                  off_t offset) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    access(fd, FileOp::Write, true, stack);
  }
  return REAL(pwrite)(fd, buffer, size, offset);
}

TANGLE_INTERCEPTOR ssize_t pwrite64(int, const void *, size_t, off_t)
    __attribute__((alias("pwrite")));

TANGLE_INTERCEPTOR int ftruncate(int fd, off_t length) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    access(fd, FileOp::Truncate, true, stack);
  }
  return REAL(ftruncate)(fd, length);
}

TANGLE_INTERCEPTOR int ftruncate64(int, off_t)
    __attribute__((alias("ftruncate")));

TANGLE_INTERCEPTOR int truncate(const char *path, off_t length) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && !excludedPath(path))
      logAccess(fileKey(st.st_dev, st.st_ino), FileOp::Truncate, true, false,
                stack);
  }
  return REAL(truncate)(path, length);
}

TANGLE_INTERCEPTOR int truncate64(const char *, off_t)
    __attribute__((alias("truncate")));

TANGLE_INTERCEPTOR int rename(const char *from, const char *to) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    pathWrite(from, FileOp::Rename, stack);
    pathWrite(to, FileOp::Rename, stack);
  }
  return REAL(rename)(from, to);
}

TANGLE_INTERCEPTOR int unlink(const char *path) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    pathWrite(path, FileOp::Unlink, stack);
  }
  return REAL(unlink)(path);
}

// ---- stdio ----

TANGLE_INTERCEPTOR FILE *fopen(const char *path, const char *mode) {
  taintWorker("fopen, a descriptor a rewind cannot close");
  if (!hooksOn())
    return REAL(fopen)(path, mode);
  HookScope scope;
  CALLER(stack);
  bool existed = exists(path);
  FILE *stream = REAL(fopen)(path, mode);
  opened(stream ? fileno_unlocked(stream) : -1, path, openFlagsOf(mode),
         existed, stack);
  return stream;
}

TANGLE_INTERCEPTOR FILE *fopen64(const char *, const char *)
    __attribute__((alias("fopen")));

TANGLE_INTERCEPTOR int fclose(FILE *stream) {
  taintWorker("fclose, a descriptor a rewind cannot reopen");
  if (!hooksOn() || !stream)
    return REAL(fclose)(stream);
  HookScope scope;
  CALLER(stack);
  closing(fileno_unlocked(stream), stack);
  return REAL(fclose)(stream);
}

#define STDIO_READ(stream)                                                     \
  if (hooksOn()) {                                                             \
    HookScope scope;                                                           \
    CALLER(stack);                                                             \
    accessStream(stream, FileOp::StdioRead, false, stack);                     \
  }
#define STDIO_WRITE(stream)                                                    \
  if (hooksOn()) {                                                             \
    HookScope scope;                                                           \
    CALLER(stack);                                                             \
    accessStream(stream, FileOp::StdioWrite, true, stack);                     \
  }

TANGLE_INTERCEPTOR size_t fread(void *buffer, size_t size, size_t n,
                                FILE *stream) {
  STDIO_READ(stream);
  return REAL(fread)(buffer, size, n, stream);
}

TANGLE_INTERCEPTOR size_t fwrite(const void *buffer, size_t size, size_t n,
                                 FILE *stream) {
  STDIO_WRITE(stream);
  return REAL(fwrite)(buffer, size, n, stream);
}

TANGLE_INTERCEPTOR char *fgets(char *s, int size, FILE *stream) {
  STDIO_READ(stream);
  return REAL(fgets)(s, size, stream);
}

TANGLE_INTERCEPTOR int fputs(const char *s, FILE *stream) {
  STDIO_WRITE(stream);
  return REAL(fputs)(s, stream);
}

TANGLE_INTERCEPTOR int fgetc(FILE *stream) {
  STDIO_READ(stream);
  return REAL(fgetc)(stream);
}

TANGLE_INTERCEPTOR int getc(FILE *stream) {
  STDIO_READ(stream);
  return REAL(getc)(stream);
}

TANGLE_INTERCEPTOR int fputc(int c, FILE *stream) {
  STDIO_WRITE(stream);
  return REAL(fputc)(c, stream);
}

TANGLE_INTERCEPTOR int putc(int c, FILE *stream) {
  STDIO_WRITE(stream);
  return REAL(putc)(c, stream);
}

TANGLE_INTERCEPTOR int vfprintf(FILE *stream, const char *format, va_list ap) {
  STDIO_WRITE(stream);
  return REAL(vfprintf)(stream, format, ap);
}

TANGLE_INTERCEPTOR int fprintf(FILE *stream, const char *format, ...) {
  STDIO_WRITE(stream);
  va_list ap;
  va_start(ap, format);
  int result = REAL(vfprintf)(stream, format, ap);
  va_end(ap);
  return result;
}

TANGLE_INTERCEPTOR int vdprintf(int fd, const char *format, va_list ap) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    access(fd, FileOp::Write, true, stack);
  }
  return REAL(vdprintf)(fd, format, ap);
}

TANGLE_INTERCEPTOR int dprintf(int fd, const char *format, ...) {
  if (hooksOn()) {
    HookScope scope;
    CALLER(stack);
    access(fd, FileOp::Write, true, stack);
  }
  va_list ap;
  va_start(ap, format);
  int result = REAL(vdprintf)(fd, format, ap);
  va_end(ap);
  return result;
}

// <stdio.h> may redirect fscanf/vfscanf to their __isoc99_ forms in this
// file: name the plain symbols explicitly.
TANGLE_INTERCEPTOR int vfscanfHook(FILE *stream, const char *format,
                                   va_list ap) __asm__("vfscanf");
TANGLE_INTERCEPTOR int fscanfHook(FILE *stream, const char *format,
                                  ...) __asm__("fscanf");

int vfscanfHook(FILE *stream, const char *format, va_list ap) {
  STDIO_READ(stream);
  return REAL(vfscanf)(stream, format, ap);
}

int fscanfHook(FILE *stream, const char *format, ...) {
  STDIO_READ(stream);
  va_list ap;
  va_start(ap, format);
  int result = REAL(vfscanf)(stream, format, ap);
  va_end(ap);
  return result;
}

// C99 programs call these (glibc's <stdio.h> redirects fscanf to them).
TANGLE_INTERCEPTOR int __isoc99_vfscanf(FILE *stream, const char *format,
                                        va_list ap) {
  STDIO_READ(stream);
  return REAL(__isoc99_vfscanf)(stream, format, ap);
}

TANGLE_INTERCEPTOR int __isoc99_fscanf(FILE *stream, const char *format, ...) {
  STDIO_READ(stream);
  va_list ap;
  va_start(ap, format);
  int result = REAL(__isoc99_vfscanf)(stream, format, ap);
  va_end(ap);
  return result;
}

// fflush, rewind and fseek only move or flush buffered data: the write is
// the fprintf/fwrite that produced it (docs/races.md).

// ---- file locks ----

TANGLE_INTERCEPTOR int flock(int fd, int operation) {
  TANGLE_NOTE_UNWATCHED(FileLocks);
  if (!hooksOn())
    return REAL(flock)(fd, operation);
  HookScope scope;
  const FdInfo *info = fileOf(fd);
  if (!info)
    return REAL(flock)(fd, operation);
  CALLER(stack);
  uint64_t owner = ofdOwner(info->ofd);
  int how = operation & ~LOCK_NB;
  if (how == LOCK_UN) {
    g_ofdLocks[info->ofd] &= ~OfdFlock; // close has nothing left to release
    return lockResult(visible(lockOp(OpKind::FileUnlock, info->key, owner,
                                     sharing(info->ofd)),
                              stack),
                      0);
  }
  if (how != LOCK_SH && how != LOCK_EX) {
    errno = EINVAL;
    return -1;
  }
  g_ofdLocks[info->ofd] |= OfdFlock;
  OpKind kind = operation & LOCK_NB ? OpKind::FileTryLock : OpKind::FileLock;
  uint16_t flags =
      uint16_t((how == LOCK_SH ? FileLockShared : 0) | sharing(info->ofd));
  return lockResult(visible(lockOp(kind, info->key, owner, flags), stack),
                    EWOULDBLOCK);
}

namespace {

/// fcntl's record locks, over the whole file. OFD locks (F_OFD_*) belong to
/// the open file description, classic ones to the process.
int fcntlLock(const FdInfo &info, int cmd, struct flock *lock,
              const Stack &stack) {
  bool ofd = cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW || cmd == F_OFD_GETLK;
  uint64_t owner = ofd ? ofdOwner(info.ofd) : processOwner();
  uint16_t flags = ofd ? sharing(info.ofd) : FileLockByProcess;
  uint64_t key = posixLockKey(info.key);
  if (lock->l_type == F_RDLCK)
    flags |= FileLockShared;
  if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
    int32_t held =
        visible(lockOp(OpKind::FileTestLock, key, owner, flags), stack);
    if (held == 0) {
      lock->l_type = F_UNLCK;
    } else {
      lock->l_type = held == FileLockHeldExclusive ? F_WRLCK : F_RDLCK;
      lock->l_whence = SEEK_SET;
      lock->l_start = 0;
      lock->l_len = 0;
      lock->l_pid = ofd ? -1 : getpid();
    }
    return 0;
  }
  if (lock->l_type == F_UNLCK) {
    if (ofd)
      g_ofdLocks[info.ofd] &= ~OfdPosix;
    else
      forgetPosixLocked(info.key); // the process holds nothing there now
    return lockResult(
        visible(lockOp(OpKind::FileUnlock, key, owner, flags), stack), 0);
  }
  if (ofd)
    g_ofdLocks[info.ofd] |= OfdPosix;
  else
    notePosixLocked(info.key);
  bool wait = cmd == F_SETLKW || cmd == F_OFD_SETLKW;
  OpKind kind = wait ? OpKind::FileLock : OpKind::FileTryLock;
  return lockResult(visible(lockOp(kind, key, owner, flags), stack), EAGAIN);
}

int fcntlHook(int (*real)(int, int, ...), int fd, int cmd, void *arg,
              const Stack &stack) {
  HookScope scope;
  switch (cmd) {
  case F_SETLK:
  case F_SETLKW:
  case F_GETLK:
  case F_OFD_SETLK:
  case F_OFD_SETLKW:
  case F_OFD_GETLK:
    if (const FdInfo *info = fileOf(fd))
      return fcntlLock(*info, cmd, static_cast<struct flock *>(arg), stack);
    return real(fd, cmd, arg);
  case F_DUPFD:
  case F_DUPFD_CLOEXEC: {
    int to = real(fd, cmd, arg);
    if (to >= 0)
      duplicated(fd, to);
    return to;
  }
  default:
    return real(fd, cmd, arg);
  }
}

} // namespace

/// fcntl's lock commands (record mode notes them as unwatched).
static bool isLockCommand(int cmd) {
  return cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK ||
         cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW || cmd == F_OFD_GETLK;
}

TANGLE_INTERCEPTOR int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  void *arg = va_arg(ap, void *);
  va_end(ap);
  if (isLockCommand(cmd))
    TANGLE_NOTE_UNWATCHED(FileLocks);
  if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
    taintWorker("fcntl F_DUPFD, a descriptor a rewind cannot close");
  if (!hooksOn())
    return REAL(fcntl)(fd, cmd, arg);
  CALLER(stack);
  return fcntlHook(REAL(fcntl), fd, cmd, arg, stack);
}

TANGLE_INTERCEPTOR int fcntl64(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  void *arg = va_arg(ap, void *);
  va_end(ap);
  if (isLockCommand(cmd))
    TANGLE_NOTE_UNWATCHED(FileLocks);
  if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
    taintWorker("fcntl F_DUPFD, a descriptor a rewind cannot close");
  if (!hooksOn())
    return REAL(fcntl64)(fd, cmd, arg);
  CALLER(stack);
  return fcntlHook(REAL(fcntl64), fd, cmd, arg, stack);
}

TANGLE_INTERCEPTOR int lockf(int fd, int cmd, off_t length) {
  TANGLE_NOTE_UNWATCHED(FileLocks);
  if (!hooksOn())
    return REAL(lockf)(fd, cmd, length);
  HookScope scope;
  const FdInfo *info = fileOf(fd);
  if (!info)
    return REAL(lockf)(fd, cmd, length);
  CALLER(stack);
  uint64_t key = posixLockKey(info->key);
  uint16_t flags = FileLockByProcess | FileLockLockf;
  switch (cmd) {
  case F_ULOCK:
    forgetPosixLocked(info->key);
    return lockResult(
        visible(lockOp(OpKind::FileUnlock, key, processOwner(), flags), stack),
        0);
  case F_LOCK:
  case F_TLOCK:
    notePosixLocked(info->key);
    return lockResult(
        visible(lockOp(cmd == F_LOCK ? OpKind::FileLock : OpKind::FileTryLock,
                       key, processOwner(), flags),
                stack),
        EAGAIN);
  case F_TEST:
    return lockResult(
        visible(lockOp(OpKind::FileTestLock, key, processOwner(), flags),
                stack),
        EACCES);
  default:
    errno = EINVAL;
    return -1;
  }
}

TANGLE_INTERCEPTOR int lockf64(int, int, off_t) __attribute__((alias("lockf")));
