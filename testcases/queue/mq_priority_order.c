// Messages leave a queue highest priority first: the producer sends a
// routine job (priority 1) and then an urgent one (priority 9), and the
// consumer asserts that it gets the urgent one first. That holds only if
// both are queued before the first receive: with the consumer running
// alongside, it may take the routine job before the urgent one is sent.
// A program.assert under some schedules.
// Fix: mq_priority_queued_first.c (the consumer starts after both sends).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"program.assert"
#include <assert.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NAME
#define NAME "/tangle_testcase_mq_priority_order"
#endif

static void consume(mqd_t q) {
  char job[8];
  unsigned priority;
  mq_receive(q, job, sizeof job, &priority);
  assert(priority == 9); // the urgent job first
  mq_receive(q, job, sizeof job, &priority);
  assert(priority == 1);
}

int main(void) {
  mq_unlink(NAME);
  struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 8};
  mqd_t q = mq_open(NAME, O_CREAT | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
#ifndef QUEUED_FIRST
  pid_t pid = fork();
  if (pid == 0) {
    consume(q);
    return 0;
  }
#endif
  mq_send(q, "routine", 8, 1);
  mq_send(q, "urgent", 7, 9);
#ifdef QUEUED_FIRST
  pid_t pid = fork();
  if (pid == 0) {
    consume(q);
    return 0;
  }
#endif
  int status = 0;
  waitpid(pid, &status, 0);
  mq_close(q);
  mq_unlink(NAME);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
