// tangle attach on a process of another user, run as nobody on a program
// root started: the kernel refuses ptrace; tangle says so in one line,
// exits 2, and the process runs on untouched.
//
// REQUIRES: root, ptrace
// RUN: %clang -g -O0 -pthread %S/abba.c -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --output %t.txt --program %t.bin -- %unprivileged %tangle attach {pid}
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: tangle: error: cannot attach to process [[#]]: ptrace was refused (not a process of yours, or you lack CAP_SYS_PTRACE{{.*}})
// CHECK-NEXT: attach exit code: 2
// CHECK-NEXT: process after attach: unchanged, 3 threads blocked
