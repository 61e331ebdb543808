// tangle attach on the deadlock of abba.c built without debug info and
// stripped: no names and no lines, but the same cycle, each mutex by its
// address and where it lies in the program, each wait by the address of
// the call.
//
// REQUIRES: ptrace
// RUN: %clang -g0 -s -O0 -pthread %S/abba.c -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --output %t.txt --program %t.bin -- %tangle attach {pid}
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: error: deadlock: thread {{[12]}} waits for mutex at 0x[[#%x,]] held by thread {{[12]}}, which waits for mutex at 0x[[#%x,]] held by thread {{[12]}} [deadlock.cycle]
// CHECK-DAG: note: thread 1 holds mutex at 0x{{[0-9a-f]+}} (in no_debug_info.c.tmp.bin+0x{{[0-9a-f]+}}; locked at no_debug_info.c.tmp.bin+0x{{[0-9a-f]+}})
// CHECK-DAG: note: thread 1 waits here to lock mutex at 0x{{[0-9a-f]+}} (called at no_debug_info.c.tmp.bin+0x{{[0-9a-f]+}}), held by thread 2
// CHECK-DAG: note: thread 2 holds mutex at 0x{{[0-9a-f]+}} (in no_debug_info.c.tmp.bin+0x{{[0-9a-f]+}}; locked at no_debug_info.c.tmp.bin+0x{{[0-9a-f]+}})
// CHECK-DAG: note: thread 2 waits here to lock mutex at 0x{{[0-9a-f]+}} (called at no_debug_info.c.tmp.bin+0x{{[0-9a-f]+}}), held by thread 1
// CHECK: tangle: bugs: 1 finding in process [[#]] (3 threads, {{.*}})
// CHECK: attach exit code: 1
// CHECK: process after attach: unchanged, 3 threads blocked
