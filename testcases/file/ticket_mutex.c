// Clean twin of ticket_threads.c: one pthread mutex is held across the whole
// read-modify-write of the ticket file, so the sellers' file operations are
// ordered by the mutex in every interleaving.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TICKETS "tickets.txt"

pthread_mutex_t tickets_lock = PTHREAD_MUTEX_INITIALIZER;

static void sell_one(void) {
  char buf[16] = {0};
  pthread_mutex_lock(&tickets_lock);
  int fd = open(TICKETS, O_RDWR);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  snprintf(buf, sizeof buf, "%d\n", left - 1);
  lseek(fd, 0, SEEK_SET);
  write(fd, buf, strlen(buf));
  close(fd);
  pthread_mutex_unlock(&tickets_lock);
}

static void *sell(void *arg) {
  sell_one();
  return NULL;
}

int main(void) {
  int fd = open(TICKETS, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  write(fd, "10\n", 3);
  close(fd);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, sell, NULL);
  pthread_create(&t2, NULL, sell, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
