// The second program of cross_tu_two_programs.c: it too runs one
// add_tally thread, in its own process.
#include "tally.h"
#include <pthread.h>

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, add_tally, NULL);
  pthread_join(t, NULL);
  return tally == 1 ? 0 : 1;
}
