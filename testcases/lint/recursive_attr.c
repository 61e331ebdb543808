// A mutex made recursive through its attribute may be relocked by its
// holder (clean); a default mutex may not (flagged), and the deadlocked path
// stops there, so its later unlocks are not reported as well.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#define _XOPEN_SOURCE 700
#include <pthread.h>

static pthread_mutex_t recursive;
static pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_lock(&recursive);
  pthread_mutex_lock(&recursive);
  pthread_mutex_unlock(&recursive);
  pthread_mutex_unlock(&recursive);

  pthread_mutex_lock(&plain);
  // CHECK: :[[@LINE+1]]:3: warning: 'plain' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
  pthread_mutex_lock(&plain);
  pthread_mutex_unlock(&plain);
  pthread_mutex_unlock(&plain);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&recursive, &attr);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
