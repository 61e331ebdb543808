// A table of buckets, each with its lock: `insert` locks one bucket,
// `resize` locks them all through `lock_all()` and releases them through
// `unlock_all()`, two helpers that loop over the buckets; `clear` locks the
// first bucket, then the others in a loop, and releases them all through
// `unlock_all()`. The helpers hand the locks over to their caller and take
// them back: no warning. (Lint cannot count how many elements each loop
// took or released: `lock_all()` returns holding at least one, and after
// `unlock_all()` how many remain is unknown, not one fewer.)
//
// With -DFORGOT `resize` returns without `unlock_all()`: every later
// insert blocks. Reported at the return of `resize`.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint %s -- -DFORGOT > %t.forgot.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=FORGOT --input-file %t.forgot.txt --implicit-check-not=warning:
#include <pthread.h>

#define BUCKETS 8

static pthread_mutex_t bucket_lock[BUCKETS];
static int count[BUCKETS];
static int buckets = BUCKETS;

static void lock_all(void) {
  for (int i = 0; i < BUCKETS; i++)
    pthread_mutex_lock(&bucket_lock[i]);
}

static void unlock_all(void) {
  for (int i = 0; i < BUCKETS; i++)
    pthread_mutex_unlock(&bucket_lock[i]);
}

static void *resize(void *arg) {
  lock_all();
  buckets = BUCKETS; // a real table would rehash here
#ifndef FORGOT
  unlock_all();
#endif
  // FORGOT: :[[@LINE+2]]:3: warning: one of the locks 'bucket_lock[?]' is still held when 'resize' returns and its thread ends [tangle-missing-unlock]
  // FORGOT-NEXT: :[[@LINE-15]]:5: note: one of them was locked here
  return NULL;
}

static void *clear(void *arg) {
  pthread_mutex_lock(&bucket_lock[0]);
  for (int i = 1; i < BUCKETS; i++)
    pthread_mutex_lock(&bucket_lock[i]);
  for (int i = 0; i < BUCKETS; i++)
    count[i] = 0;
  unlock_all();
  return NULL;
}

static void *insert(void *arg) {
  long key = (long)arg % BUCKETS;
  pthread_mutex_lock(&bucket_lock[key]);
  count[key]++;
  pthread_mutex_unlock(&bucket_lock[key]);
  return NULL;
}

int main(void) {
  pthread_t r, c, a, b;
  pthread_create(&r, NULL, resize, NULL);
  pthread_create(&c, NULL, clear, NULL);
  pthread_create(&a, NULL, insert, (void *)1);
  pthread_create(&b, NULL, insert, (void *)2);
  pthread_join(r, NULL);
  pthread_join(c, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
