// The newer blocking primitives under the live runtime (C11 <threads.h>,
// futexes, cancellation points): the reduced exploration finds exactly what the
// naive one finds, in no more executions. The model tests
// (model/tests/blocking_test.cpp) compare the two on scripts; these run the
// real interceptors.
#include "cli/blind_updates.h"
#include "cli/compile.h"
#include "cli/explain.h"
#include "cli/live_program.h"
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/tests/trace_count.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

using namespace tangle;

namespace {

class SemanticsDporTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/tangle-semantics-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  static void TearDownTestSuite() {
    std::string cmd = "rm -rf '" + dir_ + "'";
    (void)system(cmd.c_str());
  }

  /// Compiles `source` (C, or C++20 when cxx) as `tangle check` does, with
  /// the memory instrumentation (atomics are scheduling points); "" on
  /// error.
  static std::string compile(const std::string &name, const std::string &source,
                             bool cxx = false) {
    std::string src = dir_ + "/" + name + (cxx ? ".cpp" : ".c");
    std::string exe = dir_ + "/" + name;
    std::ofstream(src) << source;
    std::vector<std::string> flags;
    if (cxx)
      flags.push_back("-std=c++20");
    std::string cmd;
    for (const std::string &word :
         compileCommand(src, flags, exe, TANGLE_RT_PATH))
      cmd += shellQuote(word) + " ";
    return system(cmd.c_str()) == 0 ? exe : "";
  }

  struct Outcome {
    std::set<std::string> keys;
    std::set<std::string> ids;
    ExploreStats stats;
  };

  static Outcome explored(Program &program, bool reduce) {
    ExploreOptions options;
    options.reduce = reduce;
    options.maxExecutions = 3000;
    options.maxFindings = 1000;
    Report report = explore(program, options);
    Outcome o;
    for (const Finding &f : report.findings) {
      o.keys.insert(f.key);
      o.ids.insert(findingId(f.kind));
    }
    o.stats = report.stats;
    return o;
  }

  /// Explores `source` both ways in one program (so that code addresses,
  /// and the finding keys made of them, are the same) and compares.
  static Outcome sameAsNaive(const std::string &name, const std::string &source,
                             bool cxx = false) {
    std::string exe = compile(name, source, cxx);
    EXPECT_FALSE(exe.empty());
    LaunchOptions options;
    options.runtimeLibrary = TANGLE_RT_PATH;
    options.argv = {exe};
    options.librarySpins = librarySpinCode(exe); // as tangle check does
    std::string error;
    auto program = LiveProgram::launch(options, error);
    EXPECT_TRUE(program) << error;
    if (!program)
      return {};
    Outcome naive = explored(*program, false);
    Outcome dpor = explored(*program, true);
    EXPECT_TRUE(naive.stats.complete) << naive.stats.stoppedBy;
    EXPECT_TRUE(dpor.stats.complete) << dpor.stats.stoppedBy;
    EXPECT_EQ(dpor.keys, naive.keys);
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    std::printf("%s: %llu DPOR vs %llu naive executions\n", name.c_str(),
                (unsigned long long)dpor.stats.executions,
                (unsigned long long)naive.stats.executions);
    return dpor;
  }

  static std::string dir_;
};

std::string SemanticsDporTest::dir_;

TEST_F(SemanticsDporTest, C11MutexesInOppositeOrders) {
  Outcome o = sameAsNaive("c11_mtx", R"(
#include <threads.h>
mtx_t a, b;
int t1(void *arg) {
  mtx_lock(&a); mtx_lock(&b); mtx_unlock(&b); mtx_unlock(&a);
  return 1;
}
int t2(void *arg) {
  mtx_lock(&b); mtx_lock(&a); mtx_unlock(&a); mtx_unlock(&b);
  return 2;
}
int main(void) {
  mtx_init(&a, mtx_plain); mtx_init(&b, mtx_plain);
  thrd_t x, y;
  thrd_create(&x, t1, 0); thrd_create(&y, t2, 0);
  int r1, r2;
  thrd_join(x, &r1); thrd_join(y, &r2);
  return r1 + r2 == 3 ? 0 : 1;
}
)");
  EXPECT_EQ(o.ids, std::set<std::string>{"deadlock.cycle"});
}

TEST_F(SemanticsDporTest, C11ConditionWithoutPredicate) {
  // The signal may come before the wait: a lost wake-up under some
  // schedule; call_once and thrd_detach on the way.
  Outcome o = sameAsNaive("c11_cnd", R"(
#include <threads.h>
mtx_t m;
cnd_t cv;
once_flag once = ONCE_FLAG_INIT;
void init(void) { mtx_init(&m, mtx_plain); cnd_init(&cv); }
int waiter(void *arg) {
  call_once(&once, init);
  mtx_lock(&m); cnd_wait(&cv, &m); mtx_unlock(&m);
  return 0;
}
int main(void) {
  thrd_t t;
  thrd_create(&t, waiter, 0);
  call_once(&once, init);
  mtx_lock(&m); cnd_signal(&cv); mtx_unlock(&m);
  thrd_join(t, 0);
  return 0;
}
)");
  EXPECT_EQ(o.ids, std::set<std::string>{"deadlock.stall"});
}

TEST_F(SemanticsDporTest, FutexWakeBeforeStore) {
  // The setter wakes, then stores: the waiter may fall asleep in between
  // and never wake. Waiting and waking go through syscall(SYS_futex).
  Outcome o = sameAsNaive("futex", R"(
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>
unsigned flag;
void *setter(void *arg) {
  syscall(SYS_futex, &flag, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
  __atomic_store_n(&flag, 1, __ATOMIC_SEQ_CST);
  return 0;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, setter, 0);
  while (__atomic_load_n(&flag, __ATOMIC_SEQ_CST) == 0)
    syscall(SYS_futex, &flag, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
  pthread_join(t, 0);
  return 0;
}
)");
  EXPECT_EQ(o.ids, std::set<std::string>{"deadlock.stall"});
}

TEST_F(SemanticsDporTest, PromiseAndFuture) {
  // libstdc++'s future: atomics in its headers, futexes in libstdc++.so.
  Outcome o = sameAsNaive("future", R"(
#include <future>
#include <thread>
int main() {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  std::thread t([&] { p.set_value(7); });
  int v = f.get();
  t.join();
  return v == 7 ? 0 : 1;
}
)",
                          true);
  EXPECT_TRUE(o.ids.empty());
}

TEST_F(SemanticsDporTest, AtomicWaitSpinTurnsSameAsNaive) {
  // libstdc++'s atomic wait loads the flag up to 16 times before its futex
  // wait; a race of a repeated load is answered at the first of the
  // repetition (AtomicSpinTurn). The naive search runs the store before
  // each of them; DPOR must find the same: here the write of `data` after
  // the store races with main's read.
  Outcome o = sameAsNaive("atomic_wait_spin", R"(
#include <atomic>
#include <thread>
std::atomic<int> flag{0};
int data;
int main() {
  std::thread t([] { flag.store(1); flag.notify_one(); data = 1; });
  flag.wait(0);
  int seen = data;
  t.join();
  return seen;
}
)",
                          true);
  EXPECT_EQ(o.ids, std::set<std::string>{"race.data"});
}

TEST_F(SemanticsDporTest, CancelledConditionWaitWithoutCleanup) {
  // pthread_cancel acts at the worker's next cancellation point: the sleep
  // (the worker ends holding nothing) or, when the worker got past it
  // first, the condition wait, which takes the mutex again before the
  // thread ends, so main stalls on it.
  Outcome o = sameAsNaive("cancel_cond", R"(
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int ready;
void *worker(void *arg) {
  usleep(10);
  pthread_mutex_lock(&m);
  while (!ready)
    pthread_cond_wait(&c, &m);
  pthread_mutex_unlock(&m);
  return arg;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_cancel(t);
  pthread_join(t, 0);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
)");
  EXPECT_EQ(o.ids,
            (std::set<std::string>{"deadlock.stall", "lock.held-at-exit"}));
}

TEST_F(SemanticsDporTest, CancelledWaitWithCleanupHandler) {
  // The same with a cleanup handler that unlocks: every cancellation
  // point the cancel can hit leaves the mutex free. Clean.
  Outcome o = sameAsNaive("cancel_cleanup", R"(
#include <pthread.h>
#include <unistd.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int ready;
static void unlock_m(void *arg) { pthread_mutex_unlock(&m); }
void *worker(void *arg) {
  usleep(10);
  pthread_mutex_lock(&m);
  pthread_cleanup_push(unlock_m, 0);
  while (!ready)
    pthread_cond_wait(&c, &m);
  pthread_cleanup_pop(1);
  return arg;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_cancel(t);
  pthread_join(t, 0);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
)");
  EXPECT_TRUE(o.ids.empty());
}

/// A live program whose complete executions are counted by trace.
class Traces : public Program {
public:
  explicit Traces(Program &inner) : inner_(inner) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    countTrace(runs, e, request);
    return e;
  }
  std::map<std::string, int> runs; // how often each trace ran

private:
  Program &inner_;
};

TEST_F(SemanticsDporTest, ProducerConsumerEveryTraceOnce) {
  // Condition waits against the naive search, trace by trace: DPOR runs
  // each of its traces once. It used to run 16 of 24: those with the
  // consumer woken, finding the item taken and waiting again were lost
  // (the race that shows them could not be reversed where it was found).
  std::string exe = compile("prodcons", R"(
#include <pthread.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
int count;
void produce(void) {
  pthread_mutex_lock(&m);
  while (count == 1) pthread_cond_wait(&not_full, &m);
  count = 1;
  pthread_cond_signal(&not_empty);
  pthread_mutex_unlock(&m);
}
void consume(void) {
  pthread_mutex_lock(&m);
  while (count == 0) pthread_cond_wait(&not_empty, &m);
  count = 0;
  pthread_cond_signal(&not_full);
  pthread_mutex_unlock(&m);
}
void *consumer(void *a) { consume(); consume(); return a; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, consumer, 0);
  produce(); produce(); consume(); produce();
  pthread_join(t, 0);
  return 0;
}
)");
  ASSERT_FALSE(exe.empty());
  LaunchOptions launch;
  launch.runtimeLibrary = TANGLE_RT_PATH;
  launch.argv = {exe};
  std::string error;
  auto program = LiveProgram::launch(launch, error);
  ASSERT_TRUE(program) << error;
  Traces dpor(*program), naive(*program);
  ExploreOptions options;
  options.maxFindings = 1000;
  Report d = explore(dpor, options);
  options.reduce = false;
  options.maxExecutions = 20000;
  Report n = explore(naive, options);
  ASSERT_TRUE(n.stats.complete) << n.stats.stoppedBy;
  ASSERT_TRUE(d.stats.complete) << d.stats.stoppedBy;
  std::set<std::string> seen, all;
  for (auto &[trace, count] : dpor.runs) {
    seen.insert(trace);
    EXPECT_EQ(count, 1) << "a trace ran twice: " << trace;
  }
  for (auto &[trace, count] : naive.runs)
    all.insert(trace);
  EXPECT_EQ(seen, all);
  std::printf("producer/consumer: %zu of %zu traces, %llu DPOR executions "
              "(%llu sleep-blocked), %llu naive\n",
              dpor.runs.size(), naive.runs.size(),
              (unsigned long long)d.stats.executions,
              (unsigned long long)d.stats.sleepBlocked,
              (unsigned long long)n.stats.executions);
}

} // namespace
