// A child starts a daemon (a grandchild in a session of its own, which execs
// `sleep`) and exits; main waits for the child only. The daemon outlives its
// parent, but it must not outlive tangle's run: each execution's processes
// end with it, whatever session or process group they moved to, and no copy
// of the program stays blocked. (Whether the exploration reports the daemon
// as lifecycle.orphan varies from run to run for now; the exploration ends
// either way.) The twin waits for the grandchild, which runs `true`
// instead: clean, and nothing left either.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.daemon %tangle check %s --no-lint --format json > %t.json; test $? -le 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/leftovers.py %t.daemon %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.waited %tangle check %s --no-lint --format json -- -DWAITED > %t.waited.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=WAITED --input-file %t.waited.json
// RUN: %python %S/../Inputs/leftovers.py %t.waited %t.tmp
//
// CHECK-DAG: "complete":{{ ?}}true
// WAITED-DAG: "verdict":{{ ?}}"clean"
// WAITED-DAG: "complete":{{ ?}}true
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t child = fork();
  if (child == 0) {
    pid_t daemon = fork();
    if (daemon == 0) {
      setsid();
#ifdef WAITED
      execlp("true", "true", (char *)0);
#else
      execlp("sleep", "sleep", "1000", (char *)0);
#endif
      _exit(127);
    }
#ifdef WAITED
    waitpid(daemon, 0, 0);
#endif
    _exit(0);
  }
  waitpid(child, 0, 0);
  return 0;
}
