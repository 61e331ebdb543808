// --sandbox for untrusted programs: the program sees the user's files (it
// reads input.txt) but cannot change them: what it writes in its working
// directory or /tmp lands in tangle's scratch folder and goes with it,
// writes elsewhere fail (EROFS), and it reaches no network. The twin without
// --sandbox writes output.txt into the real directory.
//
// REQUIRES: userns
// RUN: rm -rf %t.tmp %t.dir && mkdir -p %t.tmp %t.dir && cd %t.dir && echo hello > input.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --sandbox --format json -- -DSANDBOXED > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: test "$(ls %t.dir)" = input.txt && test ! -e /tmp/tangle-sandbox-test-probe
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.plain %tangle check %s --no-lint --format json > %t.plain.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.plain.json
// RUN: test "$(cat %t.dir/output.txt)" = written
// RUN: %python %S/../Inputs/leftovers.py %t.plain %t.tmp
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void *work(void *arg) {
  char line[16];
  FILE *in = fopen("input.txt", "r");
  assert(in && fgets(line, sizeof line, in));
  fclose(in);
  FILE *out = fopen("output.txt", "w");
  assert(out);
  fputs("written\n", out);
  fclose(out);
#ifdef SANDBOXED
  FILE *tmp = fopen("/tmp/tangle-sandbox-test-probe", "w");
  assert(tmp);
  fclose(tmp);
  assert(!fopen("/etc/tangle-sandbox-test-probe", "w") && errno == EROFS);
  // No route out of its own network namespace.
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(80)};
  inet_pton(AF_INET, "192.0.2.1", &to.sin_addr);
  assert(connect(s, (struct sockaddr *)&to, sizeof to) != 0);
  close(s);
#endif
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  pthread_join(t, 0);
  return 0;
}
