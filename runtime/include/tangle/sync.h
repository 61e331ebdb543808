/* tangle/sync.h: the course's synchronisation primitives (Lock, RLock,
 * Semaphore, BoundedSemaphore, Event, Condition, FIFO/LIFO/priority Queue, a
 * thread pool with done-callbacks) for C11 and C++17 programs; docs/sync-h.md.
 *
 * Everything is built from pthread mutexes, condition variables and threads,
 * which `tangle check` models exactly, so a program using this header is
 * explored with no extra support. Field names are what reports show (a
 * queue `q` waits on `q.not_empty`), so they follow Python's queue module.
 * Header-only: static inline functions in C, classes in namespace tangle in
 * C++. Misuse that Python reports with an exception (a BoundedSemaphore
 * released too often, task_done() called too many times) aborts through
 * tangle_misuse(), which tangle reports with its own finding id. */
#ifndef TANGLE_SYNC_H
#define TANGLE_SYNC_H

/* Strict -std=c11 hides POSIX: ask for it (effective when this header comes
 * before the system headers). */
#if !defined(__cplusplus) && !defined(_POSIX_C_SOURCE) &&                      \
    !defined(_XOPEN_SOURCE) && !defined(_GNU_SOURCE) &&                        \
    !defined(_DEFAULT_SOURCE)
#define _XOPEN_SOURCE 700
#endif

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__GLIBC__) && !defined(__USE_XOPEN2K8)
#error "tangle/sync.h needs POSIX: include it first, or use -std=gnu11"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Results of the queue operations that may fail (_nowait, _timeout). */
enum { TANGLE_OK = 0, TANGLE_EMPTY = 1, TANGLE_FULL = 2 };

#if defined(__GNUC__) || defined(__clang__)
#define TANGLE_SYNC_MUST_CHECK __attribute__((warn_unused_result))
#else
#define TANGLE_SYNC_MUST_CHECK
#endif

/* Defined by tangle's runtime: records the misuse as finding `id` and aborts.
 * Weak, so that a program built without tangle still links; it then prints
 * the message and aborts by itself. */
void tangle_misuse(const char *id, const char *message)
    __attribute__((weak, noreturn));

/* Race-check annotations. The calling thread's memory accesses between
 * tangle_ignore_begin() and tangle_ignore_end() (they nest) are left out of
 * the data-race check: for a race the program accepts, such as an
 * approximate statistics counter. They change nothing else: the region's
 * locks and atomics are explored as ever. They are ThreadSanitizer's own
 * entry points, so a build with clang -fsanitize=thread honours them too;
 * weak, so that a program built without either still links. */
void __tsan_ignore_thread_begin(void) __attribute__((weak));
void __tsan_ignore_thread_end(void) __attribute__((weak));

static inline void tangle_ignore_begin(void) {
  if (__tsan_ignore_thread_begin)
    __tsan_ignore_thread_begin();
}

static inline void tangle_ignore_end(void) {
  if (__tsan_ignore_thread_end)
    __tsan_ignore_thread_end();
}

/* Misuse ids, declared in tangle's model/detect/finding_ids.def. */
#define TANGLE_MISUSE_BOUNDED_SEMAPHORE "sync.bounded-semaphore-overrelease"
#define TANGLE_MISUSE_TASK_DONE "sync.queue-task-done-too-often"
#define TANGLE_MISUSE_POOL_SHUT_DOWN "sync.pool-submit-after-shutdown"

static inline void tangle_sync_misuse_(const char *id, const char *message) {
  if (tangle_misuse)
    tangle_misuse(id, message);
  fprintf(stderr, "%s [%s]\n", message, id);
  abort();
}

/* The absolute CLOCK_REALTIME time `seconds` from now, for timed waits. */
static inline struct timespec tangle_sync_deadline_(double seconds) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (seconds < 0)
    seconds = 0;
  time_t whole = (time_t)seconds;
  ts.tv_sec += whole;
  ts.tv_nsec += (long)((seconds - (double)whole) * 1e9);
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec += 1;
    ts.tv_nsec -= 1000000000L;
  }
  return ts;
}

/* Waits on `cond` once: forever without a deadline. Returns ETIMEDOUT when
 * the deadline passed. */
static inline int tangle_sync_wait_(pthread_cond_t *cond, pthread_mutex_t *m,
                                    const struct timespec *deadline) {
  if (deadline)
    return pthread_cond_timedwait(cond, m, deadline);
  return pthread_cond_wait(cond, m);
}

/* ---- Lock: a mutex; a second acquire by its holder waits forever. ---- */

typedef struct tangle_lock {
  pthread_mutex_t mutex;
} tangle_lock_t;

#define TANGLE_LOCK_INITIALIZER                                                \
  { PTHREAD_MUTEX_INITIALIZER }

static inline void tangle_lock_init(tangle_lock_t *l) {
  pthread_mutex_init(&l->mutex, NULL);
}
static inline void tangle_lock_destroy(tangle_lock_t *l) {
  pthread_mutex_destroy(&l->mutex);
}
static inline void tangle_lock_acquire(tangle_lock_t *l) {
  pthread_mutex_lock(&l->mutex);
}
/* 1 when acquired, 0 when another thread holds it. */
static inline int tangle_lock_try_acquire(tangle_lock_t *l) {
  return pthread_mutex_trylock(&l->mutex) == 0;
}
static inline int tangle_lock_acquire_timeout(tangle_lock_t *l,
                                              double seconds) {
  struct timespec deadline = tangle_sync_deadline_(seconds);
  return pthread_mutex_timedlock(&l->mutex, &deadline) == 0;
}
static inline void tangle_lock_release(tangle_lock_t *l) {
  pthread_mutex_unlock(&l->mutex);
}

/* ---- RLock: a recursive mutex; its holder may acquire it again and must
 * release it as often. ---- */

typedef struct tangle_rlock {
  pthread_mutex_t mutex;
} tangle_rlock_t;

#ifdef PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP
#define TANGLE_RLOCK_INITIALIZER                                               \
  { PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP }
#endif

static inline void tangle_rlock_init(tangle_rlock_t *l) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&l->mutex, &attr);
  pthread_mutexattr_destroy(&attr);
}
static inline void tangle_rlock_destroy(tangle_rlock_t *l) {
  pthread_mutex_destroy(&l->mutex);
}
static inline void tangle_rlock_acquire(tangle_rlock_t *l) {
  pthread_mutex_lock(&l->mutex);
}
static inline int tangle_rlock_try_acquire(tangle_rlock_t *l) {
  return pthread_mutex_trylock(&l->mutex) == 0;
}
static inline int tangle_rlock_acquire_timeout(tangle_rlock_t *l,
                                               double seconds) {
  struct timespec deadline = tangle_sync_deadline_(seconds);
  return pthread_mutex_timedlock(&l->mutex, &deadline) == 0;
}
static inline void tangle_rlock_release(tangle_rlock_t *l) {
  pthread_mutex_unlock(&l->mutex);
}

/* ---- Semaphore and BoundedSemaphore: a counter; acquire waits while it is
 * 0. A BoundedSemaphore may not be released above its initial value. ---- */

typedef struct tangle_semaphore {
  pthread_mutex_t mutex;
  pthread_cond_t available; /* signalled when value becomes positive */
  unsigned value;
  unsigned limit; /* the initial value, for a bounded semaphore */
  int bounded;
} tangle_semaphore_t;

static inline void tangle_semaphore_init(tangle_semaphore_t *s,
                                         unsigned value) {
  pthread_mutex_init(&s->mutex, NULL);
  pthread_cond_init(&s->available, NULL);
  s->value = value;
  s->limit = value;
  s->bounded = 0;
}
static inline void tangle_bounded_semaphore_init(tangle_semaphore_t *s,
                                                 unsigned value) {
  tangle_semaphore_init(s, value);
  s->bounded = 1;
}
static inline void tangle_semaphore_destroy(tangle_semaphore_t *s) {
  pthread_cond_destroy(&s->available);
  pthread_mutex_destroy(&s->mutex);
}
/* Takes one unit: waits while the value is 0 (not at all when `block` is 0,
 * until the deadline when there is one). 1 when taken. */
static inline int tangle_semaphore_take_(tangle_semaphore_t *s, int block,
                                         const struct timespec *deadline) {
  int taken = 0;
  pthread_mutex_lock(&s->mutex);
  while (s->value == 0 && block) {
    if (tangle_sync_wait_(&s->available, &s->mutex, deadline) == ETIMEDOUT)
      break;
  }
  if (s->value > 0) {
    s->value--;
    taken = 1;
  }
  pthread_mutex_unlock(&s->mutex);
  return taken;
}
static inline void tangle_semaphore_acquire(tangle_semaphore_t *s) {
  tangle_semaphore_take_(s, 1, NULL);
}
static inline int tangle_semaphore_try_acquire(tangle_semaphore_t *s) {
  return tangle_semaphore_take_(s, 0, NULL);
}
static inline int tangle_semaphore_acquire_timeout(tangle_semaphore_t *s,
                                                   double seconds) {
  struct timespec deadline = tangle_sync_deadline_(seconds);
  return tangle_semaphore_take_(s, 1, &deadline);
}
static inline void tangle_semaphore_release(tangle_semaphore_t *s) {
  pthread_mutex_lock(&s->mutex);
  if (s->bounded && s->value >= s->limit) {
    pthread_mutex_unlock(&s->mutex);
    tangle_sync_misuse_(TANGLE_MISUSE_BOUNDED_SEMAPHORE,
                        "BoundedSemaphore released too many times: its value "
                        "would exceed its initial value");
  }
  s->value++;
  pthread_cond_signal(&s->available);
  pthread_mutex_unlock(&s->mutex);
}

/* ---- Event: a flag threads wait for; set() wakes every waiter. ---- */

typedef struct tangle_event {
  pthread_mutex_t mutex;
  pthread_cond_t flag_set; /* broadcast by set() */
  int flag;
} tangle_event_t;

#define TANGLE_EVENT_INITIALIZER                                               \
  { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 }

static inline void tangle_event_init(tangle_event_t *e) {
  pthread_mutex_init(&e->mutex, NULL);
  pthread_cond_init(&e->flag_set, NULL);
  e->flag = 0;
}
static inline void tangle_event_destroy(tangle_event_t *e) {
  pthread_cond_destroy(&e->flag_set);
  pthread_mutex_destroy(&e->mutex);
}
static inline void tangle_event_set(tangle_event_t *e) {
  pthread_mutex_lock(&e->mutex);
  e->flag = 1;
  pthread_cond_broadcast(&e->flag_set);
  pthread_mutex_unlock(&e->mutex);
}
static inline void tangle_event_clear(tangle_event_t *e) {
  pthread_mutex_lock(&e->mutex);
  e->flag = 0;
  pthread_mutex_unlock(&e->mutex);
}
static inline int tangle_event_is_set(tangle_event_t *e) {
  pthread_mutex_lock(&e->mutex);
  int flag = e->flag;
  pthread_mutex_unlock(&e->mutex);
  return flag;
}
static inline int tangle_event_wait_until_(tangle_event_t *e,
                                           const struct timespec *deadline) {
  pthread_mutex_lock(&e->mutex);
  while (!e->flag) {
    if (tangle_sync_wait_(&e->flag_set, &e->mutex, deadline) == ETIMEDOUT)
      break;
  }
  int flag = e->flag;
  pthread_mutex_unlock(&e->mutex);
  return flag;
}
static inline void tangle_event_wait(tangle_event_t *e) {
  tangle_event_wait_until_(e, NULL);
}
/* The flag when the wait ends: 0 when it timed out. */
static inline int tangle_event_wait_timeout(tangle_event_t *e, double seconds) {
  struct timespec deadline = tangle_sync_deadline_(seconds);
  return tangle_event_wait_until_(e, &deadline);
}

/* ---- Condition: a condition variable with its lock (its own, or a given
 * Lock's). ---- */

typedef struct tangle_condition {
  pthread_mutex_t lock;   /* used when no Lock is given */
  pthread_mutex_t *mutex; /* the lock in use: &lock or the given Lock's */
  pthread_cond_t cond;
} tangle_condition_t;

static inline void tangle_condition_init(tangle_condition_t *c,
                                         tangle_lock_t *lock) {
  pthread_mutex_init(&c->lock, NULL);
  c->mutex = lock ? &lock->mutex : &c->lock;
  pthread_cond_init(&c->cond, NULL);
}
static inline void tangle_condition_destroy(tangle_condition_t *c) {
  pthread_cond_destroy(&c->cond);
  pthread_mutex_destroy(&c->lock);
}
static inline void tangle_condition_acquire(tangle_condition_t *c) {
  pthread_mutex_lock(c->mutex);
}
static inline void tangle_condition_release(tangle_condition_t *c) {
  pthread_mutex_unlock(c->mutex);
}
/* Call with the lock held; it is released while waiting. */
static inline void tangle_condition_wait(tangle_condition_t *c) {
  pthread_cond_wait(&c->cond, c->mutex);
}
/* 0 when it timed out. */
static inline int tangle_condition_wait_timeout(tangle_condition_t *c,
                                                double seconds) {
  struct timespec deadline = tangle_sync_deadline_(seconds);
  return pthread_cond_timedwait(&c->cond, c->mutex, &deadline) != ETIMEDOUT;
}
/* Waits until predicate(arg) is true (with the lock held). */
static inline void tangle_condition_wait_for(tangle_condition_t *c,
                                             int (*predicate)(void *),
                                             void *arg) {
  while (!predicate(arg))
    pthread_cond_wait(&c->cond, c->mutex);
}
static inline void tangle_condition_notify(tangle_condition_t *c) {
  pthread_cond_signal(&c->cond);
}
static inline void tangle_condition_notify_all(tangle_condition_t *c) {
  pthread_cond_broadcast(&c->cond);
}

/* ---- Queue: FIFO, LIFO or priority (smallest first), with a capacity
 * (maxsize 0: unbounded), like Python's queue.Queue, LifoQueue and
 * PriorityQueue. Items are copied in and out (item_size bytes). ---- */

typedef enum tangle_queue_order {
  TANGLE_FIFO,
  TANGLE_LIFO,
  TANGLE_PRIORITY
} tangle_queue_order_t;

typedef struct tangle_queue {
  pthread_mutex_t mutex;
  pthread_cond_t not_empty;      /* signalled by put */
  pthread_cond_t not_full;       /* signalled by get */
  pthread_cond_t all_tasks_done; /* broadcast when unfinished_tasks is 0 */
  size_t maxsize;
  size_t unfinished_tasks;
  size_t count;
  tangle_queue_order_t order;
  int (*compare)(const void *, const void *); /* priority order, as qsort */
  size_t item_size, capacity;
  unsigned char *items; /* count items; the C++ classes keep theirs */
} tangle_queue_t;

/* An int comparison for priority queues of int. */
static inline int tangle_compare_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static inline void
tangle_queue_init_(tangle_queue_t *q, tangle_queue_order_t order,
                   size_t item_size, size_t maxsize,
                   int (*compare)(const void *, const void *)) {
  pthread_mutex_init(&q->mutex, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  pthread_cond_init(&q->not_full, NULL);
  pthread_cond_init(&q->all_tasks_done, NULL);
  q->maxsize = maxsize;
  q->unfinished_tasks = 0;
  q->count = 0;
  q->order = order;
  q->compare = compare;
  q->item_size = item_size;
  q->capacity = 0;
  q->items = NULL;
}
static inline void tangle_queue_init(tangle_queue_t *q, size_t item_size,
                                     size_t maxsize) {
  tangle_queue_init_(q, TANGLE_FIFO, item_size, maxsize, NULL);
}
static inline void tangle_lifo_queue_init(tangle_queue_t *q, size_t item_size,
                                          size_t maxsize) {
  tangle_queue_init_(q, TANGLE_LIFO, item_size, maxsize, NULL);
}
/* `compare` orders items as for qsort; get() returns the smallest. */
static inline void
tangle_priority_queue_init(tangle_queue_t *q, size_t item_size, size_t maxsize,
                           int (*compare)(const void *, const void *)) {
  tangle_queue_init_(q, TANGLE_PRIORITY, item_size, maxsize, compare);
}
static inline void tangle_queue_destroy(tangle_queue_t *q) {
  free(q->items);
  q->items = NULL;
  pthread_cond_destroy(&q->all_tasks_done);
  pthread_cond_destroy(&q->not_full);
  pthread_cond_destroy(&q->not_empty);
  pthread_mutex_destroy(&q->mutex);
}

/* The blocking rules, shared by the C functions and the C++ classes (which
 * store their items themselves). Locks the queue and waits until there is
 * room: TANGLE_OK with the lock held, or TANGLE_FULL, unlocked, when not
 * blocking or past the deadline. */
static inline int tangle_queue_wait_room_(tangle_queue_t *q, int block,
                                          const struct timespec *deadline) {
  pthread_mutex_lock(&q->mutex);
  while (q->maxsize && q->count >= q->maxsize) {
    if (!block ||
        tangle_sync_wait_(&q->not_full, &q->mutex, deadline) == ETIMEDOUT) {
      if (q->count < q->maxsize)
        break;
      pthread_mutex_unlock(&q->mutex);
      return TANGLE_FULL;
    }
  }
  return TANGLE_OK;
}
/* An item was stored: counts it, wakes a getter, unlocks. */
static inline void tangle_queue_added_(tangle_queue_t *q) {
  q->count++;
  q->unfinished_tasks++;
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->mutex);
}
/* Locks the queue and waits for an item: TANGLE_OK with the lock held, or
 * TANGLE_EMPTY, unlocked. */
static inline int tangle_queue_wait_item_(tangle_queue_t *q, int block,
                                          const struct timespec *deadline) {
  pthread_mutex_lock(&q->mutex);
  while (q->count == 0) {
    if (!block ||
        tangle_sync_wait_(&q->not_empty, &q->mutex, deadline) == ETIMEDOUT) {
      if (q->count > 0)
        break;
      pthread_mutex_unlock(&q->mutex);
      return TANGLE_EMPTY;
    }
  }
  return TANGLE_OK;
}
/* An item was taken: wakes a putter, unlocks. */
static inline void tangle_queue_removed_(tangle_queue_t *q) {
  q->count--;
  pthread_cond_signal(&q->not_full);
  pthread_mutex_unlock(&q->mutex);
}

static inline int tangle_queue_store_(tangle_queue_t *q, const void *item) {
  if (q->count == q->capacity) {
    size_t capacity = q->capacity ? 2 * q->capacity : 8;
    unsigned char *items =
        (unsigned char *)realloc(q->items, capacity * q->item_size);
    if (!items)
      return 0;
    q->items = items;
    q->capacity = capacity;
  }
  memcpy(q->items + q->count * q->item_size, item, q->item_size);
  return 1;
}
/* Takes the next item in the queue's order out of `items`. */
static inline void tangle_queue_take_(tangle_queue_t *q, void *item) {
  size_t size = q->item_size, index = 0;
  if (q->order == TANGLE_LIFO) {
    index = q->count - 1;
  } else if (q->order == TANGLE_PRIORITY) {
    for (size_t i = 1; i < q->count; ++i)
      if (q->compare(q->items + i * size, q->items + index * size) < 0)
        index = i;
  }
  memcpy(item, q->items + index * size, size);
  memmove(q->items + index * size, q->items + (index + 1) * size,
          (q->count - index - 1) * size);
}
static inline int tangle_queue_put_until_(tangle_queue_t *q, const void *item,
                                          int block,
                                          const struct timespec *deadline) {
  int rc = tangle_queue_wait_room_(q, block, deadline);
  if (rc != TANGLE_OK)
    return rc;
  if (!tangle_queue_store_(q, item)) {
    pthread_mutex_unlock(&q->mutex);
    return TANGLE_FULL; /* out of memory */
  }
  tangle_queue_added_(q);
  return TANGLE_OK;
}
static inline int tangle_queue_get_until_(tangle_queue_t *q, void *item,
                                          int block,
                                          const struct timespec *deadline) {
  int rc = tangle_queue_wait_item_(q, block, deadline);
  if (rc != TANGLE_OK)
    return rc;
  tangle_queue_take_(q, item);
  tangle_queue_removed_(q);
  return TANGLE_OK;
}

/* Waits while the queue is full. TANGLE_OK. */
static inline int tangle_queue_put(tangle_queue_t *q, const void *item) {
  return tangle_queue_put_until_(q, item, 1, NULL);
}
/* TANGLE_FULL when still full after `seconds`. */
TANGLE_SYNC_MUST_CHECK static inline int
tangle_queue_put_timeout(tangle_queue_t *q, const void *item, double seconds) {
  struct timespec deadline = tangle_sync_deadline_(seconds);
  return tangle_queue_put_until_(q, item, 1, &deadline);
}
/* TANGLE_FULL at once when full. */
TANGLE_SYNC_MUST_CHECK static inline int
tangle_queue_put_nowait(tangle_queue_t *q, const void *item) {
  return tangle_queue_put_until_(q, item, 0, NULL);
}
/* Waits while the queue is empty, then copies the next item to `item`. */
static inline int tangle_queue_get(tangle_queue_t *q, void *item) {
  return tangle_queue_get_until_(q, item, 1, NULL);
}
/* TANGLE_EMPTY when still empty after `seconds`. */
TANGLE_SYNC_MUST_CHECK static inline int
tangle_queue_get_timeout(tangle_queue_t *q, void *item, double seconds) {
  struct timespec deadline = tangle_sync_deadline_(seconds);
  return tangle_queue_get_until_(q, item, 1, &deadline);
}
/* TANGLE_EMPTY at once when empty. */
TANGLE_SYNC_MUST_CHECK static inline int
tangle_queue_get_nowait(tangle_queue_t *q, void *item) {
  return tangle_queue_get_until_(q, item, 0, NULL);
}
static inline size_t tangle_queue_qsize(tangle_queue_t *q) {
  pthread_mutex_lock(&q->mutex);
  size_t n = q->count;
  pthread_mutex_unlock(&q->mutex);
  return n;
}
static inline int tangle_queue_empty(tangle_queue_t *q) {
  return tangle_queue_qsize(q) == 0;
}
static inline int tangle_queue_full(tangle_queue_t *q) {
  pthread_mutex_lock(&q->mutex);
  int full = q->maxsize && q->count >= q->maxsize;
  pthread_mutex_unlock(&q->mutex);
  return full;
}
/* One item taken by get() is processed. More calls than puts: misuse. */
static inline void tangle_queue_task_done(tangle_queue_t *q) {
  pthread_mutex_lock(&q->mutex);
  if (q->unfinished_tasks == 0) {
    pthread_mutex_unlock(&q->mutex);
    tangle_sync_misuse_(TANGLE_MISUSE_TASK_DONE,
                        "task_done() called more times than items were put");
  }
  if (--q->unfinished_tasks == 0)
    pthread_cond_broadcast(&q->all_tasks_done);
  pthread_mutex_unlock(&q->mutex);
}
/* Waits until every item put has been marked task_done(). */
static inline void tangle_queue_join(tangle_queue_t *q) {
  pthread_mutex_lock(&q->mutex);
  while (q->unfinished_tasks > 0)
    pthread_cond_wait(&q->all_tasks_done, &q->mutex);
  pthread_mutex_unlock(&q->mutex);
}

/* ---- Thread pool: fixed workers take submitted tasks from a queue; each
 * submit returns a future; done-callbacks run in the worker after the task,
 * or at once in add_done_callback when the task is already done. ---- */

typedef struct tangle_future tangle_future_t;
typedef void (*tangle_done_callback_t)(tangle_future_t *future, void *arg);

typedef struct tangle_done_callback_node_ {
  tangle_done_callback_t fn;
  void *arg;
  struct tangle_done_callback_node_ *next;
} tangle_done_callback_node_;

struct tangle_future {
  pthread_mutex_t mutex;
  pthread_cond_t finished; /* broadcast when the task returned */
  int done;
  void *(*fn)(void *);
  void *arg;
  void *result;
  tangle_done_callback_node_ *callbacks;
  tangle_future_t *next; /* beyond the pool's array: freed with the pool */
};

/* The first futures live in the pool itself, so that a report names them
 * (`pool.futures[1].finished`); later ones are allocated. */
#ifndef TANGLE_POOL_FUTURES
#define TANGLE_POOL_FUTURES 8
#endif

typedef struct tangle_pool {
  tangle_queue_t tasks; /* of tangle_future_t * */
  /* The rest is guarded by tasks.mutex. */
  size_t submitted;
  tangle_future_t futures[TANGLE_POOL_FUTURES];
  tangle_future_t *more_futures;
  int shut_down;
  size_t nworkers;
  pthread_t *workers;
} tangle_pool_t;

static inline void tangle_future_finish_(tangle_future_t *f, void *result) {
  pthread_mutex_lock(&f->mutex);
  f->result = result;
  f->done = 1;
  tangle_done_callback_node_ *callbacks = f->callbacks;
  f->callbacks = NULL;
  pthread_cond_broadcast(&f->finished);
  pthread_mutex_unlock(&f->mutex);
  while (callbacks) {
    tangle_done_callback_node_ *next = callbacks->next;
    callbacks->fn(f, callbacks->arg);
    free(callbacks);
    callbacks = next;
  }
}
/* Waits for the task and returns what it returned. */
static inline void *tangle_future_result(tangle_future_t *f) {
  pthread_mutex_lock(&f->mutex);
  while (!f->done)
    pthread_cond_wait(&f->finished, &f->mutex);
  void *result = f->result;
  pthread_mutex_unlock(&f->mutex);
  return result;
}
static inline int tangle_future_done(tangle_future_t *f) {
  pthread_mutex_lock(&f->mutex);
  int done = f->done;
  pthread_mutex_unlock(&f->mutex);
  return done;
}
/* `fn(f, arg)` runs in the worker after the task, or here at once when the
 * task is done already. Callbacks run in the order they were added. */
static inline void tangle_future_add_done_callback(tangle_future_t *f,
                                                   tangle_done_callback_t fn,
                                                   void *arg) {
  pthread_mutex_lock(&f->mutex);
  if (!f->done) {
    tangle_done_callback_node_ *node =
        (tangle_done_callback_node_ *)malloc(sizeof *node);
    node->fn = fn;
    node->arg = arg;
    node->next = NULL;
    tangle_done_callback_node_ **last = &f->callbacks;
    while (*last)
      last = &(*last)->next;
    *last = node;
    pthread_mutex_unlock(&f->mutex);
    return;
  }
  pthread_mutex_unlock(&f->mutex);
  fn(f, arg);
}

/* The next task; NULL once the pool is shut down and no task is left. */
static inline tangle_future_t *tangle_pool_next_(tangle_pool_t *pool) {
  tangle_queue_t *q = &pool->tasks;
  tangle_future_t *f = NULL;
  pthread_mutex_lock(&q->mutex);
  while (q->count == 0 && !pool->shut_down)
    pthread_cond_wait(&q->not_empty, &q->mutex);
  if (q->count == 0) {
    pthread_mutex_unlock(&q->mutex);
    return NULL;
  }
  tangle_queue_take_(q, &f);
  tangle_queue_removed_(q);
  return f;
}
static inline void *tangle_pool_worker(void *arg) {
  tangle_pool_t *pool = (tangle_pool_t *)arg;
  tangle_future_t *f;
  while ((f = tangle_pool_next_(pool)))
    tangle_future_finish_(f, f->fn(f->arg));
  return NULL;
}
static inline void tangle_pool_init(tangle_pool_t *pool, size_t nworkers) {
  tangle_queue_init(&pool->tasks, sizeof(tangle_future_t *), 0);
  pool->submitted = 0;
  pool->more_futures = NULL;
  pool->shut_down = 0;
  pool->nworkers = nworkers;
  pool->workers = (pthread_t *)calloc(nworkers, sizeof(pthread_t));
  for (size_t i = 0; i < nworkers; ++i)
    pthread_create(&pool->workers[i], NULL, tangle_pool_worker, pool);
}
/* Queues fn(arg) for a worker. The future stays valid until
 * tangle_pool_destroy. Submitting after shutdown is misuse. */
static inline tangle_future_t *
tangle_pool_submit(tangle_pool_t *pool, void *(*fn)(void *), void *arg) {
  tangle_queue_wait_room_(&pool->tasks, 1, NULL); /* unbounded: just locks */
  if (pool->shut_down) {
    pthread_mutex_unlock(&pool->tasks.mutex);
    tangle_sync_misuse_(TANGLE_MISUSE_POOL_SHUT_DOWN,
                        "task submitted to a thread pool after its shutdown");
  }
  tangle_future_t *f;
  if (pool->submitted < TANGLE_POOL_FUTURES) {
    f = &pool->futures[pool->submitted];
    memset(f, 0, sizeof *f);
  } else {
    f = (tangle_future_t *)calloc(1, sizeof *f);
    f->next = pool->more_futures;
    pool->more_futures = f;
  }
  pool->submitted++;
  pthread_mutex_init(&f->mutex, NULL);
  pthread_cond_init(&f->finished, NULL);
  f->fn = fn;
  f->arg = arg;
  tangle_queue_store_(&pool->tasks, &f);
  tangle_queue_added_(&pool->tasks);
  return f;
}
/* Lets the workers finish the queued tasks, then joins them. */
static inline void tangle_pool_shutdown(tangle_pool_t *pool) {
  pthread_mutex_lock(&pool->tasks.mutex);
  int already = pool->shut_down;
  pool->shut_down = 1;
  pthread_cond_broadcast(&pool->tasks.not_empty); /* idle workers end */
  pthread_mutex_unlock(&pool->tasks.mutex);
  if (already)
    return;
  for (size_t i = 0; i < pool->nworkers; ++i)
    pthread_join(pool->workers[i], NULL);
}
/* Shuts down and frees the pool and its futures. */
static inline void tangle_pool_destroy(tangle_pool_t *pool) {
  tangle_pool_shutdown(pool);
  for (size_t i = 0; i < pool->submitted && i < TANGLE_POOL_FUTURES; ++i) {
    pthread_cond_destroy(&pool->futures[i].finished);
    pthread_mutex_destroy(&pool->futures[i].mutex);
  }
  while (pool->more_futures) {
    tangle_future_t *f = pool->more_futures;
    pool->more_futures = f->next;
    pthread_cond_destroy(&f->finished);
    pthread_mutex_destroy(&f->mutex);
    free(f);
  }
  free(pool->workers);
  tangle_queue_destroy(&pool->tasks);
}

#ifdef __cplusplus
} /* extern "C" */

#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace tangle {

/* A timeout below 0 means no timeout, as Python's None. */
namespace detail {
inline std::optional<struct timespec> deadline(double timeout) {
  if (timeout < 0)
    return std::nullopt;
  return tangle_sync_deadline_(timeout);
}
inline const struct timespec *ptr(const std::optional<struct timespec> &d) {
  return d ? &*d : nullptr;
}
} // namespace detail

/* IgnoreRaces: tangle_ignore_begin() for the lifetime of a scope. */
class IgnoreRaces {
public:
  IgnoreRaces() { tangle_ignore_begin(); }
  ~IgnoreRaces() { tangle_ignore_end(); }
  IgnoreRaces(const IgnoreRaces &) = delete;
  IgnoreRaces &operator=(const IgnoreRaces &) = delete;
};

/* Lock: acquire/release, and lock/unlock/try_lock for std::lock_guard. */
class Lock : private tangle_lock_t {
public:
  Lock() { tangle_lock_init(this); }
  ~Lock() { tangle_lock_destroy(this); }
  Lock(const Lock &) = delete;
  Lock &operator=(const Lock &) = delete;
  /* True when acquired: always when blocking without a timeout. */
  bool acquire(bool blocking = true, double timeout = -1) {
    if (!blocking)
      return tangle_lock_try_acquire(this);
    if (timeout >= 0)
      return tangle_lock_acquire_timeout(this, timeout);
    tangle_lock_acquire(this);
    return true;
  }
  void release() { tangle_lock_release(this); }
  void lock() { tangle_lock_acquire(this); }
  bool try_lock() { return tangle_lock_try_acquire(this); }
  void unlock() { tangle_lock_release(this); }
  pthread_mutex_t *native_handle() { return &mutex; }
};

/* RLock: a Lock its holder may acquire again. */
class RLock : private tangle_rlock_t {
public:
  RLock() { tangle_rlock_init(this); }
  ~RLock() { tangle_rlock_destroy(this); }
  RLock(const RLock &) = delete;
  RLock &operator=(const RLock &) = delete;
  bool acquire(bool blocking = true, double timeout = -1) {
    if (!blocking)
      return tangle_rlock_try_acquire(this);
    if (timeout >= 0)
      return tangle_rlock_acquire_timeout(this, timeout);
    tangle_rlock_acquire(this);
    return true;
  }
  void release() { tangle_rlock_release(this); }
  void lock() { tangle_rlock_acquire(this); }
  bool try_lock() { return tangle_rlock_try_acquire(this); }
  void unlock() { tangle_rlock_release(this); }
  pthread_mutex_t *native_handle() { return &mutex; }
};

class Semaphore : private tangle_semaphore_t {
public:
  explicit Semaphore(unsigned value = 1) { tangle_semaphore_init(this, value); }
  ~Semaphore() { tangle_semaphore_destroy(this); }
  Semaphore(const Semaphore &) = delete;
  Semaphore &operator=(const Semaphore &) = delete;
  bool acquire(bool blocking = true, double timeout = -1) {
    auto d = detail::deadline(timeout);
    return tangle_semaphore_take_(this, blocking, detail::ptr(d));
  }
  void release() { tangle_semaphore_release(this); }

protected:
  struct Bounded {};
  Semaphore(unsigned value, Bounded) {
    tangle_bounded_semaphore_init(this, value);
  }
};

/* A Semaphore released above its initial value is misuse
 * (sync.bounded-semaphore-overrelease). */
class BoundedSemaphore : public Semaphore {
public:
  explicit BoundedSemaphore(unsigned value = 1) : Semaphore(value, Bounded()) {}
};

class Event : private tangle_event_t {
public:
  Event() { tangle_event_init(this); }
  ~Event() { tangle_event_destroy(this); }
  Event(const Event &) = delete;
  Event &operator=(const Event &) = delete;
  void set() { tangle_event_set(this); }
  void clear() { tangle_event_clear(this); }
  bool is_set() { return tangle_event_is_set(this); }
  /* The flag when the wait ends: false only when it timed out. */
  bool wait(double timeout = -1) {
    auto d = detail::deadline(timeout);
    return tangle_event_wait_until_(this, detail::ptr(d));
  }
};

/* Condition with its own lock, or with a given Lock or RLock. */
class Condition : private tangle_condition_t {
public:
  Condition() { tangle_condition_init(this, nullptr); }
  explicit Condition(Lock &l) : Condition() { mutex = l.native_handle(); }
  explicit Condition(RLock &l) : Condition() { mutex = l.native_handle(); }
  ~Condition() { tangle_condition_destroy(this); }
  Condition(const Condition &) = delete;
  Condition &operator=(const Condition &) = delete;
  void acquire() { tangle_condition_acquire(this); }
  void release() { tangle_condition_release(this); }
  void lock() { tangle_condition_acquire(this); }
  void unlock() { tangle_condition_release(this); }
  /* With the lock held. False when it timed out. */
  bool wait(double timeout = -1) {
    if (timeout < 0) {
      tangle_condition_wait(this);
      return true;
    }
    return tangle_condition_wait_timeout(this, timeout);
  }
  /* Waits until predicate() is true, with the lock held. */
  template <class Predicate> void wait_for(Predicate predicate) {
    while (!predicate())
      tangle_condition_wait(this);
  }
  void notify(unsigned n = 1) {
    for (unsigned i = 0; i < n; ++i)
      tangle_condition_notify(this);
  }
  void notify_all() { tangle_condition_notify_all(this); }
};

/* Thrown by get_nowait on an empty queue, and by get when its timeout
 * passes (Python's queue.Empty); put's counterpart is Full. */
class Empty : public std::runtime_error {
public:
  Empty() : std::runtime_error("tangle::Queue is empty") {}
};
class Full : public std::runtime_error {
public:
  Full() : std::runtime_error("tangle::Queue is full") {}
};

namespace detail {
template <class T> struct FifoItems {
  std::deque<T> items;
  void push(T item) { items.push_back(std::move(item)); }
  T pop() {
    T item = std::move(items.front());
    items.pop_front();
    return item;
  }
};
template <class T> struct LifoItems {
  std::vector<T> items;
  void push(T item) { items.push_back(std::move(item)); }
  T pop() {
    T item = std::move(items.back());
    items.pop_back();
    return item;
  }
};
template <class T, class Less> struct PriorityItems {
  // A min-heap: the smallest item first, as Python's PriorityQueue.
  struct Greater {
    bool operator()(const T &a, const T &b) const { return Less()(b, a); }
  };
  std::priority_queue<T, std::vector<T>, Greater> items;
  void push(T item) { items.push(std::move(item)); }
  T pop() {
    T item = std::move(const_cast<T &>(items.top()));
    items.pop();
    return item;
  }
};
} // namespace detail

/* The blocking rules are the C queue's; only the items live here. */
template <class T, class Items> class BasicQueue : private tangle_queue_t {
public:
  explicit BasicQueue(std::size_t maxsize = 0) {
    tangle_queue_init_(this, TANGLE_FIFO, 0, maxsize, nullptr);
  }
  ~BasicQueue() { tangle_queue_destroy(this); }
  BasicQueue(const BasicQueue &) = delete;
  BasicQueue &operator=(const BasicQueue &) = delete;

  /* Waits while full (until the timeout, then throws Full); with
   * block = false throws Full at once. */
  void put(T item, bool block = true, double timeout = -1) {
    auto d = detail::deadline(timeout);
    if (tangle_queue_wait_room_(this, block, detail::ptr(d)) != TANGLE_OK)
      throw Full();
    items_.push(std::move(item));
    tangle_queue_added_(this);
  }
  /* Waits while empty (until the timeout, then throws Empty); with
   * block = false throws Empty at once. */
  T get(bool block = true, double timeout = -1) {
    auto d = detail::deadline(timeout);
    if (tangle_queue_wait_item_(this, block, detail::ptr(d)) != TANGLE_OK)
      throw Empty();
    T item = items_.pop();
    tangle_queue_removed_(this);
    return item;
  }
  void put_nowait(T item) { put(std::move(item), false); }
  T get_nowait() { return get(false); }
  std::size_t qsize() { return tangle_queue_qsize(this); }
  bool empty() { return tangle_queue_empty(this); }
  bool full() { return tangle_queue_full(this); }
  void task_done() { tangle_queue_task_done(this); }
  void join() { tangle_queue_join(this); }

private:
  Items items_;
};

template <class T> using Queue = BasicQueue<T, detail::FifoItems<T>>;
template <class T> using LifoQueue = BasicQueue<T, detail::LifoItems<T>>;
template <class T, class Less = std::less<T>>
using PriorityQueue = BasicQueue<T, detail::PriorityItems<T, Less>>;

namespace detail {
/* A submitted callable and what it produced; the C pool runs it. */
template <class R> struct Task {
  std::function<R()> fn;
  std::conditional_t<std::is_void_v<R>, char, std::optional<R>> value;
  std::exception_ptr error;
  /* The pool's task function: `self` is a new'd shared_ptr to the task,
   * which keeps it alive while it runs. */
  static void *run(void *self) {
    std::unique_ptr<std::shared_ptr<Task>> keep(
        static_cast<std::shared_ptr<Task> *>(self));
    Task &task = **keep;
    try {
      if constexpr (std::is_void_v<R>)
        task.fn();
      else
        task.value.emplace(task.fn());
    } catch (...) {
      task.error = std::current_exception();
    }
    return nullptr;
  }
};
inline void runCallback(tangle_future_t *, void *callback) {
  std::unique_ptr<std::function<void()>> call(
      static_cast<std::function<void()> *>(callback));
  (*call)();
}
} // namespace detail

/* A submitted task's result; copies share it. Valid while its pool lives. */
template <class R> class Future {
public:
  Future(tangle_future_t *future, std::shared_ptr<detail::Task<R>> task)
      : future_(future), task_(std::move(task)) {}
  /* Waits for the task; returns its value or rethrows its exception. */
  R result() {
    tangle_future_result(future_);
    if (task_->error)
      std::rethrow_exception(task_->error);
    if constexpr (!std::is_void_v<R>)
      return *task_->value;
  }
  bool done() { return tangle_future_done(future_); }
  /* callback(future) runs in the worker after the task, or here at once when
   * the task is done already. */
  template <class Callback> void add_done_callback(Callback callback) {
    Future self = *this;
    auto *call = new std::function<void()>(
        [self, callback]() mutable { callback(self); });
    tangle_future_add_done_callback(future_, detail::runCallback, call);
  }

private:
  tangle_future_t *future_;
  std::shared_ptr<detail::Task<R>> task_;
};

/* The C pool: fixed workers taking tasks from a queue. Reports name its
 * parts `pool.tasks.not_empty`, `pool.futures[0].finished`. */
class ThreadPool : private tangle_pool_t {
public:
  explicit ThreadPool(std::size_t workers) { tangle_pool_init(this, workers); }
  ~ThreadPool() { tangle_pool_destroy(this); }
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  /* Queues fn(args...) for a worker. After shutdown: misuse. */
  template <class F, class... Args>
  auto submit(F fn, Args... args) -> Future<std::invoke_result_t<F, Args...>> {
    using R = std::invoke_result_t<F, Args...>;
    auto task = std::make_shared<detail::Task<R>>();
    task->fn = [fn, args...]() mutable -> R { return fn(args...); };
    tangle_future_t *future =
        tangle_pool_submit(this, &detail::Task<R>::run,
                           new std::shared_ptr<detail::Task<R>>(task));
    return Future<R>(future, task);
  }
  /* Lets the workers finish the queued tasks, then joins them. */
  void shutdown() { tangle_pool_shutdown(this); }
};

} // namespace tangle
#endif /* __cplusplus */

#endif /* TANGLE_SYNC_H */
