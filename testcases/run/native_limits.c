// `tangle run` starts the program with the limits it has without tangle on
// open files and file size (docs/cli.md, "Limits for untrusted programs"):
// a server that raises its descriptors to its hard limit (memcached -c
// 4096) failed under check's default of 1,024, set as both limits. Given
// explicitly, a limit still applies, and check keeps its defaults.
//
// The program exits with 0 when its RLIMIT_NOFILE is argv[1] soft and hard
// and its RLIMIT_FSIZE is unlimited, and 1 otherwise.
// RUN: %clang -g -O0 %s -o %t.limits
// RUN: sh -c 'ulimit -Sn 200; ulimit -Hn 300; %t.limits 200:300'
// RUN: sh -c 'ulimit -Sn 200; ulimit -Hn 300; %tangle run --no-predict -- %t.limits 200:300' | FileCheck %s
// RUN: sh -c 'ulimit -Sn 200; ulimit -Hn 300; %tangle run -- %t.limits 200:300' | FileCheck %s
// CHECK: the program exited with status 0
//
// RUN: sh -c 'ulimit -Sn 200; ulimit -Hn 300; %tangle run --no-predict --limit-open-files 64 -- %t.limits 64:64' | FileCheck %s
// RUN: sh -c 'ulimit -Sn 200; ulimit -Hn 300; %tangle run --no-predict -- %t.limits 64:64' | FileCheck %s --check-prefix=NOT-SET
// NOT-SET: the program exited with status 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

int main(int argc, char **argv) {
  struct rlimit files, size;
  if (argc < 2 || getrlimit(RLIMIT_NOFILE, &files) != 0 ||
      getrlimit(RLIMIT_FSIZE, &size) != 0)
    return 2;
  char *colon = strchr(argv[1], ':');
  if (!colon)
    return 2;
  unsigned long soft = strtoul(argv[1], 0, 10),
                hard = strtoul(colon + 1, 0, 10);
  return files.rlim_cur == soft && files.rlim_max == hard &&
                 size.rlim_cur == RLIM_INFINITY
             ? 0
             : 1;
}
