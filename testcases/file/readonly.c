// A configuration file written by main before the threads start and only
// read by them: reads never race with reads, and pthread_create orders
// main's write before the threads' reads. Clean.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdio.h>

#define CONFIG "config.txt"

static void *reader(void *arg) {
  char line[64];
  FILE *f = fopen(CONFIG, "r");
  while (fgets(line, sizeof line, f))
    ;
  fclose(f);
  return NULL;
}

int main(void) {
  FILE *f = fopen(CONFIG, "w");
  fputs("threads=2\n", f);
  fclose(f);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, reader, NULL);
  pthread_create(&t2, NULL, reader, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
