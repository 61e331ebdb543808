// tangle attach --core: the deadlocked program of abba.c, dumped with gcore
// as a CI job does at its timeout, explained post mortem from the core
// file's notes (each thread's registers, the mapped files) and memory: the
// same report as attaching to the live process, but for the line that says
// where it came from. A truncated core, a file that is no core and a core
// with the wrong executable each get one line and exit 2.
//
// REQUIRES: gcore, ptrace
// RUN: %clang -g -O0 -pthread %S/abba.c -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --output %t.live.txt --program %t.bin -- %tangle attach {pid}
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --gcore %t.core --output %t.txt --program %t.bin -- %tangle attach --core {core} %t.bin
// RUN: FileCheck %s --input-file %t.txt
// RUN: grep -v -e '^tangle: bugs' -e '^process after' %t.live.txt > %t.live.report
// RUN: grep -v -e '^tangle: bugs' -e '^process after' %t.txt > %t.core.report
// RUN: diff %t.live.report %t.core.report
//
// CHECK: abba.c:[[#]]:3: error: deadlock: thread {{[12]}} waits for {{accounts|audit}} held by thread {{[12]}}, which waits for {{accounts|audit}} held by thread {{[12]}} [deadlock.cycle]
// CHECK-DAG: abba.c:47:3: note: thread 1 (deposit) waits here to lock audit, held by thread 2 (report)
// CHECK-DAG: abba.c:56:3: note: thread 2 (report) waits here to lock accounts, held by thread 1 (deposit)
// CHECK: tangle: bugs: 1 finding in {{.*}}.core.[[#]] (3 threads, {{.*}})
// CHECK: attach exit code: 1
//
// Bad cores: one line each, exit 2.
// RUN: printf 'not a core' > %t.short
// RUN: %tangle attach --core %t.short %t.bin > %t.short.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=SHORT --input-file %t.short.txt
// RUN: %tangle attach --core %t.bin %t.bin > %t.notcore.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NOTCORE --input-file %t.notcore.txt
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --gcore %t.core --output %t.trunc.txt --program %t.bin -- sh -c 'head -c 200000 {core} > %t.truncated; %tangle attach --core %t.truncated %t.bin'
// RUN: FileCheck %s --check-prefix=TRUNC --input-file %t.trunc.txt
// RUN: rm -f %t.truncated
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --gcore %t.core --output %t.wrong.txt --program %t.bin -- %tangle attach --core {core} %clang
// RUN: FileCheck %s --check-prefix=WRONG --input-file %t.wrong.txt
//
// SHORT: tangle: error: {{.*}}.short is not a readable core file: too short for an ELF header
// SHORT-EMPTY:
// NOTCORE: tangle: error: {{.*}}.bin is not a readable core file: an ELF file, but not a core dump
// NOTCORE-EMPTY:
// TRUNC: tangle: error: {{.*}}.truncated is not a readable core file: {{.*}}(truncated?)
// TRUNC-NEXT: attach exit code: 2
// WRONG: tangle: error: {{.*}}.core.[[#]] does not map clang{{.*}}: give the executable the core was dumped from
// WRONG-NEXT: attach exit code: 2
