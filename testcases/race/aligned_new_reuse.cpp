// C++17 aligned new: `new Slot` of an alignas(64) type calls
// operator new(size_t, std::align_val_t), which libstdc++ serves with
// aligned_alloc. A block deleted and handed out again that way is a new
// object, not a use of freed memory, and the race on it is named through
// the pointer: main and the worker both write `slot->value` without a lock.
// The count of findings is one: the race, no use after free.
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=error:
// CHECK: error: data race on slot->value: {{.*}}[race.data]
// CHECK: tangle: bugs: 1 finding in
#include <pthread.h>

struct alignas(64) Slot {
  long value = 0;
};

static void *worker(void *arg) {
  static_cast<Slot *>(arg)->value = 2;
  return nullptr;
}

int main() {
  delete new Slot;
  Slot *slot = new Slot;
  pthread_t t;
  pthread_create(&t, nullptr, worker, slot);
  slot->value = 1;
  pthread_join(t, nullptr);
  delete slot;
  return 0;
}
