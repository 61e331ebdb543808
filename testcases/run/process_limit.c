// --limit-processes is RLIMIT_NPROC, which the kernel applies to every user
// but root (of the initial user namespace). So tangle gives anyone else's
// program the user's threads at launch plus the limit (default 1024), and
// leaves a root's program as it was: there is nothing to bound, and nothing
// to count in /proc before each start (docs/cli.md, "Limits for untrusted
// programs").
//
// The program writes its RLIMIT_NPROC to the file it is given.
// REQUIRES: root
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp && chmod 777 %t.tmp
// RUN: %clang -g -O0 %s -o %t.tmp/limit
//
// As root, `tangle run` (the launcher) and `tangle check` start it with the
// limit it has without tangle:
// RUN: %t.tmp/limit %t.tmp/native
// RUN: %tangle run --no-predict -- %t.tmp/limit %t.tmp/run > %t.run.txt
// RUN: diff %t.tmp/native %t.tmp/run
// RUN: %tangle run -- %t.tmp/limit %t.tmp/full > %t.full.txt
// RUN: diff %t.tmp/native %t.tmp/full
//
// As nobody, the limit is set: nobody's threads at launch (tangle's own,
// at least) plus 1024, far below root's:
// RUN: %unprivileged env TMPDIR=%t.tmp %tangle run --no-predict -- %t.tmp/limit %t.tmp/nobody > %t.nobody.txt
// RUN: cat %t.tmp/nobody %t.tmp/native > %t.both
// RUN: FileCheck %s --input-file %t.both
// CHECK: {{^10[2-9][0-9]$}}
// CHECK-NOT: {{^10[2-9][0-9]$}}
#include <stdio.h>
#include <sys/resource.h>

int main(int argc, char **argv) {
  struct rlimit limit;
  if (argc < 2 || getrlimit(RLIMIT_NPROC, &limit) != 0)
    return 1;
  FILE *out = fopen(argv[1], "w");
  if (!out)
    return 1;
  if (limit.rlim_cur == RLIM_INFINITY)
    fprintf(out, "unlimited\n");
  else
    fprintf(out, "%llu\n", (unsigned long long)limit.rlim_cur);
  return fclose(out) != 0;
}
