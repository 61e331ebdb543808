// --reuse-process and closefrom/close_range (glibc 2.34): descriptors
// closed in bulk, which a rewind cannot reopen, among them the worker's
// own (the snapshot keeps /proc/self/maps and /proc/self/pagemap open at a
// high number: runtime/snapshot.cpp). Here main closes every descriptor
// from 3 up when thread 2 took the lock first (not in the first
// execution), then checks that a file it opens gets 3, as in a process of
// its own. Such an execution runs to its end and ends its worker; the next
// gets a new worker, and every execution's result is the one it would have
// without --reuse-process. -DCLOSE_RANGE calls close_range(3, ~0U, 0)
// instead; -DCLOEXEC close_range with CLOSE_RANGE_CLOEXEC, which closes
// nothing now (and checks nothing) but changes the descriptors' flags: a
// worker's last execution too. The twin (-DNEVER) closes nothing: one
// worker runs every execution.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DCLOSE_RANGE > %t.range.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=RANGE --input-file %t.range.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DCLOEXEC > %t.cloexec.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=RANGE --input-file %t.cloexec.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --no-fibers --format json > %t.threads.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=THREADS --input-file %t.threads.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DNEVER > %t.twin.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 3,
// CHECK-NEXT: "fibers": 3,
// CHECK-NEXT: "single_use": 3,
// CHECK-NEXT: "single_use_by": "closefrom, descriptors a rewind cannot reopen",
// CHECK-NEXT: "workers": 3
// CHECK: "verdict": "clean"
//
// RANGE: "executions": 6,
// RANGE: "reuse": {
// RANGE-NEXT: "executions": 3,
// RANGE-NEXT: "fibers": 3,
// RANGE-NEXT: "single_use": 3,
// RANGE-NEXT: "single_use_by": "close_range, descriptors a rewind cannot reopen",
// RANGE-NEXT: "workers": 3
// RANGE: "verdict": "clean"
//
// THREADS: "executions": 6,
// THREADS: "reuse": {
// THREADS-NEXT: "executions": 3,
// THREADS-NEXT: "single_use": 3,
// THREADS-NEXT: "single_use_by": "closefrom, descriptors a rewind cannot reopen",
// THREADS-NEXT: "workers": 3
// THREADS: "verdict": "clean"
//
// TWIN: "executions": 6,
// TWIN: "reuse": {
// TWIN-NEXT: "executions": 6,
// TWIN-NEXT: "fibers": 6,
// TWIN-NEXT: "workers": 1
// TWIN: "verdict": "clean"
#define _GNU_SOURCE
#include <assert.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
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

int main(void) {
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  assert(counter == 4);
#ifndef NEVER
  if (first == 2) {
#if defined(CLOEXEC)
    close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
#else
#if defined(CLOSE_RANGE)
    close_range(3, ~0U, 0);
#else
    closefrom(3);
#endif
    int fd = open("/dev/null", O_RDONLY);
    assert(fd == 3);
    close(fd);
#endif
  }
#endif
  return 0;
}
