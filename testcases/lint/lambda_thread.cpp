// Lambdas passed to std::thread are thread entries like any function: the
// unlocked increment races, the one under a lock_guard does not.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <mutex>
#include <thread>
#include <vector>

int hits;
int guarded_hits;
std::mutex hits_lock;

int main() {
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; i++)
    // CHECK: :[[@LINE+2]]:30: warning: 'hits' is written in thread running the lambda at line [[#@LINE+2]] and written in another instance of thread running the lambda at line [[#@LINE+2]] with no lock held by both: a data race [tangle-shared-global-unlocked]
    // CHECK-NEXT: :[[@LINE+1]]:5: note: thread running the lambda at line [[#@LINE+1]] is started here, more than once
    pool.emplace_back([] { ++hits; });
  for (auto &t : pool)
    t.join();

  std::thread a([] {
    std::lock_guard<std::mutex> g(hits_lock);
    ++guarded_hits;
  });
  std::thread b([] {
    std::unique_lock<std::mutex> g(hits_lock);
    ++guarded_hits;
  });
  a.join();
  b.join();
  return hits + guarded_hits;
}
