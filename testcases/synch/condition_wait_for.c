// A Condition sharing a Lock: the worker waits with wait_for() until the
// stock is positive, main adds to the stock under the same Lock and
// notifies. Whether the worker waits before or after the notify, it takes
// the item. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <tangle/sync.h>

tangle_lock_t stock_lock = TANGLE_LOCK_INITIALIZER;
tangle_condition_t restocked;
int stock;

int in_stock(void *arg) { return stock > 0; }

void *worker(void *arg) {
  tangle_condition_acquire(&restocked);
  tangle_condition_wait_for(&restocked, in_stock, NULL);
  stock--;
  tangle_condition_release(&restocked);
  return NULL;
}

int main(void) {
  pthread_t t;
  tangle_condition_init(&restocked, &stock_lock);
  pthread_create(&t, NULL, worker, NULL);
  tangle_lock_acquire(&stock_lock); // the condition's lock
  stock++;
  tangle_condition_notify(&restocked);
  tangle_lock_release(&stock_lock);
  pthread_join(t, NULL);
  assert(stock == 0);
  tangle_condition_destroy(&restocked);
  return 0;
}
