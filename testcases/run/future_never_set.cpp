// tangle run records futex waits: the worker forgets to set the promise,
// and main waits in future::get (libstdc++ blocks it in a raw futex) for a
// value nobody will ever give. Before record mode recorded futexes the
// watchdog could not tell main waited for anything (it sleeps in a system
// call no interceptor saw): the run only ended when interrupted, with
// "did not watch futexes". Now main's futex wait is in its live wait-for
// state, so once nothing moved for --hang-after the watchdog reports
// deadlock.stall at the get() line, named as check names it. The twin sets
// the value on every path: the run ends, nothing unwatched.
//
// RUN: %tangle run %s --hang-after 0.5 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle run %s --hang-after 0.5 --format json -- -DFIXED > %t.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.json
//
// CHECK: future_never_set.cpp:[[@LINE+25]]:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread waits to get the value of a std::future in main at line [[@LINE+25]]; no thread will set it{{.*}}[deadlock.stall]
// CHECK: future_never_set.cpp:[[@LINE+24]]:{{[0-9]+}}: note: main thread waits here to get the value of a std::future
// CHECK: main thread  blocked: futex wake-up
// CHECK-NOT: did not watch
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// FIXED-DAG: "verdict":{{ ?}}"no-hang"
// FIXED-DAG: "findings":{{ ?}}[]
// FIXED-DAG: "unwatched":{{ ?}}[]
#include <future>
#include <thread>

int compute(int x, std::promise<int> &out) {
#ifndef FIXED
  if (x < 0)
    return -1; // forgets out.set_value on this path
#endif
  out.set_value(x * 2);
  return 0;
}

int main() {
  std::promise<int> answer;
  std::future<int> result = answer.get_future();
  std::thread worker([&] { compute(-5, answer); });
  int value = result.get();
  worker.join();
  return value == -10 ? 0 : 1;
}
