// A program that starts a thread per task (moodycamel::ConcurrentQueue's
// unit tests start more than 8,192; a server with a thread per connection
// runs for hours) has more threads in all than the record region has
// thread slots (8,192): a slot is reused once its thread ended holding
// nothing and was joined or detached (runtime/record.cpp, recordThreadEnd
// and letGo; docs/runtime.md, "Thread slots"), while the thread numbers
// the events, the trace and the reports name are never reused. Before,
// every thread past the 8,192nd ran unrecorded: its events dropped, the
// watchdog blind to it (a deadlock among such threads went unreported).
// Here 9,000 short tasks, one after another, each taking a mutex: with
// --no-predict every thread is recorded, numbered 1 to 9,000, nothing
// dropped. In the
// default mode prediction needs every event, so every chunk is kept: the
// region's 8,192 chunks, one at least a thread, are the cap there, and the
// threads past them are counted as dropped events (coverage, not a silent
// "no hang"), all 9,001 numbered and watched; so it is with --trace,
// which keeps every chunk too: the trace has 9,001 threads, each its own
// number (thread 9,000 is not thread 1,000), and a join names the thread
// joined (each task reuses the slot the one before it had).
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle run -- %t.bin > %t.predict.txt 2>&1
// RUN: FileCheck %s --check-prefix=PREDICT --input-file %t.predict.txt
// RUN: %tangle run --no-predict --trace %t.trace -- %t.bin > %t.trace.txt 2>&1
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=TRACE --input-file %t.dump
//
// CHECK-NOT: dropped
// CHECK: tangle: no hang in this run: the program exited with status 0 (54001 events of 9001 threads recorded,
//
// PREDICT: note: prediction: 0 lock-order cycles
// PREDICT: tangle: no hang in this run: the program exited with status 0 ({{[0-9]+}} events of 9001 threads recorded ({{[0-9]+}} events dropped: the record region was full)
//
// TRACE: thread 0: {{[0-9]+}} events
// TRACE: create -> 8192
// TRACE-NEXT: join 0x2000 -> 0
// TRACE: thread 1 (parent 0) runs task: 4 events
// TRACE-NEXT: start
// TRACE: thread 8192 (parent 0) runs task: {{[0-9]+}} events
// TRACE: thread 9000 (parent 0) runs task: {{[0-9]+}} events
// TRACE-NOT: thread
#include <pthread.h>

enum { Tasks = 9000 };

pthread_mutex_t scratch = PTHREAD_MUTEX_INITIALIZER;
long done;

void *task(void *arg) {
  pthread_mutex_lock(&scratch);
  ++done;
  pthread_mutex_unlock(&scratch);
  return arg;
}

int main(void) {
  for (int i = 0; i < Tasks; ++i) {
    pthread_t t;
    pthread_create(&t, 0, task, 0);
    pthread_join(t, 0);
  }
  return done == Tasks ? 0 : 1;
}
