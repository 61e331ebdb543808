// tangle run records futex waits, on futex/future_never_set.cpp: the worker
// forgets to set the promise, and main waits in future::get (libstdc++
// blocks it in a raw futex) for a value nobody will ever give. Before
// record mode recorded futexes the watchdog could not tell main waited for
// anything (it sleeps in a system call no interceptor saw): the run only
// ended when interrupted, with "did not watch futexes". Now main's futex
// wait is in its live wait-for state, so once nothing moved for
// --hang-after the watchdog reports deadlock.stall at the get() line (28),
// named as check names it. The twin, futex/promise_future.cpp, sets the
// value: the run ends, nothing unwatched.
//
// RUN: %tangle run %S/../futex/future_never_set.cpp --hang-after 0.5 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle run %S/../futex/promise_future.cpp --hang-after 0.5 --format json > %t.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.json
//
// CHECK: future_never_set.cpp:28:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread waits to get the value of a std::future in main at line 28; no thread will set it{{.*}}[deadlock.stall]
// CHECK: future_never_set.cpp:28:{{[0-9]+}}: note: main thread waits here to get the value of a std::future
// CHECK: main thread  blocked: futex wake-up
// CHECK-NOT: did not watch
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// FIXED-DAG: "verdict":{{ ?}}"no-hang"
// FIXED-DAG: "findings":{{ ?}}[]
// FIXED-DAG: "unwatched":{{ ?}}[]
