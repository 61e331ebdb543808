// A child that catches SIGTERM: what its handler does is not modelled, and
// tangle says so in one line instead of guessing (exit status 4, as for
// other runs it cannot model; no hang).
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 4
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: exploration failed: kill({{[0-9]+}}, SIGTERM): process 1 catches, ignores or blocks the signal
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void onTerm(int sig) { (void)sig; }

int main(void) {
  int work[2], ready[2];
  if (pipe(work) != 0 || pipe(ready) != 0)
    return 1;
  pid_t pid = fork();
  if (pid == 0) {
    signal(SIGTERM, onTerm);
    write(ready[1], "r", 1);
    char c;
    read(work[0], &c, 1); // waits until killed
    return 0;
  }
  char c;
  read(ready[0], &c, 1); // the child's handler is installed
  kill(pid, SIGTERM);
  waitpid(pid, NULL, 0);
  return 0;
}
