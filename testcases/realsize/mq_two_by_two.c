// Two producer processes each send one message through a POSIX message queue
// of 2, and two consumer processes each receive one; the parent waits for all
// four. Clean. Exits and waits are dependent only on what can observe them,
// so the exploration is complete in a few hundred executions (it once took
// 20,054). Twin: mq_two_by_two_receive_extra.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// At most 999 executions:
// CHECK-DAG: "executions":{{ ?}}{{[0-9][0-9]?[0-9]?}},
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME "/tangle_testcase_mq_two_by_two" // each testcase its own

int main(void) {
  mq_unlink(NAME); // a stale one from an interrupted run
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
    if (i < 2) { // producers
      snprintf(job, sizeof job, "job %d", i);
      mq_send(jobs, job, sizeof job, 0);
    } else { // consumers
      mq_receive(jobs, job, sizeof job, NULL);
    }
    _exit(0);
  }
  for (int i = 0; i < 4; i++)
    waitpid(child[i], NULL, 0);
  mq_close(jobs);
  mq_unlink(NAME);
  return 0;
}
