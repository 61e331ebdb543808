// A member function as the thread: std::thread(&Worker::run, &w, &k, &i)
// passes the object first, so &k is run's `unused` and &i its `id`. main
// changes i before the join while run reads *id: flagged. The twin changes
// k instead, which run never reads: no warning.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: %tangle-lint %s -- -DCHANGE_UNREAD > %t.unread.txt; test $? -eq 0
// RUN: test ! -s %t.unread.txt
#include <cstdio>
#include <thread>

struct Worker {
  int base = 0;
  void run(int *unused, const int *id) {
    (void)unused;
    std::printf("%d\n", base + *id);
  }
};

int main() {
  Worker w;
  int i = 1, k = 0;
  // CHECK: thread_arg_member.cpp:[[@LINE+1]]:39: warning: thread 'run' is given the address of 'i', which main thread changes before joining it while the thread reads it through its parameter
  std::thread t(&Worker::run, &w, &k, &i);
#ifdef CHANGE_UNREAD
  k = 2;
#else
  // CHECK: thread_arg_member.cpp:[[@LINE+1]]:3: note: 'i' is changed here in main thread
  i = 2;
#endif
  t.join();
  return 0;
}
