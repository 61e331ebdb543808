// Clean twin of three_lock_cycle.c: the third thread takes A before C, so
// every thread follows the order A, B, C and no cycle can form. A fourth
// thread takes C then A only after the third is joined.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;

static void *ab(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

static void *bc(void *arg) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&C);
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  return NULL;
}

static void *ac(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&C);
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&A);
  return NULL;
}

static void *ca(void *arg) {
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&C);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], NULL, ab, NULL);
  pthread_create(&t[1], NULL, bc, NULL);
  pthread_create(&t[2], NULL, ac, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  pthread_t last;
  pthread_create(&last, NULL, ca, NULL);
  pthread_join(last, NULL);
  return 0;
}
