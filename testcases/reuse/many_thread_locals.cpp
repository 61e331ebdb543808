// A pooled thread keeps up to 64 thread_local destructors of its own (the
// runtime runs them as the thread of an execution ends: its table is in
// the thread's static TLS, which glibc clears for every thread the program
// creates, so it is kept small). A thread that registers more declines the
// reuse worker, with the reason, and every execution runs in a process of
// its own, where glibc runs them: the verdict and executions are the same
// either way, and the assertion sees every destructor run.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --format json -- -DOBJECTS=60 > %t.60.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=KEPT --input-file %t.60.json
//
// CHECK: "executions": 2,
// CHECK: "reuse": {
// CHECK-NEXT: "declined": "more thread_local destructors than a pooled thread keeps",
// CHECK-NEXT: "executions": 0,
// CHECK: "verdict": "clean"
//
// KEPT: "executions": 2,
// KEPT: "reuse": {
// KEPT-NEXT: "executions": 2,
// KEPT: "workers": 1
// KEPT: "verdict": "clean"
#include <cassert>
#include <mutex>
#include <thread>
#include <utility>

static std::mutex lock;
static int order;
static int ended[2];
static thread_local int self;

template <int I> struct Tracked {
  int value = I;
  ~Tracked() { ++ended[self]; }
};

template <int I> void touch() {
  thread_local Tracked<I> object;
  (void)object.value;
}

template <int... I> void touchAll(std::integer_sequence<int, I...>) {
  (touch<I>(), ...);
}

#ifndef OBJECTS
#define OBJECTS 70
#endif
constexpr int Objects = OBJECTS;

void work(int index) {
  self = index;
  {
    std::lock_guard<std::mutex> hold(lock);
    ++order;
  }
  touchAll(std::make_integer_sequence<int, Objects>());
}

int main() {
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  assert(ended[0] == Objects && ended[1] == Objects);
}
