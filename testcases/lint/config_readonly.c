// Clean: several threads read one configuration file and nobody writes it.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <stdio.h>

static const char *config_path = "server.conf";

static void *worker(void *arg) {
  char line[128];
  FILE *f = fopen(config_path, "r");
  while (fgets(line, sizeof line, f))
    ;
  fclose(f);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
