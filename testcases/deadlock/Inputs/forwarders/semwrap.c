#include "semwrap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void unix_error(const char *message) {
  fprintf(stderr, "%s\n", message);
  exit(1);
}

void Sem_init(sem_t *sem, int pshared, unsigned value) {
  if (sem_init(sem, pshared, value) < 0)
    unix_error("Sem_init error");
}

void P(sem_t *sem) {
  if (sem_wait(sem) < 0)
    unix_error("P error");
}

void V(sem_t *sem) {
  if (sem_post(sem) < 0)
    unix_error("V error");
}

int waits;

void Pcounted(sem_t *sem) {
  waits++;
  if (sem_wait(sem) < 0)
    unix_error("P error");
}

void Pthread_create(pthread_t *tid, pthread_attr_t *attr,
                    void *(*routine)(void *), void *arg) {
  int rc = pthread_create(tid, attr, routine, arg);
  if (rc != 0)
    unix_error(strerror(rc));
}

void Pthread_join(pthread_t tid, void **result) {
  int rc = pthread_join(tid, result);
  if (rc != 0)
    unix_error(strerror(rc));
}
