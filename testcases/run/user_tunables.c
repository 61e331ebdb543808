// The launcher starts the full tangle with glibc's malloc on huge pages
// (GLIBC_TUNABLES=...glibc.malloc.hugetlb=1: a prediction's hundreds of
// MiB fault in 4 KiB at a time, 10-17 us a page on a VM), and the full
// tangle gives the programs it starts the user's own GLIBC_TUNABLES back:
// none when the user had none, the same value otherwise, and no variable
// of tangle's own.
//
// The program exits with 0 when GLIBC_TUNABLES is argv[1] ("-": not set)
// and TANGLE_USER_GLIBC_TUNABLES is not set, and 1 otherwise.
// RUN: %clang -g -O0 %s -o %t.tunables
// RUN: env -u GLIBC_TUNABLES %tangle run -- %t.tunables - | FileCheck %s
// RUN: env GLIBC_TUNABLES=glibc.malloc.arena_max=2 %tangle run -- %t.tunables glibc.malloc.arena_max=2 | FileCheck %s
// RUN: env GLIBC_TUNABLES= %tangle run -- %t.tunables "" | FileCheck %s
// RUN: env -u GLIBC_TUNABLES %tangle run %s -- -- - | FileCheck %s
// CHECK: the program exited with status 0
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *tunables = getenv("GLIBC_TUNABLES");
  if (argc < 2 || getenv("TANGLE_USER_GLIBC_TUNABLES"))
    return 1;
  if (strcmp(argv[1], "-") == 0)
    return tunables ? 1 : 0;
  return tunables && strcmp(tunables, argv[1]) == 0 ? 0 : 1;
}
