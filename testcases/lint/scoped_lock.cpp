// Clean: std::scoped_lock takes both mutexes at once with deadlock
// avoidance, so opposite argument orders are not an inversion; lock_guard
// scopes release at the closing brace. Without -std, C++ is parsed as
// C++17 (as `tangle check` does), so std::scoped_lock parses.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint %s > %t.default.txt; test $? -eq 0
// RUN: test ! -s %t.default.txt
// RUN: %tangle-lint --format=json %s > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// JSON: "findings": []
// JSON: "verdict": "clean"
#include <mutex>
#include <thread>

std::mutex from_lock, to_lock;
int from_balance = 100, to_balance;

void transfer() {
  std::scoped_lock both(from_lock, to_lock);
  from_balance -= 10;
  to_balance += 10;
}

void refund() {
  std::scoped_lock both(to_lock, from_lock);
  to_balance -= 10;
  from_balance += 10;
}

void audit() {
  std::lock_guard<std::mutex> f(from_lock);
  {
    std::lock_guard<std::mutex> t(to_lock);
    (void)to_balance;
  }
  (void)from_balance;
}

int main() {
  std::thread a(transfer), b(refund), c(audit);
  a.join();
  b.join();
  c.join();
}
