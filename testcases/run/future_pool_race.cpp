// tangle run of a C++ thread pool whose tasks hand their results back
// through std::future (libstdc++ blocks future::get in a raw futex). Main
// counts the calls in `calls` while the task it just queued counts them
// too: a data race beside the future. After the run, tangle replays the
// recorded order under control to check its races; record mode now
// records the futex waits and wakes, so the replay follows main's wait in
// get() and the worker's wake that ends it, and reports the race. Before,
// the replay stopped at the first get() ("races not checked (the replay of
// the recorded order stopped: ... it is at its futex-resume ...)") and the
// run said it did not watch futexes. The twin counts after get(), which
// the future orders after the task: the replay checks it and finds no
// race.
//
// RUN: %tangle run %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle run %s -- -DFIXED > %t.fixed.txt 2>&1
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.txt
//
// The task's ++calls (line 63) and main's (line 73), in either order.
// CHECK: error: data race on calls: {{.*}}future_pool_race.cpp:{{63|73}} holding no lock, while {{.*}}future_pool_race.cpp:{{63|73}} holding no lock, and nothing orders the two [race.data]
// CHECK-NOT: races not checked
// CHECK: ; 1 race in the replay of the recorded order
// CHECK-NOT: did not watch
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// FIXED-NOT: race.data
// FIXED: ; 0 races in the replay of the recorded order
// FIXED-NOT: did not watch
// FIXED: tangle: no hang in this run: the program exited with status 0
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>

std::mutex m;
std::condition_variable ready;
std::queue<std::function<void()>> tasks;
bool stopping;
int calls; // counted by each task and by main

void worker() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(m);
      ready.wait(lock, [] { return stopping || !tasks.empty(); });
      if (tasks.empty())
        return;
      task = std::move(tasks.front());
      tasks.pop();
    }
    task();
  }
}

int main() {
  std::thread first(worker), second(worker);
  for (int round = 0; round < 3; ++round) {
    auto job = std::make_shared<std::packaged_task<int()>>([] {
      ++calls;
      return 6 * 7;
    });
    std::future<int> answer = job->get_future();
    {
      std::lock_guard<std::mutex> lock(m);
      tasks.push([job] { (*job)(); });
    }
    ready.notify_one();
#ifndef FIXED
    ++calls; // races with the task's ++calls
#endif
    int value = answer.get();
#ifdef FIXED
    ++calls; // after get(): the future orders it after the task
#endif
    if (value != 42)
      return 1;
  }
  {
    std::lock_guard<std::mutex> lock(m);
    stopping = true;
  }
  ready.notify_all();
  first.join();
  second.join();
  return calls == 6 ? 0 : 1;
}
