// Clean: each account has its own mutex member; locking `from.m` and then
// `to.m` takes two different locks, not one twice.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <mutex>
#include <thread>

struct Account {
  std::mutex m;
  int balance = 100;
  void deposit(int amount) {
    std::lock_guard<std::mutex> g(m);
    balance += amount;
  }
};

Account alice, bob;
std::mutex bank; // orders every transfer: no inversion between from/to

void transfer(Account &from, Account &to, int amount) {
  std::lock_guard<std::mutex> order(bank);
  std::lock_guard<std::mutex> a(from.m);
  std::lock_guard<std::mutex> b(to.m);
  from.balance -= amount;
  to.balance += amount;
}

int main() {
  std::thread t1(transfer, std::ref(alice), std::ref(bob), 10);
  std::thread t2(transfer, std::ref(bob), std::ref(alice), 20);
  t1.join();
  t2.join();
  alice.deposit(1);
}
