// bench/record_phases.sh compiles a benchmark program with `-include
// bench/phase_clock.h`: the program then appends to the file $PHASE_CLOCK,
// if set, the CLOCK_MONOTONIC nanoseconds at which its own constructors
// began (after the dynamic loader and the constructors of the libraries,
// tangle's preloaded runtime among them) and at which it began to exit.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long phase_clock_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long phase_clock_started;

static void phase_clock_exit(void) {
  long long ended = phase_clock_now();
  const char *file = getenv("PHASE_CLOCK");
  FILE *out = file ? fopen(file, "a") : 0;
  if (out) {
    fprintf(out, "%lld %lld\n", phase_clock_started, ended);
    fclose(out);
  }
}

__attribute__((constructor(101))) static void phase_clock_start(void) {
  phase_clock_started = phase_clock_now();
  atexit(phase_clock_exit);
}
