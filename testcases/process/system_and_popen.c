// system() and popen() start a shell tangle does not control; a worker
// thread runs alongside. system's command runs while the calling thread
// keeps the CPU (nothing of the program can run meanwhile, so nothing
// hangs); popen's pipe is left to the kernel and pclose really waits for
// the command. Both statuses are the command's. Clean.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  ++counter;
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  int status = system("exit 3");
  assert(WIFEXITED(status) && WEXITSTATUS(status) == 3);
  FILE *out = popen("echo hello", "r");
  char line[16] = "";
  if (!out || !fgets(line, sizeof line, out))
    return 1;
  assert(strcmp(line, "hello\n") == 0);
  assert(pclose(out) == 0);
  pthread_join(t, NULL);
  pthread_mutex_lock(&lock);
  assert(counter == 1);
  pthread_mutex_unlock(&lock);
  return 0;
}
