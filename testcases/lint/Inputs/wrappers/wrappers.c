#include "wrappers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what, int error) {
  fprintf(stderr, "%s: %s\n", what, strerror(error));
  exit(1);
}

void Pthread_create(pthread_t *tid, const pthread_attr_t *attr,
                    void *(*routine)(void *), void *arg) {
  int error = pthread_create(tid, attr, routine, arg);
  if (error != 0)
    fail("Pthread_create", error);
}

void Pthread_join(pthread_t tid, void **result) {
  int error = pthread_join(tid, result);
  if (error != 0)
    fail("Pthread_join", error);
}
