// --reuse-process and C++ thread_local objects with a destructor: glibc
// runs their destructors as the OS thread ends, which a pooled thread
// never does, so the runtime runs them as the thread of the execution
// ends, newest first, before the thread counts as ended: the join sees
// their effects. Each destructor takes a lock; every execution runs in one
// worker, with the verdict and executions of a process each.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json > %t.fork.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FORK --input-file %t.fork.json
//
// CHECK: "executions": [[N:[0-9]+]],
// CHECK: "reuse": {
// CHECK-NEXT: "executions": [[N]],
// CHECK-NEXT: "fibers_declined": "thread-local variables of the program's own (the program), whose addresses every fiber would share",
// CHECK-NEXT: "workers": 1
// CHECK: "verdict": "clean"
//
// FORK: "executions": [[N:[0-9]+]],
// FORK: "verdict": "clean"
#include <cassert>
#include <mutex>
#include <thread>

static std::mutex lock;
static int ended;
static int stamp[32];

struct Tracked {
  int id;
  explicit Tracked(int id) : id(id) {}
  ~Tracked() {
    std::lock_guard<std::mutex> guard(lock);
    stamp[id] = ended++;
  }
};

static void work(int base) {
  thread_local Tracked first(base);
  thread_local Tracked second(base + 1);
  (void)first.id;
  (void)second.id;
}

int main() {
  std::thread a(work, 10), b(work, 20);
  a.join();
  b.join();
  assert(ended == 4);
  // Newest first within each thread.
  assert(stamp[11] < stamp[10] && stamp[21] < stamp[20]);
  return 0;
}
