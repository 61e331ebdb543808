// race.c with std::thread: each worker gets &i, and the loop's next ++i
// changes it while the worker reads it. std::thread copies the pointer, not
// the int. The twin joins each worker before the next iteration: no warning.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: FileCheck %s --check-prefix=NOTE --input-file %t.txt
// RUN: %tangle-lint %s -- -DJOIN_EACH > %t.join.txt; test $? -eq 0
// RUN: test ! -s %t.join.txt
#include <cstdio>
#include <thread>
#include <vector>

static void worker(const int *id);

int main() {
  std::vector<std::thread> workers;
  // NOTE: thread_arg_std_thread.cpp:[[@LINE+1]]:26: note: 'i' is changed here in main thread by the next iteration of the loop
  for (int i = 0; i < 4; ++i) {
    // CHECK: thread_arg_std_thread.cpp:[[@LINE+1]]:34: warning: thread 'worker' is given the address of 'i', which main thread changes before joining it while the thread reads it through its parameter: a data race, and the thread can see the changed value; pass the value instead, 'i' rather than '&i', with a parameter that takes it by value [tangle-thread-arg-changed]
    workers.emplace_back(worker, &i);
#ifdef JOIN_EACH
    workers.back().join();
#endif
  }
#ifndef JOIN_EACH
  for (std::thread &w : workers)
    w.join();
#endif
  return 0;
}

static void worker(const int *id) {
  // NOTE: thread_arg_std_thread.cpp:[[@LINE+1]]:30: note: read here in thread 'worker', through the pointer it was given
  std::printf("worker %d\n", *id);
}
