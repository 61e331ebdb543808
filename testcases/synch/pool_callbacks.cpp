// The C++ pool, as the course's ThreadPoolExecutor:
// pool.submit(fn, arg).add_done_callback(callback), the callback taking the
// future and calling result(). A task's exception reaches result(). Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <cassert>
#include <stdexcept>
#include <tangle/sync.h>

int seen; // written by the callback in the worker, read after shutdown

int main() {
  tangle::ThreadPool pool(1);
  auto twice = pool.submit([](int n) { return 2 * n; }, 21);
  twice.add_done_callback([](tangle::Future<int> &f) { seen = f.result(); });
  auto fails = pool.submit([] { throw std::runtime_error("task failed"); });
  bool caught = false;
  try {
    fails.result();
  } catch (const std::runtime_error &) {
    caught = true;
  }
  assert(caught);
  assert(twice.result() == 42);
  pool.shutdown();
  assert(seen == 42);
  return 0;
}
