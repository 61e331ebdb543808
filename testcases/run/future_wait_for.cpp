// A futex wait with a timeout is not a stall: main waits for a value with
// future::wait_for (libstdc++: a FUTEX_WAIT_BITSET with a deadline) that
// nobody sets, and gives up after 2.5 s, well past --hang-after. Every live
// thread waits and nothing moves for longer than --hang-after, but the
// wait ends by itself, so the watchdog claims nothing (as tangle attach:
// a timed futex wait is not blocked for good, docs/attach.md); the run
// ends normally, with the timed-out wait in the trace.
//
// RUN: %tangle run %s --hang-after 0.5 --trace %t.trace > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.dump
//
// CHECK-NOT: deadlock.stall
// CHECK-NOT: did not watch
// CHECK: tangle: no hang in this run: the program exited with status 0
//
// DUMP: futex-wait 0x{{[0-9a-f]+}} -> 0
// DUMP-NEXT: futex-resume 0x{{[0-9a-f]+}} -> 110
#include <chrono>
#include <future>

int main() {
  std::promise<int> answer;
  std::future<int> result = answer.get_future();
  if (result.wait_for(std::chrono::milliseconds(2500)) !=
      std::future_status::timeout)
    return 1;
  answer.set_value(1);
  return result.get() == 1 ? 0 : 1;
}
