// Sells one ticket: reads the count and writes it back through
// ticket_store.c, under a mutex only when compiled with -DSELL_LOCKED (a
// flag that compile_commands.json gives this file alone).
#include "tickets.h"
#include <pthread.h>

#ifdef SELL_LOCKED
static pthread_mutex_t sell_mutex = PTHREAD_MUTEX_INITIALIZER;
#endif

void *sell(void *arg) {
#ifdef SELL_LOCKED
  pthread_mutex_lock(&sell_mutex);
#endif
  int left = read_count();
  // TICKETS: ticket_sell.c:[[@LINE+1]]:3: note: in thread 'sell', through this call
  write_count(left - 1);
#ifdef SELL_LOCKED
  pthread_mutex_unlock(&sell_mutex);
#endif
  return arg;
}
