// -p reads the flags from compile_commands.json: the file only compiles
// with -DSELLERS=4 from the database, and every file of the database is
// linted when none is named.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -e "s|@DIR@|%S|g" -e "s|@FILE@|%s|g" %S/Inputs/compile_commands.json.in > %t/compile_commands.json
// RUN: %tangle-lint -p %t %s > %t/out.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t/out.txt --implicit-check-not=warning:
// RUN: %tangle-lint -p %t > %t/all.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t/all.txt --implicit-check-not=warning:
// RUN: %tangle-lint %s -- 2> %t/err.txt; test $? -eq 2
#include <pthread.h>

static int sold[SELLERS];

static void *sell(void *arg) {
  // CHECK: :[[@LINE+1]]:3: warning: 'sold' is written in thread 'sell' and written in another instance of thread 'sell'
  sold[0]++;
  return NULL;
}

int main(void) {
  pthread_t t[SELLERS];
  for (int i = 0; i < SELLERS; i++)
    pthread_create(&t[i], NULL, sell, NULL);
  for (int i = 0; i < SELLERS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
