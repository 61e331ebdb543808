// Clean twin of ab_ba.c: a gate lock held around both orders means only one
// thread is ever between its two acquisitions.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *forward(void *arg) {
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  shared++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&gate);
  return NULL;
}

static void *backward(void *arg) {
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  shared++;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&gate);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, forward, NULL);
  pthread_create(&t2, NULL, backward, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
