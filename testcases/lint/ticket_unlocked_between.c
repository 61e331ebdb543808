// The lock is held for the read and for the write, but released in between:
// another seller can update the file in the gap, so the update is still lost.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <stdio.h>

static const char *const path = "tickets.txt";
static pthread_mutex_t ticket_lock = PTHREAD_MUTEX_INITIALIZER;

static void *sell(void *arg) {
  int left = 0;
  pthread_mutex_lock(&ticket_lock);
  FILE *in = fopen(path, "r");
  fscanf(in, "%d", &left);
  fclose(in);
  pthread_mutex_unlock(&ticket_lock);

  pthread_mutex_lock(&ticket_lock);
  // CHECK: :[[@LINE+1]]:15: warning: file 'tickets.txt' is read and written back in thread 'sell' #1 and written in thread 'sell' #2 with no lock held by both across the update
  FILE *out = fopen(path, "w");
  fprintf(out, "%d\n", left - 1);
  fclose(out);
  pthread_mutex_unlock(&ticket_lock);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, sell, NULL);
  pthread_create(&b, NULL, sell, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
