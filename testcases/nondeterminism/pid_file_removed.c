// The twin of pid_file.c: the program removes its pid file before it
// exits, so every execution does the same under the same schedule: clean,
// every interleaving explored.
//
// RUN: rm -f %t.pid; %clang -g -O0 -pthread -DREMOVE -DPID_FILE='"%t.pid"' %S/pid_file.c -o %t.bin
// RUN: %tangle check --format json -- %t.bin > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check -- %t.bin > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
