// The second source file of program/multi_file.c: accounts and a
// transfer that locks the source account, then the destination.
#include <pthread.h>

#ifdef BROKEN // program/multi_file.c: a second file that does not compile
struct account missing_semicolon
#endif

struct account {
  pthread_mutex_t lock;
  long balance;
};

struct account savings = {PTHREAD_MUTEX_INITIALIZER, 100};
struct account checking = {PTHREAD_MUTEX_INITIALIZER, 100};

void transfer(struct account *from, struct account *to, long amount) {
  pthread_mutex_lock(&from->lock);
  pthread_mutex_lock(&to->lock);
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->lock);
  pthread_mutex_unlock(&from->lock);
}
