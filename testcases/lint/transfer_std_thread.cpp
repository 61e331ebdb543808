// std::thread started on transfer() itself with the accounts as arguments:
// the first thread passes (a, b), the second (b, a). The guards lock
// `from.m` then `to.m`, which are a.m and b.m in opposite orders. A third
// thread passes (a, b) again: the same order, nothing to add.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <functional>
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  long balance = 100;
};

static void transfer(Account &from, Account &to, long amount) {
  std::lock_guard<std::mutex> first(from.m);
  // CHECK: :[[@LINE+1]]:31: warning: lock-order inversion: thread 'transfer' #1 locks 'b.m' while holding 'a.m', and thread 'transfer' #2 locks them in the opposite order; the two can deadlock [tangle-lock-order-inversion]
  std::lock_guard<std::mutex> second(to.m);
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  Account a, b;
  std::thread t1(transfer, std::ref(a), std::ref(b), 10);
  std::thread t2(transfer, std::ref(b), std::ref(a), 20);
  std::thread t3(transfer, std::ref(a), std::ref(b), 30);
  t1.join();
  t2.join();
  t3.join();
}
