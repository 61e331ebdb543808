// std::async runs its function concurrently with the caller until get():
// the caller's write before get() races, the read after it does not.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <future>

long total;

long add_up() {
  for (int i = 0; i < 1000; i++)
    // CHECK: :[[@LINE+1]]:5: warning: 'total' is written in thread 'add_up' and written in main thread with no lock held by both: a data race [tangle-shared-global-unlocked]
    total += i;
  return total;
}

int main() {
  auto result = std::async(std::launch::async, add_up);
  // CHECK: :[[@LINE+1]]:3: note: written here in main thread
  total = -1;
  long sum = result.get();
  return sum == total ? 0 : 1;
}
