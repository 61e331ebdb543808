// tangle check --format github: one workflow-command annotation per finding
// at its file and line, the message escaped (newlines as %0A; '%' as %25,
// tested in cli/tests/render_github_test.cpp) and the properties too (','
// as %2C, ':' as %3A: the file here is named "odd,name:1.c"); the static warning the deadlock confirms is a line of its
// annotation, not one of its own; then the summary line as plain text.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s "%t.dir/odd,name:1.c" && cd %t.dir
// RUN: %tangle check "odd,name:1.c" --format github > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check "odd,name:1.c" --format github --lang zh > %t.zh.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ZH --input-file %t.zh.txt
//
// CHECK: ::error file=odd%2Cname%3A1.c,line={{[0-9]+}},col={{[0-9]+}},title=tangle deadlock.cycle::deadlock: thread 1 waits for other held by thread 2, which waits for percent_100 held by thread 1%0Athe static checks warn of this too: lock-order inversion{{.*}}[tangle-lock-order-inversion]%0Afix: {{.*}}%0Areplay: tangle replay --schedule '{{[0-9x,]+}}' odd,name:1.c{{$}}
// CHECK-NOT: ::
// CHECK: tangle: bugs: 1 finding in
//
// The same annotation in the report's language (--lang zh): the lines it
// adds to the finding's message are the catalog's, not English.
// ZH: ::error file=odd%2Cname%3A1.c,line={{[0-9]+}},col={{[0-9]+}},title=tangle deadlock.cycle::{{.*}}%0A修复建议：{{.*}}%0A重放：tangle replay --schedule '{{[0-9x,]+}}' odd,name:1.c{{$}}
// ZH-NOT: fix:
#include <pthread.h>

pthread_mutex_t percent_100 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t other = PTHREAD_MUTEX_INITIALIZER;

void *t1(void *arg) {
  pthread_mutex_lock(&percent_100);
  pthread_mutex_lock(&other);
  pthread_mutex_unlock(&other);
  pthread_mutex_unlock(&percent_100);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&other);
  pthread_mutex_lock(&percent_100);
  pthread_mutex_unlock(&percent_100);
  pthread_mutex_unlock(&other);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
