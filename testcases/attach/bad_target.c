// tangle attach on what it cannot attach to: no such process, not a
// number, a zombie, and (as root) a process of another user: one line each
// and exit 2; nothing is left stopped.
//
// RUN: %tangle attach 2147483647 > %t.none.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NONE --input-file %t.none.txt
// RUN: %tangle attach twelve > %t.nan.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NAN --input-file %t.nan.txt
// RUN: %python %S/../Inputs/attach.py --zombie --threads 1 --output %t.zombie.txt --program none -- %tangle attach {pid}
// RUN: FileCheck %s --check-prefix=ZOMBIE --input-file %t.zombie.txt
//
// NONE: tangle: error: no process 2147483647
// NONE-EMPTY:
// NAN: tangle: error: expected 'tangle attach PID' (a process id) or 'tangle attach --core CORE BINARY'
// ZOMBIE: tangle: error: process [[#]] is a zombie: it has ended, and only waits for its parent to reap it
// ZOMBIE-NEXT: attach exit code: 2
