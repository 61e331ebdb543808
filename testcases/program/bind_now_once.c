// Under check the fork server binds the program's symbols eagerly with
// LD_BIND_NOW=1. A user's own LD_BIND_NOW is replaced, not repeated: the
// program's environment holds the name once, whatever the user set.
// RUN: %clang -g -O0 %s -o %t
// RUN: env LD_BIND_NOW=0 %tangle check --show-output -- %t > %t.user.txt
// RUN: FileCheck %s --input-file %t.user.txt
//
// The twin: with no LD_BIND_NOW of the user's, tangle's own one.
// RUN: env -u LD_BIND_NOW %tangle check --show-output -- %t > %t.unset.txt
// RUN: FileCheck %s --input-file %t.unset.txt
//
// CHECK: LD_BIND_NOW entries: 1, value 1
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(void) {
  int entries = 0;
  const char *value = "";
  for (char **e = environ; *e; ++e)
    if (strncmp(*e, "LD_BIND_NOW=", 12) == 0) {
      ++entries;
      value = *e + 12;
    }
  printf("LD_BIND_NOW entries: %d, value %s\n", entries, value);
  return 0;
}
