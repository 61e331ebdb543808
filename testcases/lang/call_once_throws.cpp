// std::call_once whose routine throws the first time: that call is an
// "exceptional execution", the flag stays not done, and the next call runs
// the routine again (here main's retry after both threads tried). Correct:
// clean. tangle used to leave the once running for ever once the
// exception had passed: the other thread waited for a routine nobody ran
// any more, a false deadlock.stall.
// -DNESTED throws from a call_once inside another call_once's routine, and
// the outer routine catches it and returns: the outer flag is done, the
// inner one is not, and main's retry runs the inner routine again.
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s -- -DNESTED > %t.nested 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.nested
// CHECK-NOT: deadlock.stall
// CHECK: tangle: clean: {{.*}}every interleaving explored
#include <mutex>
#include <stdexcept>
#include <thread>

std::once_flag flag;
int attempts;

void init() {
  if (++attempts == 1)
    throw std::runtime_error("the first attempt fails");
}

#ifdef NESTED
std::once_flag outer;
void outerInit() {
  try {
    std::call_once(flag, init);
  } catch (const std::exception &) {
  }
}
#endif

void use() {
  try {
#ifdef NESTED
    std::call_once(outer, outerInit);
#else
    std::call_once(flag, init);
#endif
  } catch (const std::exception &) {
  }
}

int main() {
  std::thread t(use);
  use();
  t.join();
  std::call_once(flag, init);
  return attempts == 2 ? 0 : 1;
}
