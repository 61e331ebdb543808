// Producer/consumer with std::mutex, std::unique_lock and
// std::condition_variable, ending with a sentinel: clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

std::mutex m;
std::condition_variable not_empty, not_full;
std::deque<int> queue;
const size_t capacity = 1;

void put(int v) {
  std::unique_lock<std::mutex> lock(m);
  not_full.wait(lock, [] { return queue.size() < capacity; });
  queue.push_back(v);
  not_empty.notify_one();
}

int get() {
  std::unique_lock<std::mutex> lock(m);
  not_empty.wait(lock, [] { return !queue.empty(); });
  int v = queue.front();
  queue.pop_front();
  not_full.notify_one();
  return v;
}

int main() {
  std::thread producer([] {
    put(1);
    put(2);
    put(-1);
  });
  std::thread consumer([] {
    while (get() != -1) {
    }
  });
  producer.join();
  consumer.join();
}
