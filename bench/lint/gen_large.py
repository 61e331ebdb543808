#!/usr/bin/env python3
"""Writes a large C translation unit for timing tangle-lint against
`clang -fsyntax-only`: many worker functions that lock, touch globals and
files, call helpers, and a main that starts them as threads."""
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
out = [
    "#include <pthread.h>",
    "#include <stdio.h>",
    "#include <stdlib.h>",
    "#include <string.h>",
    "#include <unistd.h>",
    "#define LOG_PATH \"bench.log\"",
]
for i in range(N):
    out.append("static pthread_mutex_t lock_%d = PTHREAD_MUTEX_INITIALIZER;" % i)
    out.append("static long counter_%d;" % i)
for i in range(N):
    out.append("static int helper_%d(int x);" % i)
for i in range(N):
    nxt = (i + 1) % N
    out.append("""
static int helper_%(i)d(int x) {
  int acc = 0;
  for (int k = 0; k < x; k++) {
    if ((k ^ %(i)d) & 1)
      acc += k * 3;
    else
      acc -= k / 2;
  }
  switch (acc & 3) {
  case 0: return acc + 1;
  case 1: return acc - 1;
  default: return acc;
  }
}

static void *worker_%(i)d(void *arg) {
  pthread_mutex_lock(&lock_%(i)d);
  counter_%(i)d += helper_%(i)d((int)(long)arg);
  pthread_mutex_unlock(&lock_%(i)d);
  if (counter_%(i)d > 100) {
    FILE *f = fopen(LOG_PATH, "a");
    if (f) {
      fprintf(f, "%%ld\\n", counter_%(nxt)d);
      fclose(f);
    }
  }
  char buf[64];
  snprintf(buf, sizeof buf, "%%d", helper_%(nxt)d(%(i)d));
  return (void *)(long)strlen(buf);
}""" % {"i": i, "nxt": nxt})
out.append("int main(void) {")
out.append("  pthread_t t[16];")
for i in range(16):
    out.append("  pthread_create(&t[%d], NULL, worker_%d, NULL);" % (i, i * (N // 16)))
out.append("  for (int i = 0; i < 16; i++)\n    pthread_join(t[i], NULL);")
out.append("  return 0;\n}")
print("\n".join(out))
