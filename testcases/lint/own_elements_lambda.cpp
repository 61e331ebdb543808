// std::thread with the id as an argument or captured by copy: each thread
// writes its own element. A lambda that captures the loop variable by
// reference may see another iteration's value: that write is reported.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <thread>
#include <vector>

static int byArg[4], byCopy[4], byRef[4];

static void fill(int id) { byArg[id] = id; }

int main() {
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; i++)
    pool.emplace_back(fill, i);
  for (int i = 0; i < 4; i++)
    pool.emplace_back([i] { byCopy[i] = i; });
  for (int i = 0; i < 4; i++)
    // CHECK: :[[@LINE+1]]:30: warning: 'byRef' is written in thread running the lambda at line [[@LINE+1]] and written in another instance of thread running the lambda at line [[@LINE+1]] with no lock held by both: a data race [tangle-shared-global-unlocked]
    pool.emplace_back([&i] { byRef[i] = i; });
  for (auto &t : pool)
    t.join();
  return 0;
}
