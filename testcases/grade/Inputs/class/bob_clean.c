// A clean submission: both threads take the two locks in one order.
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int total;

void *add(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  total++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, add, NULL);
  pthread_create(&y, NULL, add, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return total == 2 ? 0 : 1;
}
