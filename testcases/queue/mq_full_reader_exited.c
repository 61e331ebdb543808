// A queue of 2 messages whose reader takes one message and exits: the
// writer's fourth send finds the queue full, and nobody is left to receive
// (the writer itself only sends). A deadlock.stall on the send.
// Fix: mq_full_reader_stays.c (the reader takes all 4 before it exits).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"deadlock.stall"
#include <fcntl.h>
#include <mqueue.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NAME
#define NAME "/tangle_testcase_mq_full_reader_exited"
#endif
#ifndef TAKEN
#define TAKEN 1
#endif

int main(void) {
  mq_unlink(NAME);
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = 8};
  mqd_t q = mq_open(NAME, O_CREAT | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  pid_t pid = fork();
  if (pid == 0) { // the reader
    mqd_t in = mq_open(NAME, O_RDONLY);
    mq_close(q);
    char message[8];
    for (int i = 0; i < TAKEN; ++i)
      mq_receive(in, message, sizeof message, NULL);
    return 0;
  }
  mq_close(q);
  mqd_t out = mq_open(NAME, O_WRONLY);
  for (int i = 0; i < 4; ++i)
    // TEXT: mq_full_reader_exited.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread waits to send to message queue /tangle_testcase_mq_full_reader_exited in main at line [[@LINE+1]]; it is full (2 messages, mq_maxmsg 2) and nobody will receive from it: no process has it open for receiving{{.*}}[deadlock.stall]
    mq_send(out, "data", 5, 0);
  // TEXT: note: fix: A send to a full message queue waits until someone receives
  waitpid(pid, NULL, 0);
  mq_close(out);
  mq_unlink(NAME);
  return 0;
}
