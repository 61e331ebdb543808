// Input tangle cannot use is named precisely, in one line, exit 2, before
// anything runs: a directory called like a source file; for a built program,
// what its ELF header says (a script, not ELF, 32-bit, an object file,
// statically linked); a suppressions file that is not text (its first bad
// line by number, never its raw bytes). Output to a pipe nobody reads any
// more ends quietly with exit 141, cleaning up. The twins: the same program
// built normally, a text suppressions file, and a pipe that is read.
//
// RUN: rm -rf %t.tmp %t.dir.c && mkdir -p %t.tmp %t.dir.c
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %t.dir.c > %t.dir.txt 2>&1; test $? -eq 2
// RUN: printf '#!/bin/sh\nexit 0\n' > %t.script && chmod +x %t.script
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check -- %t.script > %t.script.txt 2>&1; test $? -eq 2
// RUN: echo junk > %t.junk && chmod +x %t.junk
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check -- %t.junk > %t.junk.txt 2>&1; test $? -eq 2
// RUN: %python -c "import struct, sys; sys.stdout.buffer.write(b'\x7fELF' + bytes([1, 1, 1]) + bytes(9) + struct.pack('<HHI', 2, 3, 1) + bytes(40))" > %t.elf32 && chmod +x %t.elf32
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check -- %t.elf32 > %t.elf32.txt 2>&1; test $? -eq 2
// RUN: %clang -c %s -o %t.o && chmod +x %t.o
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check -- %t.o > %t.object.txt 2>&1; test $? -eq 2
// RUN: %clang -static -pthread %s -o %t.static
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check -- %t.static > %t.static.txt 2>&1; test $? -eq 2
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --suppressions %t.o > %t.supp.txt 2>&1; test $? -eq 2
// RUN: test "$(LC_ALL=C grep -c '[^[:print:]]' %t.supp.txt)" = 0
// RUN: cat %t.dir.txt %t.script.txt %t.junk.txt %t.elf32.txt %t.object.txt %t.static.txt %t.supp.txt > %t.all.txt
// RUN: FileCheck %s --input-file %t.all.txt
// RUN: test $(wc -l < %t.all.txt) -eq 7
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %python %S/../Inputs/closed_pipe.py -- %tangle check %s --no-lint --format json; test $? -eq 141
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// The twins:
// RUN: %clang -g -pthread %s -o %t.bin
// RUN: echo 'race.data:nothing_here' > %t.supp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.ok %tangle check --suppressions %t.supp -- %t.bin | cat > %t.ok.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=OK --input-file %t.ok.txt
// RUN: %python %S/../Inputs/leftovers.py %t.ok %t.tmp
//
// CHECK: tangle: error: {{.*}}.dir.c is a directory, not a source file
// CHECK-NEXT: tangle: error: {{.*}}.script is a script, not a compiled program
// CHECK-NEXT: tangle: error: {{.*}}.junk is not a program tangle can run (not an ELF executable)
// CHECK-NEXT: tangle: error: {{.*}}.elf32 is a 32-bit program; tangle checks 64-bit programs (build it without -m32)
// CHECK-NEXT: tangle: error: {{.*}}.o is an object file, not a program: link it first
// CHECK-NEXT: tangle: error: {{.*}}.static is statically linked; tangle's runtime needs a dynamically linked program (build it without -static)
// CHECK-NEXT: tangle: error: {{.*}}.o:1: not text (binary bytes; is this a suppressions file?)
// OK: tangle: clean:
#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int counter;

void *work(void *arg) {
  pthread_mutex_lock(&lock);
  counter++;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  work(0);
  pthread_join(t, 0);
  return 0;
}
