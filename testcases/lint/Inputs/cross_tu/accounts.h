// Shared by cross_tu_ab_ba.c and cross_tu_ab_ab.c: two locks defined in
// transfer_ab.c, thread functions in transfer_ab.c and transfer_ba.c.
#include <pthread.h>

extern pthread_mutex_t lock_a, lock_b;
extern long balance_a, balance_b;

void *transfer_ab(void *arg);
void *transfer_ba(void *arg);
void *transfer_ab_too(void *arg);
