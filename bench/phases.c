// bench/record_phases.sh's timer: runs each command once a round, in turn,
// ROUNDS rounds, and prints for each the median wall time (fork to wait4),
// the CPU time of the process and its children (wait4's rusage), their
// page faults (minor: a page first mapped, 10-30 us each on a VM), and, for
// a program built with bench/phase_clock.h, how that wall time splits:
// before the program's own constructors (fork, exec, the dynamic loader,
// the libraries' constructors; under tangle, tangle's start too), the
// program's own run, and after its exit until the wait returned.
//
//   phases ROUNDS [VAR=VALUE ...] COMMAND ARGS
//          [:: [VAR=VALUE ...] COMMAND ARGS ...]
//
// Output is discarded (/dev/null); a command that fails is named on stderr.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MaxCommands = 32 };

static long long now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int ascending(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *values, int n) {
  qsort(values, n, sizeof(double), ascending);
  return values[n / 2];
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr,
            "usage: phases ROUNDS COMMAND ARGS [:: COMMAND ARGS ...]\n");
    return 2;
  }
  int rounds = atoi(argv[1]);
  char **commands[MaxCommands];
  int count = 0;
  commands[count++] = argv + 2;
  for (int i = 2; i < argc; ++i)
    if (strcmp(argv[i], "::") == 0 && count < MaxCommands) {
      argv[i] = NULL;
      commands[count++] = argv + i + 1;
    }
  if (rounds < 1)
    return 2;
  double *wall = calloc(count * rounds, sizeof(double));
  double *cpu = calloc(count * rounds, sizeof(double));
  double *before = calloc(count * rounds, sizeof(double));
  double *own = calloc(count * rounds, sizeof(double));
  double *after = calloc(count * rounds, sizeof(double));
  double *faults = calloc(count * rounds, sizeof(double));
  char clock[64];
  snprintf(clock, sizeof clock, "/tmp/phases.%d", (int)getpid());
  setenv("PHASE_CLOCK", clock, 1);
  for (int r = 0; r < rounds; ++r)
    for (int k = 0; k < count; ++k) {
      unlink(clock);
      long long forked = now();
      pid_t pid = fork();
      if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        char **word = commands[k];
        while (*word && strchr(*word, '=') && **word != '/' && **word != '.')
          putenv(*word++);
        execvp(word[0], word);
        _exit(127);
      }
      int status = 0;
      struct rusage usage;
      wait4(pid, &status, 0, &usage);
      long long reaped = now();
      int i = k * rounds + r;
      wall[i] = (reaped - forked) / 1e6;
      cpu[i] = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
      faults[i] = usage.ru_minflt + usage.ru_majflt;
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fprintf(stderr, "failed: %s\n", commands[k][0]);
      long long started = 0, ended = 0;
      FILE *in = fopen(clock, "r");
      if (in) {
        if (fscanf(in, "%lld %lld", &started, &ended) != 2)
          started = ended = 0;
        fclose(in);
      }
      if (started) {
        before[i] = (started - forked) / 1e6;
        own[i] = (ended - started) / 1e6;
        after[i] = (reaped - ended) / 1e6;
      }
    }
  unlink(clock);
  printf("| command | wall | CPU | faults | before main | program | after "
         "exit |\n");
  printf("|---|---|---|---|---|---|---|\n");
  for (int k = 0; k < count; ++k) {
    int i = k * rounds;
    printf("| `");
    for (char **word = commands[k]; *word; ++word)
      printf("%s%s", word == commands[k] ? "" : " ", *word);
    printf("` | %.2f ms | %.2f ms | %.0f | %.2f ms | %.2f ms | %.2f ms |\n",
           median(wall + i, rounds), median(cpu + i, rounds),
           median(faults + i, rounds), median(before + i, rounds),
           median(own + i, rounds), median(after + i, rounds));
  }
  return 0;
}
