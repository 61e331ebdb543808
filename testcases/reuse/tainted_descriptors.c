// --reuse-process and descriptors made by calls other than open: glibc
// makes them without its interposed open (eventfd, socketpair, memfd_create,
// epoll_create1, opendir, mkstemp...), and a rewind does not close them. A
// worker whose execution makes one must end after it, or the descriptor
// would still be open in the next execution, which would get the next
// number for its own: here main makes one when thread 2 took the lock first
// (not in the first execution) and checks that it got 3, as in a process
// of its own. Before these calls tainted the worker, the second such
// execution failed its assertion: a false finding, "bugs: 1 finding".
// Each variant names its call in the JSON; the twin (-DNEVER) makes none:
// one worker runs every execution.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,EVENTFD --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json -- -DSOCKETPAIR > %t.pair.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,PAIR --input-file %t.pair.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json -- -DMEMFD > %t.memfd.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,MEMFD --input-file %t.memfd.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json -- -DEPOLL > %t.epoll.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,EPOLL --input-file %t.epoll.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json -- -DOPENDIR > %t.dir.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,DIR --input-file %t.dir.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json -- -DMKSTEMP > %t.tmp.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,TMP --input-file %t.tmp.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json -- -DNEVER > %t.twin.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK: "single_use": 3,
// EVENTFD-NEXT: "single_use_by": "eventfd, a descriptor a rewind cannot close",
// PAIR-NEXT: "single_use_by": "socketpair, descriptors a rewind cannot close",
// MEMFD-NEXT: "single_use_by": "memfd_create, a descriptor a rewind cannot close",
// EPOLL-NEXT: "single_use_by": "epoll_create1, a descriptor a rewind cannot close",
// DIR-NEXT: "single_use_by": "opendir, a descriptor a rewind cannot close",
// TMP-NEXT: "single_use_by": "mkstemp, a descriptor a rewind cannot close",
// CHECK: "verdict": "clean"
//
// TWIN: "executions": 6,
// TWIN: "reuse": {
// TWIN-NOT: single_use
// TWIN: "workers": 1
// TWIN: "verdict": "clean"
#define _GNU_SOURCE
#include <assert.h>
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static intptr_t first;

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    if (!first)
      first = (intptr_t)arg;
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

// A new descriptor, left open (the process's end closes it).
static int make(void) {
#if defined(SOCKETPAIR)
  int pair[2];
  assert(socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
  return pair[0];
#elif defined(MEMFD)
  return memfd_create("tangle-test", 0);
#elif defined(EPOLL)
  return epoll_create1(0);
#elif defined(OPENDIR)
  DIR *dir = opendir("/");
  return dir ? dirfd(dir) : -1;
#elif defined(MKSTEMP)
  char name[] = "/tmp/tangle-descriptors-XXXXXX";
  int fd = mkstemp(name);
  unlink(name);
  return fd;
#else
  return eventfd(0, 0);
#endif
}

int main(void) {
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  assert(counter == 4);
#ifndef NEVER
  if (first == 2)
    assert(make() == 3);
#endif
  return 0;
}
