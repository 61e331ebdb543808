// A producer process and a consumer process through a POSIX message queue
// of 2 messages: the producer sends 3 jobs (waiting while the queue is
// full), the consumer receives exactly 3 (waiting while it is empty).
// Clean. Built with -DRECEIVE_EXTRA the consumer receives one message more
// than is ever sent: a deadlock.stall (mq_receive_too_many.c).
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NAME // each testcase its own, as lit runs them in parallel
#define NAME "/tangle_testcase_mq_producer_consumer"
#endif
#define JOBS 3

int main(void) {
  mq_unlink(NAME); // a stale one from an interrupted run
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = 16};
  mqd_t jobs = mq_open(NAME, O_CREAT | O_RDWR, 0600, &attr);
  if (jobs == (mqd_t)-1) {
    perror("mq_open");
    return 1;
  }
  pid_t pid = fork();
  if (pid == 0) { // the consumer
    char job[16];
    int expected = JOBS;
#ifdef RECEIVE_EXTRA
    expected = JOBS + 1;
#endif
    for (int i = 0; i < expected; ++i)
      mq_receive(jobs, job, sizeof job, NULL);
    mq_close(jobs);
    return 0;
  }
  for (int i = 0; i < JOBS; ++i) {
    char job[16];
    snprintf(job, sizeof job, "job %d", i);
    mq_send(jobs, job, sizeof job, 0);
  }
  waitpid(pid, NULL, 0);
  mq_close(jobs);
  mq_unlink(NAME);
  return 0;
}
