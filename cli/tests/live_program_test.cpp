// LiveProgram and the runtime together: small C and C++ programs, compiled
// here with clang, run under libtangle_rt.so along requested schedules.
#include "cli/live_program.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <algorithm>
#include <atomic>
#include <dirent.h>
#include <thread>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sys/resource.h>
#include <unistd.h>

using namespace tangle;

namespace {

class LiveProgramTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/tangle-live-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  static void TearDownTestSuite() {
    std::string cmd = "rm -rf '" + dir_ + "'";
    (void)system(cmd.c_str());
  }

  /// Compiles `source` (C, or C++ when cxx) into an executable; "" on error.
  static std::string compile(const std::string &name, const std::string &source,
                             bool cxx = false) {
    std::string src = dir_ + "/" + name + (cxx ? ".cpp" : ".c");
    std::string exe = dir_ + "/" + name;
    std::ofstream(src) << source;
    std::string cmd = std::string(cxx ? TANGLE_CLANGXX : TANGLE_CLANG) +
                      " -g -O0 -fno-omit-frame-pointer -pthread " +
                      (cxx ? "-std=c++17 " : "") + "-o '" + exe + "' '" + src +
                      "'";
    return system(cmd.c_str()) == 0 ? exe : "";
  }

  static std::unique_ptr<LiveProgram> start(const std::string &exe,
                                            LaunchOptions options = {}) {
    options.runtimeLibrary = TANGLE_RT_PATH;
    if (options.argv.empty())
      options.argv = {exe};
    std::string error;
    auto program = LiveProgram::launch(options, error);
    EXPECT_TRUE(program) << error;
    return program;
  }

  static ExecutionRequest request(std::vector<ThreadId> prefix = {}) {
    ExecutionRequest r;
    r.prefix = std::move(prefix);
    r.timeoutSeconds = 10;
    return r;
  }

  /// The threads that executed `kind`, in order.
  static std::vector<ThreadId> threadsDoing(const Execution &ex, OpKind kind) {
    std::vector<ThreadId> result;
    for (const Event &e : ex.events)
      if (e.op.kind == kind)
        result.push_back(e.thread);
    return result;
  }

  static const Event *firstEvent(const Execution &ex, OpKind kind) {
    for (const Event &e : ex.events)
      if (e.op.kind == kind)
        return &e;
    return nullptr;
  }

  static std::string dir_;
};

std::string LiveProgramTest::dir_;

const char *TwoLockers = R"(
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
void *worker(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
int main() {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 3;
}
)";

TEST_F(LiveProgramTest, DefaultScheduleAndPrefix) {
  std::string exe = compile("two_lockers", TwoLockers);
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  ASSERT_FALSE(program->modules().empty());
  EXPECT_EQ(program->modules()[0].path, exe);

  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  EXPECT_EQ(ex.exitStatus, 3);
  EXPECT_EQ(threadsDoing(ex, OpKind::MutexLock), (std::vector<ThreadId>{1, 2}));
  EXPECT_EQ(threadsDoing(ex, OpKind::ThreadCreate),
            (std::vector<ThreadId>{0, 0}));
  const Event *lock = firstEvent(ex, OpKind::MutexLock);
  ASSERT_TRUE(lock);
  EXPECT_EQ(MutexType(lock->op.arg), MutexType::Default);
  EXPECT_FALSE(lock->stack.empty());
  EXPECT_NE(lock->stack.framePointers[0], 0u);

  // Main creates both threads, then thread 2 starts first and runs on.
  Execution reordered = program->run(request({0, 0, 2}));
  EXPECT_EQ(reordered.end, EndReason::Exited) << reordered.error;
  EXPECT_EQ(threadsDoing(reordered, OpKind::MutexLock),
            (std::vector<ThreadId>{2, 1}));
  ASSERT_GE(reordered.events.size(), 3u);
  EXPECT_EQ(reordered.events[2].thread, 2u);
  EXPECT_EQ(reordered.events[2].op.kind, OpKind::ThreadStart);
}

TEST_F(LiveProgramTest, AbBaDeadlock) {
  std::string exe = compile("abba", R"(
#include <pthread.h>
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
void *ab(void *arg) {
  pthread_mutex_lock(&A); pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B); pthread_mutex_unlock(&A);
  return 0;
}
void *ba(void *arg) {
  pthread_mutex_lock(&B); pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A); pthread_mutex_unlock(&B);
  return 0;
}
int main() {
  pthread_t t1, t2;
  pthread_create(&t1, 0, ab, 0);
  pthread_create(&t2, 0, ba, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  EXPECT_EQ(program->run(request()).end, EndReason::Exited);

  // t1 takes A, t2 takes B: each then waits for the other's lock.
  Execution ex = program->run(request({0, 0, 1, 1, 2, 2}));
  ASSERT_EQ(ex.end, EndReason::Deadlock) << ex.error;
  std::map<ThreadId, PendingOp> pending;
  for (const PendingOp &p : ex.pending)
    pending[p.thread] = p;
  ASSERT_EQ(pending.size(), 3u); // main waits in join
  EXPECT_EQ(pending[0].op.kind, OpKind::ThreadJoin);
  EXPECT_EQ(pending[1].op.kind, OpKind::MutexLock);
  EXPECT_EQ(pending[2].op.kind, OpKind::MutexLock);
  EXPECT_NE(pending[1].op.object, pending[2].op.object);
  EXPECT_FALSE(pending[1].stack.empty());
  EXPECT_NE(pending[1].stack.frames[0], pending[2].stack.frames[0]);
}

TEST_F(LiveProgramTest, DefaultMutexLockedTwiceDeadlocks) {
  std::string exe = compile("relock", R"(
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main() {
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&m);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Deadlock);
  ASSERT_EQ(ex.pending.size(), 1u);
  EXPECT_EQ(ex.pending[0].op.kind, OpKind::MutexLock);
}

TEST_F(LiveProgramTest, TryLockFailsWhenPrefixSaysSo) {
  std::string exe = compile("trylock", R"(
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
void *holder(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
int main() {
  pthread_t t;
  pthread_create(&t, 0, holder, 0);
  int rc = pthread_mutex_trylock(&m);
  if (rc == 0) pthread_mutex_unlock(&m);
  pthread_join(t, 0);
  return rc;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution free = program->run(request());
  const Event *tryFree = firstEvent(free, OpKind::MutexTryLock);
  ASSERT_TRUE(tryFree);
  EXPECT_EQ(tryFree->result, 0);
  EXPECT_EQ(free.exitStatus, 0);

  Execution held = program->run(request({0, 1, 1, 0}));
  const Event *tryHeld = firstEvent(held, OpKind::MutexTryLock);
  ASSERT_TRUE(tryHeld);
  EXPECT_EQ(tryHeld->result, EBUSY);
  EXPECT_EQ(held.end, EndReason::Exited) << held.error;
  EXPECT_EQ(held.exitStatus, EBUSY);
}

TEST_F(LiveProgramTest, ErrorCheckRelockReturnsEdeadlk) {
  std::string exe = compile("errorcheck", R"(
#include <pthread.h>
int main() {
  pthread_mutexattr_t attr;
  pthread_mutex_t m;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&m, &attr);
  pthread_mutex_lock(&m);
  int rc = pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return rc;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  EXPECT_EQ(ex.exitStatus, EDEADLK);
  const Event *init = firstEvent(ex, OpKind::MutexInit);
  ASSERT_TRUE(init);
  EXPECT_EQ(MutexType(init->op.arg), MutexType::ErrorCheck);
  ASSERT_EQ(threadsDoing(ex, OpKind::MutexLock).size(), 2u);
}

TEST_F(LiveProgramTest, StdThreadAndScopedLock) {
  std::string exe = compile("scoped", R"(
#include <mutex>
#include <thread>
std::mutex a, b;
std::recursive_mutex r;
int main() {
  std::thread t1([] { std::scoped_lock both(a, b); });
  std::thread t2([] {
    std::scoped_lock both(b, a);
    std::lock_guard<std::recursive_mutex> g1(r), g2(r);
  });
  t1.join();
  t2.join();
  return 0;
}
)",
                            true);
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  EXPECT_FALSE(threadsDoing(ex, OpKind::MutexLock).empty());
  EXPECT_FALSE(threadsDoing(ex, OpKind::MutexTryLock).empty());
  EXPECT_EQ(threadsDoing(ex, OpKind::ThreadStart),
            (std::vector<ThreadId>{1, 2}));
  EXPECT_EQ(threadsDoing(ex, OpKind::ThreadJoin),
            (std::vector<ThreadId>{0, 0}));
  bool recursive = false;
  for (const Event &e : ex.events)
    recursive |= e.op.kind == OpKind::MutexLock &&
                 MutexType(e.op.arg) == MutexType::Recursive;
  EXPECT_TRUE(recursive);
}

TEST_F(LiveProgramTest, PthreadExitRunsDestructorsBeforeThreadExit) {
  std::string exe = compile("pthread_exit", R"(
#include <mutex>
#include <pthread.h>
std::mutex m;
void *worker(void *) {
  std::lock_guard<std::mutex> g(m);
  pthread_exit(nullptr);
}
int main() {
  pthread_t t;
  pthread_create(&t, nullptr, worker, nullptr);
  pthread_join(t, nullptr);
  pthread_exit(nullptr); // main leaves first; the process ends with it
}
)",
                            true);
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  std::vector<OpKind> worker;
  for (const Event &e : ex.events)
    if (e.thread == 1)
      worker.push_back(e.op.kind);
  EXPECT_EQ(worker,
            (std::vector<OpKind>{OpKind::ThreadStart, OpKind::MutexLock,
                                 OpKind::MutexUnlock, OpKind::ThreadExit}));
  EXPECT_EQ(threadsDoing(ex, OpKind::ThreadExit),
            (std::vector<ThreadId>{1, 0}));
}

TEST_F(LiveProgramTest, SegfaultInThreadIsACrash) {
  std::string exe = compile("segv", R"(
#include <pthread.h>
#include <stddef.h>
int *volatile p = NULL;
void *worker(void *arg) { *p = 1; return 0; }
int main() {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Crashed);
  EXPECT_EQ(ex.crash.signal, SIGSEGV);
  EXPECT_EQ(ex.crash.thread, 1u);
  EXPECT_FALSE(ex.crash.assertion);
  EXPECT_FALSE(ex.crash.stack.empty());
  // The server survives its executions' crashes.
  EXPECT_EQ(program->run(request()).end, EndReason::Crashed);
}

TEST_F(LiveProgramTest, FailedAssertionIsACrashWithItsMessage) {
  std::string exe = compile("assert", R"(
#include <assert.h>
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main() {
  int locked = pthread_mutex_trylock(&m);
  assert(locked != 0 && "the lock must be busy");
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Crashed);
  EXPECT_EQ(ex.crash.signal, SIGABRT);
  EXPECT_TRUE(ex.crash.assertion);
  EXPECT_NE(ex.crash.message.find("Assertion"), std::string::npos)
      << ex.crash.message;
  EXPECT_NE(ex.crash.message.find("the lock must be busy"), std::string::npos);
  EXPECT_EQ(ex.crash.thread, 0u);
  EXPECT_FALSE(ex.crash.stack.empty());
}

// tangle/sync.h reports misuse through the runtime's tangle_misuse, which
// it declares weak: preloaded, the runtime's definition is found.
TEST_F(LiveProgramTest, MisuseIsAnAssertionWithItsId) {
  std::string exe = compile("misuse", R"(
void tangle_misuse(const char *id, const char *message) __attribute__((weak));
int main() {
  if (tangle_misuse)
    tangle_misuse("sync.bounded-semaphore-overrelease", "released too often");
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Crashed);
  EXPECT_EQ(ex.crash.signal, SIGABRT);
  EXPECT_TRUE(ex.crash.assertion);
  EXPECT_EQ(ex.crash.misuse, "sync.bounded-semaphore-overrelease");
  EXPECT_EQ(ex.crash.message, "released too often");
  EXPECT_FALSE(ex.crash.stack.empty());
}

TEST_F(LiveProgramTest, InfiniteLoopTimesOut) {
  std::string exe = compile("loop", R"(
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
volatile int forever = 1;
int main() {
  pthread_mutex_lock(&m);
  while (forever) {}
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  ExecutionRequest r = request();
  r.timeoutSeconds = 0.3;
  for (int i = 0; i < 2; ++i) { // and the server still serves afterwards
    auto begin = std::chrono::steady_clock::now();
    Execution ex = program->run(r);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
            .count();
    EXPECT_EQ(ex.end, EndReason::Timeout) << ex.error;
    EXPECT_LT(seconds, 3.0);
    EXPECT_EQ(ex.crash.thread, 0u);
    EXPECT_FALSE(ex.crash.stack.empty()); // where main locked m
    EXPECT_EQ(ex.events.size(), 1u);
  }
}

TEST_F(LiveProgramTest, TimeoutNamesTheLoopingThreadAndTheWaitingOnes) {
  std::string exe = compile("thread_loop", R"(
#include <pthread.h>
volatile int forever = 1;
void *spin(void *arg) { while (forever) {} return 0; }
int main() {
  pthread_t t;
  pthread_create(&t, 0, spin, 0);
  pthread_join(t, 0);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  ExecutionRequest r = request();
  r.timeoutSeconds = 0.3;
  Execution ex = program->run(r);
  EXPECT_EQ(ex.end, EndReason::Timeout);
  EXPECT_EQ(ex.crash.thread, 1u);
  ASSERT_EQ(ex.pending.size(), 1u);
  EXPECT_EQ(ex.pending[0].thread, 0u);
  EXPECT_EQ(ex.pending[0].op.kind, OpKind::ThreadJoin);
}

TEST_F(LiveProgramTest, SpinningTryLockNobodyCanEndIsAStall) {
  std::string exe = compile("spin", R"(
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main() {
  pthread_mutex_lock(&m);
  while (pthread_mutex_trylock(&m) != 0) {}
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  ExecutionRequest r = request();
  r.maxSteps = 5000;
  // Whatever the retry bound, the model sees that nobody but the retrier
  // itself could free the mutex: a stall, well before the step limit.
  Execution bounded = program->run(r);
  EXPECT_EQ(bounded.end, EndReason::Deadlock) << bounded.error;
  r.retryBound = 1000000;
  Execution ex = program->run(r);
  EXPECT_EQ(ex.end, EndReason::Deadlock);
  EXPECT_FALSE(ex.truncated);
  EXPECT_LT(ex.events.size(), 5000u);
}

TEST_F(LiveProgramTest, PastTheStepLimitTheProgramRunsOnUnrecorded) {
  std::string exe = compile("long", R"(
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int counter;
static void *work(void *arg) {
  for (int i = 0; i < 1000; ++i) {
    pthread_mutex_lock(&m);
    ++counter;
    pthread_mutex_unlock(&m);
  }
  return arg;
}
int main() {
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  work(0);
  pthread_join(t, 0);
  return counter == 2000 ? 7 : 1;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  ExecutionRequest r = request();
  r.maxSteps = 500;
  Execution ex = program->run(r);
  // The program ran to its own end: its exit status says every increment
  // happened, but only the first 500 steps were recorded.
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  EXPECT_EQ(ex.exitStatus, 7);
  EXPECT_TRUE(ex.truncated);
  EXPECT_EQ(ex.events.size(), 500u);
  EXPECT_GT(ex.unrecordedSteps, 3000u);
  EXPECT_TRUE(ex.pending.empty());
}

TEST_F(LiveProgramTest, EveryExecutionReadsTheSameInput) {
  std::string exe = compile("stdin", R"(
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main() {
  char buf[64];
  int total = 0, n;
  pthread_mutex_lock(&m);
  while ((n = read(0, buf, sizeof buf)) > 0) total += n;
  pthread_mutex_unlock(&m);
  return total;
}
)");
  ASSERT_FALSE(exe.empty());
  LaunchOptions options;
  options.stdinData = "hello, tangle\n";
  auto program = start(exe, options);
  ASSERT_TRUE(program);
  for (int i = 0; i < 2; ++i) {
    Execution ex = program->run(request());
    EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
    EXPECT_EQ(ex.exitStatus, 14);
  }
}

TEST_F(LiveProgramTest, ForkedChildrenAreScheduledAndForksAreLimited) {
  std::string exe = compile("forker", R"(
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main() {
  int ok = 0;
  for (int i = 0; i < 3; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      pthread_mutex_lock(&m); /* the child's own copy of m */
      pthread_mutex_unlock(&m);
      _exit(7);
    }
    int status = 0;
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 7)
      ++ok;
  }
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return ok;
}
)");
  ASSERT_FALSE(exe.empty());
  LaunchOptions options;
  options.maxProcesses = 2;
  auto program = start(exe, options);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  // The third fork is past the fork limit: the execution ends there, at a
  // limit, not with a fork that fails (which the program would take for
  // its own behaviour).
  EXPECT_EQ(ex.end, EndReason::LimitReached) << ex.error;
  EXPECT_EQ(ex.limit, "process-limit");
  EXPECT_NE(ex.error.find("more than 2 processes"), std::string::npos)
      << ex.error;
  // Each child's first thread is scheduled like any other thread, and
  // locks its own copy of m: another object than the parent's. The second
  // child gets the first one's numbers (thread 1, process 1): main reaped
  // it (model/objects/ids.h).
  EXPECT_EQ(threadsDoing(ex, OpKind::MutexLock), (std::vector<ThreadId>{1, 1}));
  std::vector<ObjectAddr> locked;
  for (const Event &e : ex.events)
    if (e.op.kind == OpKind::MutexLock)
      locked.push_back(e.op.object);
  ASSERT_EQ(locked.size(), 2u);
  EXPECT_EQ(objectProcess(locked[0]), 1u);
  EXPECT_EQ(locked[1], locked[0]);
}

TEST_F(LiveProgramTest, ExecutedProgramsRunInPassthrough) {
  std::string exe = compile("system", R"(
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main() {
  pthread_mutex_lock(&m);
  /* The shell and its children get the runtime (LD_PRELOAD) but not the
     control variable: they must run normally and not become servers. */
  int status = system("test -z \"$TANGLE_CONTROL_FD\" && exit 3");
  pthread_mutex_unlock(&m);
  return WEXITSTATUS(status);
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  EXPECT_EQ(ex.exitStatus, 3);
  EXPECT_EQ(threadsDoing(ex, OpKind::MutexUnlock), (std::vector<ThreadId>{0}));
}

TEST_F(LiveProgramTest, ForkBudgetIsSharedWithDescendants) {
  std::string exe = compile("fork_bomb", R"(
#include <sys/wait.h>
#include <unistd.h>
int main() {
  pid_t child = fork();
  if (child == 0) {
    int forked = 0;
    for (int i = 0; i < 10; ++i) {
      pid_t pid = fork();
      if (pid == 0) _exit(0);
      if (pid > 0) { ++forked; waitpid(pid, 0, 0); }
    }
    _exit(forked);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WEXITSTATUS(status);
}
)");
  ASSERT_FALSE(exe.empty());
  LaunchOptions options;
  options.maxProcesses = 3;
  auto program = start(exe, options);
  ASSERT_TRUE(program);
  size_t steps = 0;
  for (int i = 0; i < 2; ++i) { // the budget is per execution
    Execution ex = program->run(request());
    // The child's third fork is the fourth of the execution: a limit.
    EXPECT_EQ(ex.end, EndReason::LimitReached) << ex.error;
    EXPECT_EQ(ex.limit, "process-limit");
    EXPECT_EQ(std::count_if(ex.events.begin(), ex.events.end(),
                            [](const Event &e) {
                              return e.op.kind == OpKind::ProcessFork;
                            }),
              3);
    if (i == 1) {
      EXPECT_EQ(ex.events.size(), steps);
    }
    steps = ex.events.size();
  }
}

TEST_F(LiveProgramTest, TooManyThreadsAtOnceIsALimitNotManyInTurn) {
  std::string exe = compile("many_threads", R"(
#include <pthread.h>
void *worker(void *arg) { return 0; }
int main(int argc, char **argv) {
  pthread_t t[4];
  /* 100 threads one after another: each joined thread's number (its
     slot) goes to the next one. */
  for (int i = 0; i < 100; i++) {
    pthread_create(&t[0], 0, worker, 0);
    pthread_join(t[0], 0);
  }
  if (argc > 1) { /* four at once */
    for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, worker, 0);
    for (int i = 0; i < 4; i++) pthread_join(t[i], 0);
  }
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  LaunchOptions options;
  options.maxThreads = 3;
  auto program = start(exe, options);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  EXPECT_EQ(threadsDoing(ex, OpKind::ThreadStart),
            std::vector<ThreadId>(100, 1));

  options.argv = {exe, "at-once"};
  program = start(exe, options);
  ASSERT_TRUE(program);
  ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::LimitReached);
  EXPECT_EQ(ex.limit, "thread-limit");
  EXPECT_NE(ex.error.find("more than 3 threads"), std::string::npos)
      << ex.error;
}

TEST_F(LiveProgramTest, ThreadStacksAreNotCountedAgainstTheMemoryLimit) {
  std::string exe = compile("stacks", R"(
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
/* Uses 1 MiB of its stack per level. */
static void *deep(void *arg) {
  volatile char frame[1 << 20];
  memset((char *)frame, 1, sizeof frame);
  long n = (long)arg;
  if (n > 0)
    deep((void *)(n - 1));
  return 0;
}
static void *idle(void *arg) { return 0; }
int main(int argc, char **argv) {
  pthread_t t[64], big;
  pthread_attr_t attr;
  /* 64 threads at once reserve 512 MiB of default (8 MiB) stacks. */
  for (int i = 0; i < 64; i++)
    pthread_create(&t[i], 0, idle, 0);
  /* One asks for a 256 MiB stack and uses 160 MiB of it: more than the
     limit and its slack for glibc's cache of stacks (64 MiB) together. */
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 << 20);
  pthread_create(&big, &attr, deep, (void *)160);
  for (int i = 0; i < 64; i++)
    pthread_join(t[i], 0);
  pthread_join(big, 0);
  if (argc > 1) { /* but the program's own data is limited */
    char *p = malloc(200 << 20);
    p[0] = 1;
  }
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  LaunchOptions options;
  options.memoryLimitBytes = 64 << 20;
  auto program = start(exe, options);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::Exited) << ex.error;
  EXPECT_EQ(ex.exitStatus, 0);

  // Past the limit, malloc fails and the program crashes on the null
  // pointer: the limit's doing, not a finding.
  options.argv = {exe, "allocate"};
  program = start(exe, options);
  ASSERT_TRUE(program);
  ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::LimitReached) << ex.error;
  EXPECT_EQ(ex.limit, "memory-limit");
  EXPECT_NE(ex.error.find("209715200 bytes"), std::string::npos) << ex.error;
}

// A pooled thread stack keeps its guard page in every execution: the first
// execution to use a slot protects it itself, later ones inherit it from
// the fork server (runtime/stack_pool.cpp). The second thread's stack lies
// right above the first's, so without the guard the write below it would
// land in the first thread's stack and the program would exit normally.
TEST_F(LiveProgramTest, PooledStacksKeepTheirGuardPageInEveryExecution) {
  std::string exe = compile("guard", R"(
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static void *idle(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return arg;
}
static void *below(void *arg) {
  pthread_attr_t attr;
  void *low;
  size_t size;
  pthread_getattr_np(pthread_self(), &attr);
  pthread_attr_getstack(&attr, &low, &size);
  ((volatile char *)low)[-1] = 1; /* the guard page, just below the stack */
  return arg;
}
int main() {
  pthread_t first, second;
  pthread_create(&first, 0, idle, 0);
  pthread_create(&second, 0, below, 0);
  pthread_join(second, 0);
  pthread_join(first, 0);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  for (int i = 0; i < 3; ++i) {
    Execution ex = program->run(request());
    EXPECT_EQ(ex.end, EndReason::Crashed) << "execution " << i << ": "
                                          << ex.error;
    EXPECT_EQ(ex.crash.signal, SIGSEGV) << "execution " << i;
    EXPECT_EQ(ex.crash.thread, 2u) << "execution " << i;
  }
}

TEST_F(LiveProgramTest, MissingProgramIsACleanError) {
  LaunchOptions options;
  options.runtimeLibrary = TANGLE_RT_PATH;
  options.argv = {dir_ + "/does-not-exist"};
  std::string error;
  EXPECT_FALSE(LiveProgram::launch(options, error));
  EXPECT_NE(error.find("no such file"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);

  options.argv = {dir_};
  EXPECT_FALSE(LiveProgram::launch(options, error));
  EXPECT_NE(error.find("directory"), std::string::npos) << error;
}

TEST_F(LiveProgramTest, StaticProgramIsACleanError) {
  std::string src = dir_ + "/static.c", exe = dir_ + "/static";
  std::ofstream(src) << "int main() { return 0; }\n";
  std::string cmd = std::string(TANGLE_CLANG) + " -static -o " + exe + " " +
                    src + " 2>/dev/null";
  if (system(cmd.c_str()) != 0)
    GTEST_SKIP() << "no static libc to link with";
  LaunchOptions options;
  options.runtimeLibrary = TANGLE_RT_PATH;
  options.argv = {exe};
  std::string error;
  EXPECT_FALSE(LiveProgram::launch(options, error));
  EXPECT_NE(error.find("statically linked"), std::string::npos) << error;
}

/// Processes whose command line is exactly `command` (arguments joined by
/// spaces).
static int processesRunning(const std::string &command) {
  int count = 0;
  DIR *proc = opendir("/proc");
  while (dirent *entry = proc ? readdir(proc) : nullptr) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
      continue;
    std::ifstream f(std::string("/proc/") + entry->d_name + "/cmdline");
    if (!f)
      continue;
    std::string line;
    std::getline(f, line);
    std::replace(line.begin(), line.end(), '\0', ' ');
    if (line == command + " ")
      ++count;
  }
  if (proc)
    closedir(proc);
  return count;
}

TEST_F(LiveProgramTest, AnInterruptAbandonsTheExecutionInFlight) {
  std::string exe = compile("spin", R"(
#include <pthread.h>
volatile int forever = 1;
int main() {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&m);
  while (forever) {}
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  std::atomic<int> interrupt{0};
  LaunchOptions options;
  options.interrupt = &interrupt;
  auto program = start(exe, options);
  ASSERT_TRUE(program);
  ExecutionRequest r = request();
  r.timeoutSeconds = 100000; // only the interrupt can end it
  std::thread user([&] {
    // Once the execution has started spinning (or after a minute: then the
    // test still ends, and fails below if the execution had not started).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (processesRunning(exe) < 2 &&
           std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    interrupt = SIGINT;
  });
  Execution ex = program->run(r);
  user.join();
  EXPECT_EQ(ex.end, EndReason::Error);
  EXPECT_EQ(ex.error, "interrupted");
  // Nothing of it left running; and the server serves the next request.
  EXPECT_EQ(processesRunning(exe), 1);
  interrupt = 0;
  r.timeoutSeconds = 0.5;
  EXPECT_EQ(program->run(r).end, EndReason::Timeout);
}

TEST_F(LiveProgramTest, NothingAnExecutionStartedOutlivesIt) {
  // A daemon in its own session, running another program, and a copy of
  // this one that left the process group and waits: both end with the
  // execution.
  std::string exe = compile("daemon", R"(
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
int main() {
  sem_t *never = mmap(0, sizeof(sem_t), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sem_init(never, 1, 0);
  pid_t child = fork();
  if (child == 0) {
    if (fork() == 0) {
      setsid();
      execlp("sleep", "sleep", "1234.5", (char *)0);
      _exit(127);
    }
    _exit(0);
  }
  waitpid(child, 0, 0);
  if (fork() == 0) {
    setsid();
    sem_wait(never);
    _exit(0);
  }
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  auto program = start(exe);
  ASSERT_TRUE(program);
  for (int i = 0; i < 3; ++i) {
    Execution ex = program->run(request());
    EXPECT_NE(ex.end, EndReason::Error) << ex.error;
    EXPECT_EQ(processesRunning("sleep 1234.5"), 0);
    EXPECT_EQ(processesRunning(exe), 1); // the fork server alone
  }
  program.reset();
  EXPECT_EQ(processesRunning(exe), 0);
}

TEST_F(LiveProgramTest, AFileLargerThanTheLimitIsALimitNotACrash) {
  std::string exe = compile("bigfile", R"(
#include <stdio.h>
#include <string.h>
int main() {
  static char block[1 << 20];
  memset(block, 'x', sizeof block);
  FILE *f = tmpfile();
  for (int i = 0; i < 4; i++)
    fwrite(block, 1, sizeof block, f);
  fclose(f);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  LaunchOptions options;
  options.fileSizeLimitBytes = 1 << 20;
  auto program = start(exe, options);
  ASSERT_TRUE(program);
  Execution ex = program->run(request());
  EXPECT_EQ(ex.end, EndReason::LimitReached) << ex.error;
  EXPECT_EQ(ex.limit, "file-size-limit");
}

// With a fixed layout the program's objects are at the same addresses in
// every run: randomisation off, and main's stack where neither the size of
// the environment nor that of the arguments moves it (stackPadding). A
// program may pick a lock by an object's address (lock striping) or hash a
// thread's handle (std::barrier): what it does, and so the exploration,
// would otherwise depend on them.
TEST_F(LiveProgramTest, FixedLayoutKeepsMainsStackWhateverTheEnvironment) {
  std::string exe = compile("stack_address", R"(
#include <pthread.h>
int main(void) {
  pthread_mutex_t onTheStack = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&onTheStack);
  pthread_mutex_unlock(&onTheStack);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  // The address of the mutex, with `filler` bytes more in the environment
  // and `argument` as the program's argument.
  auto addressWith = [&](size_t filler, const std::string &argument) {
    setenv("TANGLE_TEST_FILLER", std::string(filler, 'f').c_str(), 1);
    LaunchOptions options;
    options.fixedLayout = true;
    options.argv = {exe, argument};
    auto program = start(exe, options);
    unsetenv("TANGLE_TEST_FILLER");
    if (!program)
      return ObjectAddr(0);
    Execution ex = program->run(request());
    const Event *lock = firstEvent(ex, OpKind::MutexLock);
    return lock ? lock->op.object : ObjectAddr(0);
  };
  const ObjectAddr first = addressWith(1, "a");
  ASSERT_NE(first, 0u);
  // Sizes that move a stack without the padding by 16 bytes or by a few
  // pages, and one more variable (a pointer more below the strings).
  for (size_t filler : {2, 17, 33, 49, 4097, 20000})
    EXPECT_EQ(addressWith(filler, "a"), first) << filler << " bytes more";
  EXPECT_EQ(addressWith(1, std::string(24, 'a')), first) << "a longer argument";
  setenv("TANGLE_TEST_ONE_MORE", "1", 1);
  EXPECT_EQ(addressWith(1, "a"), first) << "one variable more";
  unsetenv("TANGLE_TEST_ONE_MORE");
}

// The padding's own arithmetic: the strings and their pointers take one
// room (8 past a multiple of 16) for every size within the window.
TEST(StackPadding, MakesTheStringsAndPointersOneSize) {
  auto room = [](const std::string &program,
                 const std::vector<std::string> &args,
                 std::vector<std::string> env) {
    env.push_back(stackPadding(program, args, env));
    size_t n = program.size() + 1 + 3 * sizeof(char *);
    for (const auto &strings : {args, env})
      for (const std::string &s : strings)
        n += s.size() + 1 + sizeof(char *);
    return n;
  };
  const size_t base = room("/bin/p", {"p"}, {"A=1"});
  EXPECT_EQ(base % 16, 8u);
  EXPECT_EQ(room("/bin/p", {"p"}, {"A=12345"}), base);
  EXPECT_EQ(room("/usr/local/bin/p", {"p", "x"}, {"A=1", "B=2"}), base);
  EXPECT_EQ(room("/bin/p", {"p"}, {std::string(30000, 'e')}), base);
  // Past the window the room grows by whole windows: the same addresses
  // modulo 64 KiB.
  const size_t past = room("/bin/p", {"p"}, {std::string(70000, 'e')});
  EXPECT_EQ((past - base) % StackPadWindow, 0u);
  // No padding past what execve takes (128 KiB under a 512 KiB stack).
  rlimit stack = {};
  ASSERT_EQ(getrlimit(RLIMIT_STACK, &stack), 0);
  rlimit small = stack;
  small.rlim_cur = 512 << 10;
  ASSERT_EQ(setrlimit(RLIMIT_STACK, &small), 0);
  const std::string over =
      stackPadding("/bin/p", {"p"}, {std::string(70000, 'e')});
  const std::string under = stackPadding("/bin/p", {"p"}, {"A=1"});
  setrlimit(RLIMIT_STACK, &stack);
  EXPECT_EQ(over, "");
  EXPECT_NE(under, "");
}

} // namespace
