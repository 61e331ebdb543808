// A recorded run never claims what it did not watch: a program that uses
// calls record mode does not record (here a pipe and popen) gets a
// note naming each with its first call site, and its closing line says "no
// hang in what this run recorded", not "no hang in this run"; the JSON
// report lists them under recorded.unwatched, and the trace keeps them
// (trace-dump prints them). The program tangle compiled has the memory
// hooks: the replay of the recorded order under control checks them (it
// runs the pipe calls the free run did not record between the recorded
// steps). The twin uses neither: no note, the plain closing line, an empty
// list.
//
// RUN: %tangle run %s > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --format json --trace %t.trace -- %t.bin > %t.json 2>&1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.dump
// RUN: %tangle run %s -- -DWATCHED > %t.watched.txt 2>&1
// RUN: FileCheck %s --check-prefix=WATCHED --input-file %t.watched.txt
// RUN: %tangle run --format json %s -- -DWATCHED > %t.watched.json 2>&1
// RUN: FileCheck %s --check-prefix=WATCHED-JSON --input-file %t.watched.json
//
// CHECK: note: prediction: {{.*}}; 0 races in the replay of the recorded order
// CHECK: note: this run did not watch pipes (first at {{.*}}unwatched.c:62); popen or vfork (first at {{.*}}unwatched.c:49): record mode does not record them
// CHECK-NOT: data races were not checked
// CHECK: tangle: no hang in what this run recorded: the program exited with status 0 ({{.*}}), but it used 2 kinds of call that record mode does not watch
//
// JSON: "unwatched": [
// JSON-NEXT: "pipes (first at {{.*}}unwatched.c:62)",
// JSON-NEXT: "popen or vfork (first at {{.*}}unwatched.c:49)"
// JSON: "verdict": "no-hang"
//
// DUMP: not watched: pipes (first at {{.*}}unwatched.c:62)
// DUMP-NEXT: not watched: popen or vfork (first at {{.*}}unwatched.c:49)
//
// WATCHED-NOT: did not watch
// WATCHED: tangle: no hang in this run: the program exited with status 0
// WATCHED-JSON: "unwatched": []
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int counter;

void *work(void *arg) {
#ifndef WATCHED
  FILE *child = popen("true", "r");
  if (child)
    pclose(child);
#endif
  pthread_mutex_lock(&m);
  ++counter;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
#ifndef WATCHED
  int fds[2];
  if (pipe(fds) != 0)
    return 1;
  char c = 'x';
  if (write(fds[1], &c, 1) != 1 || read(fds[0], &c, 1) != 1)
    return 1;
#endif
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  pthread_join(t, 0);
  return 0;
}
