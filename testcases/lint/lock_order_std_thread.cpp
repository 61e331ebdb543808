// AB/BA with std::mutex member functions as thread entries (a member function
// pointer and a plain function): flagged like the pthread version.
//
// RUN: %tangle-lint %s -- -std=c++17 > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <mutex>
#include <thread>

std::mutex a, b;

struct Worker {
  void run() {
    a.lock();
    // CHECK: :[[@LINE+1]]:5: warning: lock-order inversion: thread 'run' locks 'b' while holding 'a', and thread 'other' locks them in the opposite order
    b.lock();
    b.unlock();
    a.unlock();
  }
};

void other() {
  std::unique_lock<std::mutex> hold_b(b);
  std::lock_guard<std::mutex> hold_a(a);
}

int main() {
  Worker w;
  std::thread t1(&Worker::run, &w);
  std::thread t2(other);
  t1.join();
  t2.join();
}
