// Threads that only write — diagnostics to stderr and stdout, lines to a
// log file that nobody reads back — lose no update: stdio streams lock
// themselves and nothing is read and written back. Clean. The twin that
// reads the file back and rewrites it is ticket_threads.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <stdio.h>

static FILE *log_file;

static void *work(void *arg) {
  fprintf(stderr, "worker %ld starting\n", (long)arg);
  printf("working\n");
  fputs("step\n", stdout);
  perror("work");
  fprintf(log_file, "worker %ld done\n", (long)arg);
  return NULL;
}

int main(void) {
  log_file = fopen("run.log", "a");
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  fprintf(stderr, "main waiting\n");
  fprintf(log_file, "main waiting\n");
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  fclose(log_file);
  return 0;
}
