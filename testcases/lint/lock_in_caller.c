// Clean: a helper takes the lock and leaves it to its caller, another helper
// releases it; each path of each thread releases what it took.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

static pthread_mutex_t account_lock = PTHREAD_MUTEX_INITIALIZER;
static int balance;

static void begin_update(void) { pthread_mutex_lock(&account_lock); }
static void end_update(void) { pthread_mutex_unlock(&account_lock); }

static void *deposit(void *arg) {
  begin_update();
  balance += 10;
  end_update();
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, deposit, NULL);
  pthread_create(&b, NULL, deposit, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
