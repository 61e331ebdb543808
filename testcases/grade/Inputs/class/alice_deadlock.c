// A submission with a deadlock: two threads take the two locks in opposite
// orders (tangle grade's testcases).
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

void *forward(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return NULL;
}

void *backward(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, forward, NULL);
  pthread_create(&y, NULL, backward, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
