// std::condition_variable::wait_for with a predicate nobody makes true:
// libstdc++ loops `while (!pred()) if (wait_until(..) == timeout) return
// pred();`, and wait_until says timeout only when steady_clock::now() is
// past the deadline after pthread_cond_clockwait returned. A timeout the
// explorer chose without moving the clock would be no timeout for the
// program: it would wait again and again. On tangle's virtual clock a timed
// wait that times out leaves the thread's clock at its deadline, so
// wait_for returns false and the program ends: clean, the assertion holds.
// The same for wait_until on system_clock (pthread_cond_timedwait) and
// std::this_thread::sleep_until.
//
// RUN: %clangxx -g -O0 -pthread -std=c++17 %s -o %t.bin
// RUN: %tangle check --format json -- %t.bin > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-NOT: "id":
// CHECK: "verdict":{{ ?}}"clean"
// CHECK-NOT: "id":
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

static std::mutex m;
static std::condition_variable cv;
static bool ready = false; // never set

int main() {
  std::thread helper([] { std::lock_guard<std::mutex> lock(m); });
  {
    std::unique_lock<std::mutex> lock(m);
    bool woken = cv.wait_for(lock, 100ms, [] { return ready; });
    assert(!woken && "nobody sets ready");
    auto deadline = std::chrono::system_clock::now() + 50ms;
    bool untilWoken = cv.wait_until(lock, deadline, [] { return ready; });
    assert(!untilWoken && std::chrono::system_clock::now() >= deadline);
  }
  auto wake = std::chrono::steady_clock::now() + 2s;
  std::this_thread::sleep_until(wake);
  assert(std::chrono::steady_clock::now() >= wake);
  helper.join();
  return 0;
}
