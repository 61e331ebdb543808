// Shared by cross_tu_counter*.c: a counter defined in the test file, thread
// functions in counter_worker.c, the lock around it in counter_lock.c.
extern long counter;

void *count_unlocked(void *arg);
void *count_locked(void *arg);

void counter_lock(void);
void counter_unlock(void);
