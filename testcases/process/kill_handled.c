// A child that catches SIGTERM: what its handler does is not modelled, and
// tangle says so in one line instead of guessing: the verdict is
// incomplete, naming the kill and its line (exit status 3; once this was
// an error, exit 4, that lost whatever the exploration had found).
// kill_child.c is the same child without the handler.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"unmodelled-call"
// CHECK-DAG: "limit":{{ ?}}"main thread called kill({{[0-9]+}}, SIGTERM), but process 1 catches, ignores or blocks the signal, which tangle does not model
// TEXT: kill_handled.c:[[@LINE+22]]:{{[0-9]+}}: note: main thread called kill({{[0-9]+}}, SIGTERM), but process 1 catches, ignores or blocks the signal, which tangle does not model
// TEXT: tangle: incomplete: {{.*}}stopped by unmodelled-call
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
