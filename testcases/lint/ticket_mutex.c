// Clean twin of ticket_threads.c: the whole read-modify-write is under one
// mutex.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <stdio.h>

#define TICKETS "tickets.txt"
static pthread_mutex_t ticket_lock = PTHREAD_MUTEX_INITIALIZER;

static void *sell(void *arg) {
  pthread_mutex_lock(&ticket_lock);
  FILE *f = fopen(TICKETS, "r");
  int left = 0;
  fscanf(f, "%d", &left);
  fclose(f);
  f = fopen(TICKETS, "w");
  fprintf(f, "%d\n", left - 1);
  fclose(f);
  pthread_mutex_unlock(&ticket_lock);
  return NULL;
}

int main(void) {
  pthread_t sellers[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&sellers[i], NULL, sell, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(sellers[i], NULL);
  return 0;
}
