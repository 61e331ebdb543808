// A submission that does not compile: a row "error", not the end of grading.
#include <pthread.h>

int main(void) {
  pthread_t t
  return 0;
}
