// The lock around the counter of cross_tu_counter_locked.c: taken in one
// helper and released in another, each leaving the effect to its caller.
#include "counter.h"
#include <pthread.h>

static pthread_mutex_t counter_mutex = PTHREAD_MUTEX_INITIALIZER;

void counter_lock(void) { pthread_mutex_lock(&counter_mutex); }

void counter_unlock(void) { pthread_mutex_unlock(&counter_mutex); }
