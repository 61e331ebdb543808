// A thread pool's queue, written the careful way: every lock call's result
// is checked, and a failed lock returns an error at once. On that path
// nothing is held (pthread_mutex_lock returns an error number and takes
// nothing, sem_wait returns -1), so the early returns are not missing an
// unlock; the helper that returns 0 holding the lock is unlocked by its
// caller only where it succeeded. Clean. Twin: checked_lock_forgot.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <semaphore.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t slots;
static int queued;

static int add_task(void) {
  if (pthread_mutex_lock(&queue_lock) != 0)
    return -1;
  queued++;
  pthread_mutex_unlock(&queue_lock);
  return 0;
}

static int take_slot(void) {
  if (sem_wait(&slots))
    return -1;
  int err = pthread_mutex_lock(&queue_lock);
  if (err)
    return err;
  queued--;
  pthread_mutex_unlock(&queue_lock);
  return 0;
}

// Returns 0 holding queue_lock, or the error with nothing held.
static int lock_queue(void) {
  if (pthread_mutex_lock(&queue_lock) != 0)
    return -1;
  return 0;
}

static void *worker(void *arg) {
  add_task();
  take_slot();
  if (lock_queue() == 0) {
    queued = 0;
    pthread_mutex_unlock(&queue_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  sem_init(&slots, 0, 2);
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
