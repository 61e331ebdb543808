// AB/BA with std::thread and std::mutex (C++). Same bug as ab_ba.c: the two
// threads lock the mutexes in opposite orders.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// REPLAY: "id":{{ ?}}"deadlock.cycle"
// TEXT-DAG: error: {{.*}}[deadlock.cycle]
#include <mutex>
#include <thread>

std::mutex a, b;
int shared;

void left() {
  a.lock();
  // TEXT-DAG: {{.*}}ab_ba_std_thread.cpp:[[@LINE+1]]:{{[0-9]+}}
  b.lock(); // waits for b while holding a
  shared++;
  b.unlock();
  a.unlock();
}

void right() {
  b.lock();
  // TEXT-DAG: {{.*}}ab_ba_std_thread.cpp:[[@LINE+1]]:{{[0-9]+}}
  a.lock(); // waits for a while holding b
  shared--;
  a.unlock();
  b.unlock();
}

int main() {
  std::thread t1(left), t2(right);
  t1.join();
  t2.join();
}
