// mq_two_by_two.c, but the second consumer receives twice: three receives
// for two messages. Whichever consumer comes last waits on an empty queue
// that nobody will ever send to, and the parent waits for it: a
// `deadlock.stall`, found while exploring completely. Fix: mq_two_by_two.c.
//
// RUN: %tangle check %s --no-lint --max-findings 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// Two processes hold the queue open for sending, named as a list:
// REPLAY: nobody will send to it: it is open for sending only in the first process and process {{[0-9]+}} (its own), whose threads are all blocked or gone
// REPLAY: [deadlock.stall]
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME "/tangle_testcase_mq_two_by_two_receive_extra"

int main(void) {
  mq_unlink(NAME);
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = 16};
  mqd_t jobs = mq_open(NAME, O_CREAT | O_RDWR, 0600, &attr);
  if (jobs == (mqd_t)-1) {
    perror("mq_open");
    return 1;
  }
  pid_t child[4];
  for (int i = 0; i < 4; i++) {
    child[i] = fork();
    if (child[i] != 0)
      continue;
    char job[16];
    if (i < 2) {
      snprintf(job, sizeof job, "job %d", i);
      mq_send(jobs, job, sizeof job, 0);
    } else {
      mq_receive(jobs, job, sizeof job, NULL);
      if (i == 3)
        mq_receive(jobs, job, sizeof job, NULL); // one more than was sent
    }
    _exit(0);
  }
  for (int i = 0; i < 4; i++)
    waitpid(child[i], NULL, 0);
  mq_close(jobs);
  mq_unlink(NAME);
  return 0;
}
