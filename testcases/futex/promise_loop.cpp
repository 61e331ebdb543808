// One std::promise after another, each set by a worker: correct, clean.
// Each promise's shared state holds a std::once_flag (set_value runs
// through std::call_once, that is pthread_once), and the heap gives the
// next state the memory of the one before. tangle took the new once for
// the old, done one: set_value skipped its routine, libstdc++ threw
// "promise already satisfied" and tangle reported a false abort.
// -DTWICE makes two workers set one promise: a real "promise already
// satisfied" (the second set_value throws), which must still be reported.
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s -- -DTWICE > %t.twice 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TWICE --input-file %t.twice
// CHECK-NOT: program.assert
// CHECK: tangle: clean: {{.*}}every interleaving explored
// TWICE: abort() called in thread {{.*}}[program.assert]
// TWICE: tangle: bugs:
#include <future>
#include <thread>

int main() {
  for (int i = 0; i < 3; ++i) {
    std::promise<int> promise;
    std::future<int> result = promise.get_future();
    std::thread worker([&promise, i] { promise.set_value(i); });
#ifdef TWICE
    std::thread second([&promise, i] { promise.set_value(i); });
    second.join();
#endif
    if (result.get() != i)
      return 1;
    worker.join();
  }
  return 0;
}
