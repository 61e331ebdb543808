// A thread pool's queue, written the careful way: every lock call's result
// is checked, and a failed lock returns an error at once. On that path
// nothing is held (pthread_mutex_lock returns an error number and takes
// nothing, sem_wait returns -1), so the early returns are not missing an
// unlock; the helper that returns 0 holding the lock is unlocked by its
// caller only where it succeeded, and the helper whose failure path calls
// an exiting fail() leaves the lock to its caller. Clean. Twin:
// checked_lock_forgot.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

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

// The result kept and tested in one expression, as Stevens' rwlock does.
static int drain(void) {
  int err;
  if ((err = pthread_mutex_lock(&queue_lock)) != 0)
    return err;
  queued = 0;
  pthread_mutex_unlock(&queue_lock);
  return 0;
}

// pigz's yarn.c: a failed lock ends the program in a helper that is not
// declared noreturn; the caller unlocks what take_queue took.
static void fail(int err) { exit(err); }

static void take_queue(void) {
  int ret = pthread_mutex_lock(&queue_lock);
  if (ret)
    fail(ret);
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
  drain();
  take_queue();
  queued++;
  pthread_mutex_unlock(&queue_lock);
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
