// tangle-bench: how much exploration tangle does, and what each execution
// costs. Not a test: it prints a table (docs/bench.md explains the columns).
//
//   scripted  tangle::explore on ScriptedProgram (no processes): executions
//             explored beside the exact number of traces (distinct lock-
//             acquisition orders, the optimum), the naive DFS interleaving
//             count, and Nidhugg's published optimal-mode counts.
//   live      the same programs as real C programs, compiled with clang and
//             explored through the real pipeline (LiveProgram + explore),
//             beside the machine's floor measured in the same run: fork +
//             exit + waitpid of a process that creates and joins as many
//             threads. Everything runs pinned to one CPU.
#include "bench/interleavings.h"
#include "cli/live_program.h"
#include "model/explore/explorer.h"
#include "model/explore/scripted_program.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <pthread.h>
#include <sched.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#ifndef TANGLE_CLANG
#define TANGLE_CLANG "clang"
#endif
#ifndef TANGLE_RT_PATH
#define TANGLE_RT_PATH "libtangle_rt.so"
#endif

using namespace tangle;

namespace {

struct Options {
  bool scripted = true;
  bool live = true;
  bool full = false;      // every live row, including the slow ones
  double rowTimeout = 20; // seconds per explored row
  bool crossCheck = true; // naive explore() vs the computed count
  bool memory = true;     // the memory-instrumentation table
};

struct Case {
  std::string name; // "philosophers" / "philosophers-ordered" / "shared-lock"
  int n = 0;        // threads besides main
  int k = 0;        // rounds (philosophers) or increments (shared lock)
  bool ordered = false;
  bool philosophers = true;
  std::optional<long> nidhugg; // Nidhugg optimal mode, from the issue

  Script script() const {
    return philosophers ? scripts::philosophers(n, k, ordered)
                        : scripts::sharedLock(n, k);
  }
  std::string label() const {
    char buf[96];
    if (philosophers)
      snprintf(buf, sizeof buf, "philosophers%s N=%d r=%d",
               ordered ? "-ordered" : "", n, k);
    else
      snprintf(buf, sizeof buf, "shared-lock %dx%d", n, k);
    return buf;
  }
};

std::vector<Case> allCases() {
  std::vector<Case> cases;
  for (int rounds = 1; rounds <= 2; ++rounds)
    for (int n = 3; n <= 6; ++n)
      for (bool ordered : {false, true}) {
        Case c;
        c.n = n;
        c.k = rounds;
        c.ordered = ordered;
        if (rounds == 1 && n <= 5)
          c.nidhugg = ordered ? (1L << n) - 2 : (1L << n) - 1;
        if (rounds == 2 && n == 4 && ordered)
          c.nidhugg = 786;
        cases.push_back(c);
      }
  for (auto [n, k] :
       {std::pair{2, 1}, {2, 3}, {3, 1}, {3, 2}, {4, 1}, {4, 2}, {3, 3}}) {
    Case c;
    c.philosophers = false;
    c.n = n;
    c.k = k;
    cases.push_back(c);
  }
  return cases;
}

std::string count(long double v) {
  char buf[64];
  if (v < 1e15L)
    snprintf(buf, sizeof buf, "%.0Lf", v);
  else
    snprintf(buf, sizeof buf, "%.3Le", v);
  return buf;
}

double now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// ---------------------------------------------------------------- scripted

void scriptedTable(const Options &options) {
  printf("\n== Scripted programs (tangle::explore on ScriptedProgram, no "
         "processes) ==\n");
  printf("%-30s %10s %8s %10s %10s %12s %14s %9s\n", "program", "explored",
         "blocked", "seconds", "exec/s", "traces(opt)", "naive DFS", "Nidhugg");
  for (const Case &c : allCases()) {
    ScriptedProgram program(c.script());
    ExploreOptions eo;
    eo.timeoutSeconds = options.rowTimeout;
    eo.maxFindings = 1000;
    Report r = explore(program, eo);
    bench::InterleavingCounts counts = bench::countInterleavings(c.script());
    std::string explored = std::to_string(r.stats.executions);
    if (!r.stats.complete)
      explored += "*";
    double rate =
        r.stats.seconds > 0 ? r.stats.executions / r.stats.seconds : 0;
    std::string traces = counts.ok ? count(counts.traces) : "-";
    std::string naive = counts.ok ? count(counts.naive) : "-";
    std::string mark;
    if (counts.ok && r.stats.complete &&
        (long double)r.stats.executions != counts.traces)
      mark = "  (explored != traces)";
    // Cross-check the computed naive count against the explorer's own
    // unreduced search where that is affordable.
    if (options.crossCheck && counts.ok && counts.naive <= 20000) {
      ExploreOptions naiveOptions = eo;
      naiveOptions.reduce = false;
      Report nr = explore(program, naiveOptions);
      if (nr.stats.complete && (long double)nr.stats.executions != counts.naive)
        mark += "  (explore(reduce=false) ran " +
                std::to_string(nr.stats.executions) + ")";
    }
    printf("%-30s %10s %8llu %10.4f %10.0f %12s %14s %9s%s\n",
           c.label().c_str(), explored.c_str(),
           (unsigned long long)r.stats.sleepBlocked, r.stats.seconds, rate,
           traces.c_str(), naive.c_str(),
           c.nidhugg ? std::to_string(*c.nidhugg).c_str() : "", mark.c_str());
    fflush(stdout);
  }
  printf("(* = stopped by the %.0f s row limit; traces(opt) = distinct "
         "lock-acquisition orders, the least any exhaustive search can run)\n",
         options.rowTimeout);
}

// -------------------------------------------------------------------- live

std::string cSource(const Case &c) {
  std::string s = "#include <pthread.h>\n";
  s += "#define N " + std::to_string(c.n) + "\n";
  s += "#define K " + std::to_string(c.k) + "\n";
  if (c.philosophers) {
    s += "#define ORDERED " + std::to_string(c.ordered ? 1 : 0) + "\n";
    s +=
        R"(pthread_mutex_t fork_[N] = {[0 ... N - 1] = PTHREAD_MUTEX_INITIALIZER};
void *philosopher(void *arg) {
  int i = (int)(long)arg, first = i, second = (i + 1) % N;
  if (ORDERED && second < first) {
    first = second;
    second = i;
  }
  for (int r = 0; r < K; r++) {
    pthread_mutex_lock(&fork_[first]);
    pthread_mutex_lock(&fork_[second]);
    pthread_mutex_unlock(&fork_[second]);
    pthread_mutex_unlock(&fork_[first]);
  }
  return 0;
}
#define WORKER philosopher
)";
  } else {
    s += R"(pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int counter;
void *increment(void *arg) {
  for (int r = 0; r < K; r++) {
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
  }
  return 0;
}
#define WORKER increment
)";
  }
  s += R"(int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], 0, WORKER, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], 0);
  return 0;
}
)";
  return s;
}

void *emptyThread(void *) { return nullptr; }

/// Median wall time, in microseconds, of fork + (create and join n threads)
/// + _exit + waitpid, forking the calling process.
double floorInThisProcess(int n, int reps) {
  std::vector<double> samples;
  for (int i = 0; i < reps; ++i) {
    double start = now();
    pid_t pid = fork();
    if (pid == 0) {
      std::vector<pthread_t> t(n);
      for (int j = 0; j < n; ++j)
        pthread_create(&t[j], nullptr, emptyThread, nullptr);
      for (int j = 0; j < n; ++j)
        pthread_join(t[j], nullptr);
      _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    samples.push_back((now() - start) * 1e6);
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

/// The floor as a small program sees it. Forking costs more as a process
/// grows, and this bench grows as it explores (the program tangle forks
/// stays small), so it is measured in a fresh copy of the bench, started
/// with --floor before it has done anything else.
double floorMicros(int n, int reps) {
  char self[4096];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0)
    return 0;
  self[len] = '\0';
  std::string cmd = std::string(self) + " --floor " + std::to_string(n) +
                    " " + std::to_string(reps);
  FILE *p = popen(cmd.c_str(), "r");
  double us = 0;
  if (!p || fscanf(p, "%lf", &us) != 1)
    us = 0;
  if (p)
    pclose(p);
  return us;
}

bool liveRowWanted(const Case &c, const Options &options) {
  if (options.full)
    return true;
  if (c.philosophers)
    return c.k == 1 ? c.n <= 5 : c.n <= 4 && c.ordered;
  return c.n * c.k <= 6;
}

void liveTable(const Options &options) {
  printf("\n== Live programs (clang -g -O0 -fno-omit-frame-pointer -pthread; "
         "LiveProgram + explore; pinned to one CPU) ==\n");
  char dirTemplate[] = "/tmp/tangle-bench-XXXXXX";
  if (!mkdtemp(dirTemplate)) {
    perror("mkdtemp");
    return;
  }
  std::string dir = dirTemplate;
  printf("%-30s %10s %10s %10s %10s %10s %8s\n", "program", "executions",
         "seconds", "exec/s", "us/exec", "floor us", "ratio");
  for (const Case &c : allCases()) {
    if (!liveRowWanted(c, options))
      continue;
    std::string base = dir + "/" + (c.philosophers ? "phil" : "shared") +
                       std::to_string(c.n) + "_" + std::to_string(c.k) +
                       (c.ordered ? "o" : "");
    {
      std::ofstream out(base + ".c");
      out << cSource(c);
    }
    std::string cmd = std::string(TANGLE_CLANG) +
                      " -g -O0 -fno-omit-frame-pointer -pthread -o " + base +
                      " " + base + ".c";
    if (std::system(cmd.c_str()) != 0) {
      printf("%-30s compile failed: %s\n", c.label().c_str(), cmd.c_str());
      continue;
    }
    LaunchOptions lo;
    lo.runtimeLibrary = TANGLE_RT_PATH;
    lo.argv = {base};
    std::string error;
    std::unique_ptr<LiveProgram> program = LiveProgram::launch(lo, error);
    if (!program) {
      printf("%-30s launch failed: %s\n", c.label().c_str(), error.c_str());
      continue;
    }
    ExploreOptions eo;
    eo.timeoutSeconds = options.rowTimeout;
    eo.maxFindings = 1000;
    Report r = explore(*program, eo);
    program.reset();
    double floor = floorMicros(c.n, 101);
    double perExec =
        r.stats.executions ? r.stats.seconds * 1e6 / r.stats.executions : 0;
    std::string executions = std::to_string(r.stats.executions);
    if (!r.stats.complete)
      executions += "*";
    printf("%-30s %10s %10.3f %10.0f %10.1f %10.1f %7.2fx%s\n",
           c.label().c_str(), executions.c_str(), r.stats.seconds,
           r.stats.seconds > 0 ? r.stats.executions / r.stats.seconds : 0,
           perExec, floor, floor > 0 ? perExec / floor : 0,
           r.stats.error.empty() ? "" : ("  " + r.stats.error).c_str());
    fflush(stdout);
  }
  std::system(("rm -rf " + dir).c_str());
  printf("(floor = median fork + create/join N empty threads + _exit + "
         "waitpid, measured just after the row; target ratio <= 1.5x)\n");
}

// ------------------------------------------------------------------ memory

/// The memory table's program, bench/memory_sweep.c: two threads each
/// sweep their own array (a load and a store per element), then add a
/// checksum to a shared total under a mutex: a memory-heavy loop with no
/// race. -DPASSES=N sets the size.
const char *const MemorySweep = TANGLE_BENCH_DIR "/memory_sweep.c";

/// Median wall time, in seconds, of running `path` to its end (fork, exec,
/// waitpid), over `reps` runs.
double runMedian(const std::string &path, int reps) {
  std::vector<double> samples;
  for (int i = 0; i < reps; ++i) {
    double start = now();
    pid_t pid = fork();
    if (pid == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 2);
      execl(path.c_str(), path.c_str(), (char *)nullptr);
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      return -1;
    samples.push_back(now() - start);
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

/// Median time, in seconds, of one explored execution of `path` under
/// tangle (the first, default schedule), over `reps` executions.
double tangleMedian(const std::string &path, int reps, bool &accessesLogged,
                    bool &logFull) {
  LaunchOptions lo;
  lo.runtimeLibrary = TANGLE_RT_PATH;
  lo.argv = {path};
  std::string error;
  std::unique_ptr<LiveProgram> program = LiveProgram::launch(lo, error);
  if (!program) {
    printf("launch failed: %s\n", error.c_str());
    return -1;
  }
  std::vector<double> samples;
  for (int i = 0; i < reps; ++i) {
    ExecutionRequest request;
    double start = now();
    Execution e = program->run(request);
    samples.push_back(now() - start);
    accessesLogged = e.accessesLogged;
    logFull = e.accessLogFull;
    if (e.end != EndReason::Exited)
      return -1;
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

void memoryTable() {
  printf("\n== Memory instrumentation: one execution of a memory-heavy loop "
         "(2 threads sweep 4096 ints, PASSES times; clang -g -O0 "
         "-fno-omit-frame-pointer -pthread; median of 5; pinned to one CPU) "
         "==\n");
  char dirTemplate[] = "/tmp/tangle-bench-mem-XXXXXX";
  if (!mkdtemp(dirTemplate)) {
    perror("mkdtemp");
    return;
  }
  std::string dir = dirTemplate;
  printf("%-22s %9s %9s %9s %9s   %9s %9s %9s  %s\n", "program", "native",
         "tsan", "tangle", "tangle+mem", "tsan/nat", "mem/plain",
         "mem/tsan", "access log");
  // About 0.5 Mi accesses per thread (the log holds 1 Mi in all), then
  // far more than the log holds.
  for (int passes : {60, 2000}) {
    std::string base = dir + "/sweep" + std::to_string(passes);
    const std::string flags = " -g -O0 -fno-omit-frame-pointer -pthread "
                              "-DPASSES=" +
                              std::to_string(passes) + " ";
    std::string rtDir = TANGLE_RT_PATH;
    rtDir = rtDir.substr(0, rtDir.rfind('/'));
    struct Build {
      std::string suffix, extra;
    } builds[] = {
        {"", ""},
        {"-tsan", "-fsanitize=thread"},
        {"-mem", std::string("-fsanitize=thread -fno-sanitize-link-runtime ") +
                     TANGLE_RT_PATH + " -Wl,-rpath," + rtDir},
    };
    bool built = true;
    for (const Build &b : builds) {
      std::string cmd = std::string(TANGLE_CLANG) + flags + b.extra + " -o " +
                        base + b.suffix + " " + MemorySweep;
      if (std::system(cmd.c_str()) != 0) {
        printf("compile failed: %s\n", cmd.c_str());
        built = false;
      }
    }
    if (!built)
      continue;
    double native = runMedian(base, 5);
    double tsan = runMedian(base + "-tsan", 5);
    bool logged = false, full = false, plainLogged = false, plainFull = false;
    double plain = tangleMedian(base, 5, plainLogged, plainFull);
    double mem = tangleMedian(base + "-mem", 5, logged, full);
    std::string label = "sweep PASSES=" + std::to_string(passes);
    printf("%-22s %8.3fs %8.3fs %8.3fs %8.3fs   %8.2fx %8.2fx %8.2fx  %s\n",
           label.c_str(), native, tsan, plain, mem, tsan / native,
           mem / plain, mem / tsan,
           !logged ? "not logged" : full ? "overflowed (1 Mi)" : "complete");
    fflush(stdout);
  }
  std::system(("rm -rf " + dir).c_str());
  printf("(native: the plain binary; tsan: clang -fsanitize=thread, its own "
         "runtime; tangle: the plain binary, one execution under tangle; "
         "tangle+mem: compiled as tangle check does, every access through "
         "tangle's hooks into the access log)\n");
}

void usage() {
  fprintf(stderr,
          "usage: tangle-bench [--scripted-only | --live-only | --memory-only]\n"
          "                    [--full]\n"
          "                    [--row-timeout SECONDS] [--no-cross-check]\n");
}

} // namespace

int main(int argc, char **argv) {
  if (argc == 4 && std::string(argv[1]) == "--floor") {
    printf("%.1f\n", floorInThisProcess(atoi(argv[2]), atoi(argv[3])));
    return 0;
  }
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--scripted-only")
      options.live = options.memory = false;
    else if (a == "--live-only")
      options.scripted = options.memory = false;
    else if (a == "--memory-only")
      options.scripted = options.live = false;
    else if (a == "--full")
      options.full = true;
    else if (a == "--no-cross-check")
      options.crossCheck = false;
    else if (a == "--row-timeout" && i + 1 < argc)
      options.rowTimeout = atof(argv[++i]);
    else {
      usage();
      return 2;
    }
  }
  // Everything on one CPU: the explorer, the fork server, the program's
  // threads, and the floor measurement (children inherit the affinity).
  int cpu = sched_getcpu();
  if (cpu < 0)
    cpu = 0;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0)
    perror("sched_setaffinity");
  printf("tangle-bench: pinned to CPU %d of %ld\n", cpu,
         sysconf(_SC_NPROCESSORS_ONLN));
  if (options.scripted)
    scriptedTable(options);
  if (options.live)
    liveTable(options);
  if (options.memory)
    memoryTable();
  return 0;
}
