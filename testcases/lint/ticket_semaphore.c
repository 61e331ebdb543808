// Clean twin of ticket_threads.c: a binary semaphore used as the lock.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t ticket_sem;

static void *sell(void *arg) {
  sem_wait(&ticket_sem);
  FILE *f = fopen("tickets.txt", "r+");
  int left = 0;
  fscanf(f, "%d", &left);
  rewind(f);
  fprintf(f, "%d\n", left - 1);
  fclose(f);
  sem_post(&ticket_sem);
  return NULL;
}

int main(void) {
  sem_init(&ticket_sem, 0, 1);
  pthread_t sellers[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&sellers[i], NULL, sell, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(sellers[i], NULL);
  return 0;
}
