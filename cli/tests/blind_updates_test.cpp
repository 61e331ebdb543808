// The blind-update pass of `tangle check FILE.c`: which updates the plugin
// lists while the program compiles, and where the debug info places them.
#include "analyzer/BlindUpdates.h"
#include "cli/blind_updates.h"
#include "cli/compile.h"

#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <fstream>
#include <gtest/gtest.h>
#include <set>

using namespace tangle;

namespace {

class BlindUpdatesTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(dir.create(error)) << error;
  }

  /// Compiles `text` as tangle check does, with the plugin; returns the
  /// binary (empty on failure, with the compiler's output in `log`). With
  /// `more`, that is a second file of the program (more.c), as in `tangle
  /// check main.c more.c`.
  std::string compile(const char *name, const std::string &text,
                      const std::string &more = "") {
    std::vector<std::string> moreSources;
    if (!more.empty()) {
      llvm::SmallString<128> second(dir.path());
      llvm::sys::path::append(second, "more.c");
      std::ofstream(std::string(second)) << more;
      moreSources.push_back(std::string(second));
    }
    llvm::SmallString<128> source(dir.path());
    llvm::sys::path::append(source, name);
    std::ofstream(std::string(source)) << text;
    BlindUpdatePass pass(TANGLE_BLIND_PLUGIN, dir);
    CompileResult r = compileSource(std::string(source), pass.compilerFlags(),
                                    dir, TANGLE_RT_PATH, moreSources);
    log = r.compilerOutput + r.error;
    if (!r.ok)
      return "";
    llvm::SmallString<128> output(dir.path());
    llvm::sys::path::append(output, "blind-updates.txt");
    auto buffer = llvm::MemoryBuffer::getFile(output);
    pluginOutput = buffer ? (*buffer)->getBuffer().str() : "";
    return r.binary;
  }

  /// The lines the plugin listed.
  std::set<unsigned> siteLines() const {
    analyzer::BlindUpdates updates;
    std::string error;
    EXPECT_TRUE(analyzer::parseBlindUpdates(pluginOutput, updates, error))
        << error << "\n"
        << pluginOutput;
    std::set<unsigned> lines;
    for (const analyzer::UpdateSite &s : updates.Sites)
      lines.insert(s.Line);
    return lines;
  }

  /// Compiles `text` and expects the plugin to list spin loops starting on
  /// `lines` (into `updates`), and their code to lie on those lines.
  BlindCode expectSpinLoops(const char *name, const char *text,
                            const std::set<unsigned> &lines,
                            analyzer::BlindUpdates &updates) {
    std::string binary = compile(name, text);
    EXPECT_FALSE(binary.empty()) << log;
    std::string error;
    EXPECT_TRUE(analyzer::parseBlindUpdates(pluginOutput, updates, error))
        << error;
    std::set<unsigned> listed;
    for (const analyzer::SpinLoop &l : updates.Spins.Loops)
      listed.insert(l.Line);
    EXPECT_EQ(listed, lines) << pluginOutput;
    BlindCode code = blindCodeOf(binary, pluginOutput, error);
    EXPECT_EQ(error, "");
    EXPECT_EQ(linesOf(binary, code.spins), lines);
    return code;
  }

  /// The source lines the code ranges lie on (by the line table; for
  /// inlined code, the line of the outermost call).
  static std::set<unsigned> linesOf(const std::string &binary,
                                    const std::vector<CodeRange> &ranges) {
    auto object = llvm::object::ObjectFile::createObjectFile(binary);
    EXPECT_TRUE(bool(object));
    if (!object) {
      llvm::consumeError(object.takeError());
      return {};
    }
    auto dwarf = llvm::DWARFContext::create(*object->getBinary());
    std::set<unsigned> lines;
    for (const CodeRange &r : ranges)
      for (uint64_t a = r.begin; a < r.end; ++a) {
        llvm::DIInliningInfo frames = dwarf->getInliningInfoForAddress(
            {a, llvm::object::SectionedAddress::UndefSection});
        if (frames.getNumberOfFrames() > 0)
          lines.insert(frames.getFrame(frames.getNumberOfFrames() - 1).Line);
      }
    return lines;
  }

  ScratchDirectory dir;
  std::string log, pluginOutput;
};

const char *CForms = R"(#include <pthread.h>
#include <stdatomic.h>
atomic_int c;
_Atomic int d;
int e, used;
#define BOTH() (atomic_fetch_add(&c, 1), atomic_fetch_add(&c, 1))
int f(void) { return 1; }
void *work(void *arg) {
  atomic_fetch_add(&c, 1);
  atomic_fetch_or_explicit(&c, f(), memory_order_relaxed);
  d++;
  d -= 2;
  __atomic_fetch_and(&e, 6, __ATOMIC_SEQ_CST);
  __sync_fetch_and_xor(&e, 1);
  (void)atomic_fetch_add(&c, 1);
  for (int i = 0; i < 2; atomic_fetch_add(&c, 1)) i++;
  used = atomic_fetch_add(&c, 1);
  if (atomic_fetch_sub(&c, 1) == 1) used = 0;
  used = (atomic_fetch_add(&c, 1), 0);
  used = (0, atomic_fetch_add(&c, 1));
  used = ({ atomic_fetch_add(&c, 1); });
  used = BOTH();
  atomic_exchange(&c, 1);
  return (void *)(long)d++;
}
int main(void) { work(0); return 0; }
)";

TEST_F(BlindUpdatesTest, FindsTheCUpdatesWhoseValueGoesNowhere) {
  std::string binary = compile("forms.c", CForms);
  ASSERT_FALSE(binary.empty()) << log;
  // Lines 9-16 and 19 (the left of a comma) are blind; 17, 18, 20, 21
  // (a statement expression's value) and 24 use the result; on 22 the
  // macro's first update is blind and its second used, at one place: the
  // debug info cannot tell them apart, so neither counts; 23 is no update.
  EXPECT_EQ(siteLines(),
            (std::set<unsigned>{9, 10, 11, 12, 13, 14, 15, 16, 19}));
  std::string error;
  BlindCode code = blindCodeOf(binary, pluginOutput, error);
  EXPECT_EQ(error, "");
  EXPECT_TRUE(code.wrappers.empty());
  // Each site's instructions are found, and only theirs.
  EXPECT_EQ(linesOf(binary, code.sites),
            (std::set<unsigned>{9, 10, 11, 12, 13, 14, 15, 16, 19}));
}

const char *CxxForms = R"(#include <atomic>
#include <thread>
std::atomic<int> c{0};
std::atomic<unsigned> f{0};
int used; std::atomic<int *> p{nullptr};
void work() {
  c.fetch_add(1, std::memory_order_relaxed);
  c++;
  --c;
  c += 3;
  f |= 4u;
  std::atomic_fetch_add(&c, 1);
  p.fetch_add(1);
  p++;
  used = c.fetch_add(1);
  used = c++;
  if (f.fetch_xor(1) == 1) used = 0;
  c.store(1);
}
int main() { std::thread t(work); work(); t.join(); }
)";

TEST_F(BlindUpdatesTest, FindsTheStdAtomicUpdatesAndTheWrappersBetween) {
  std::string binary = compile("forms.cpp", CxxForms);
  ASSERT_FALSE(binary.empty()) << log;
  EXPECT_EQ(siteLines(), (std::set<unsigned>{7, 8, 9, 10, 11, 12, 13, 14}));
  analyzer::BlindUpdates updates;
  std::string error;
  ASSERT_TRUE(analyzer::parseBlindUpdates(pluginOutput, updates, error));
  // operator++(int) returns fetch_add's result; so does operator--().
  auto listed = [&](const char *name) {
    return std::find(updates.Wrappers.begin(), updates.Wrappers.end(), name) !=
           updates.Wrappers.end();
  };
  EXPECT_TRUE(listed("_ZNSt13__atomic_baseIiEppEi")) << pluginOutput;
  EXPECT_TRUE(listed("_ZNSt13__atomic_baseIiEmmEv")) << pluginOutput;
  EXPECT_TRUE(listed("_ZNSt13__atomic_baseIiE9fetch_addEiSt12memory_order"))
      << pluginOutput;
  BlindCode code = blindCodeOf(binary, pluginOutput, error);
  EXPECT_EQ(error, "");
  // fetch_add is always inlined: its inlined code at line 7 is a site;
  // the others are calls of out-of-line members (the wrappers).
  // (std::atomic<int *>::fetch_add starts with a static_assert.)
  EXPECT_EQ(linesOf(binary, code.sites),
            (std::set<unsigned>{7, 8, 9, 10, 11, 12, 13, 14}));
  EXPECT_FALSE(code.wrappers.empty());
}

TEST_F(BlindUpdatesTest, NothingWithoutThePluginOrForABinaryWithoutIt) {
  ScratchDirectory other;
  std::string error;
  ASSERT_TRUE(other.create(error));
  BlindUpdatePass missing("/nonexistent/libTangleBlind.so", other);
  EXPECT_TRUE(missing.compilerFlags().empty());
  std::string warning;
  EXPECT_TRUE(missing.resolve("/bin/true", warning).empty());
  EXPECT_NE(warning.find("is missing"), std::string::npos) << warning;
  // A list from another program: its places are not in this binary.
  std::string binary = compile("forms.c", CForms);
  ASSERT_FALSE(binary.empty()) << log;
  BlindCode code = blindCodeOf(
      binary, "# tangle blind updates 1\nsite 9 3 /elsewhere/forms.c\n", error);
  EXPECT_TRUE(code.empty());
  EXPECT_EQ(error, "");
}

// CS:APP's wrappers and their look-alikes: a forwarder passes only its
// parameters (or constants) to one library call, outside its error
// branches, and touches nothing but its locals.
const char *Wrappers = R"(#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static void unix_error(const char *m) { fprintf(stderr, "%s\n", m); exit(1); }
void P(sem_t *s) { if (sem_wait(s) < 0) unix_error("P error"); }
int Lock(pthread_mutex_t *m) { int rc = pthread_mutex_lock(m); assert(rc == 0); return rc; }
pid_t Fork(void) { pid_t pid; if ((pid = fork()) < 0) unix_error("Fork"); return pid; }
int waits;
void Pcounted(sem_t *s) { waits++; sem_wait(s); }
pthread_mutex_t global = PTHREAD_MUTEX_INITIALIZER;
void LockGlobal(void) { pthread_mutex_lock(&global); }
void Both(pthread_mutex_t *m) { pthread_mutex_lock(m); pthread_mutex_unlock(m); }
void Deref(sem_t **s) { sem_wait(*s); }
void Loop(sem_t *s) { for (int i = 0; i < 2; i++) sem_wait(s); }
void Mine(sem_t *s) { P(s); }
)";

TEST_F(BlindUpdatesTest, ForwardersOfBothFilesAndOnlyThem) {
  std::string binary = compile("main.c",
                               "#include <semaphore.h>\n"
                               "void V(sem_t *s) { sem_post(s); }\n"
                               "int main(void) { return 0; }\n",
                               Wrappers);
  ASSERT_FALSE(binary.empty()) << log;
  analyzer::BlindUpdates updates;
  std::string error;
  ASSERT_TRUE(analyzer::parseBlindUpdates(pluginOutput, updates, error))
      << error << "\n"
      << pluginOutput;
  llvm::sort(updates.Forwarders);
  EXPECT_EQ(updates.Forwarders,
            (std::vector<std::string>{"Fork", "Lock", "P", "V"}))
      << pluginOutput;
  BlindCode code = blindCodeOf(binary, pluginOutput, error);
  EXPECT_EQ(error, "");
  EXPECT_TRUE(code.sites.empty());
  // Four functions, none adjacent to another (main and the others lie
  // between them in the binary) or merged with it.
  EXPECT_EQ(code.forwarders.size(), 4u);
  for (const CodeRange &r : code.forwarders)
    EXPECT_LT(r.begin, r.end);
}

// Spin loops (analyzer/SpinLoops.h): lines 10-17 only load atomics and
// compare with constants; the others count (18), store (19), call a
// function of the program (20), read plain memory (21), compare with a
// local an outer loop may change (22), spin on a plain volatile (23), or
// are written by a macro (25).
const char *CSpins = R"(#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
atomic_int go, done; _Atomic int flag; atomic_int flags[4];
volatile int vflag; int plain; const int N = 3;
int f(void) { return 1; }
#define SPIN(x) while (!atomic_load(&(x)))
void *work(void *arg) {
  int i = (int)(long)arg, n = 0;
  while (!atomic_load(&go));
  while (atomic_load_explicit(&go, memory_order_acquire) != 1) {}
  for (;;) { if (atomic_load(&go)) break; }
  do {} while (!flag);
  while (!atomic_load(&go)) sched_yield();
  while (atomic_load(&done) < N) ;
  while (atomic_load(&flags[i]) == 0) {}
  for (;;) { if (atomic_load(&go) == 1) break; sched_yield(); }
  while (!atomic_load(&go)) ++n;
  while (!atomic_load(&go)) atomic_store(&done, 1);
  while (!atomic_load(&go)) f();
  while (atomic_load(&go) != plain) {}
  while (atomic_load(&go) != i) {}
  do {} while (!vflag);
  (void)n;
  SPIN(go);
  return 0;
}
int main(void) { atomic_store(&go, 1); atomic_store(&flag, 1); vflag = 1;
  atomic_store(&done, 3); atomic_store(&flags[0], 1); work(0); return 0; }
)";

TEST_F(BlindUpdatesTest, SpinLoopsThatOnlyLoadAndCompare) {
  analyzer::BlindUpdates updates;
  expectSpinLoops("spins.c", CSpins, {10, 11, 12, 13, 14, 15, 16, 17}, updates);
}

const char *CxxSpins = R"(#include <atomic>
#include <thread>
std::atomic<bool> ready{false}; std::atomic<int> x{0};
void work() {
  while (!ready.load()) {}
  while (!ready) {}
  while (x.load(std::memory_order_acquire) != 2) std::this_thread::yield();
  int n = 0;
  while (!ready.load()) ++n;
  while (!ready.load()) x.store(1);
}
int main() { ready = true; x = 2; std::thread t(work); t.join(); }
)";

TEST_F(BlindUpdatesTest, StdAtomicSpinLoopsAndTheirWrappers) {
  analyzer::BlindUpdates updates;
  BlindCode code = expectSpinLoops("spins.cpp", CxxSpins, {5, 6, 7}, updates);
  // `while (!ready)` calls std::atomic<bool>::operator bool, out of line.
  EXPECT_NE(std::find(updates.Spins.Wrappers.begin(),
                      updates.Spins.Wrappers.end(), "_ZNKSt6atomicIbEcvbEv"),
            updates.Spins.Wrappers.end())
      << pluginOutput;
  EXPECT_FALSE(code.spinWrappers.empty());
}

TEST(BlindUpdatesFormat, RoundTripsAndRejectsOtherText) {
  analyzer::BlindUpdates in;
  in.Sites = {{"/src/a file.c", 12, 5}, {"/src/b.cpp", 3, 7}};
  in.Wrappers = {"_ZNSt13__atomic_baseIiEppEi"};
  analyzer::BlindUpdates out;
  std::string error;
  ASSERT_TRUE(
      analyzer::parseBlindUpdates(analyzer::formatBlindUpdates(in), out, error))
      << error;
  EXPECT_EQ(out.Sites, in.Sites);
  EXPECT_EQ(out.Wrappers, in.Wrappers);
  // Two files' texts, one after the other.
  in.Forwarders = {"P", "_Z1Vv"};
  ASSERT_TRUE(analyzer::parseBlindUpdates(analyzer::formatBlindUpdates(in) +
                                              analyzer::formatBlindUpdates(in),
                                          out, error))
      << error;
  EXPECT_EQ(out.Sites.size(), 2 * in.Sites.size());
  EXPECT_EQ(out.Forwarders,
            (std::vector<std::string>{"P", "_Z1Vv", "P", "_Z1Vv"}));
  in.Spins.Loops = {{"/src/a file.c", 4, 3, 5, 20}};
  in.Spins.Wrappers = {"_ZNKSt6atomicIbEcvbEv"};
  ASSERT_TRUE(
      analyzer::parseBlindUpdates(analyzer::formatBlindUpdates(in), out, error))
      << error;
  EXPECT_EQ(out.Spins.Loops, in.Spins.Loops);
  EXPECT_EQ(out.Spins.Wrappers, in.Spins.Wrappers);
  EXPECT_FALSE(analyzer::parseBlindUpdates(
      "# tangle blind updates 1\nspin 4 3 5 /a.c\n", out, error));
  EXPECT_FALSE(analyzer::parseBlindUpdates("", out, error));
  EXPECT_FALSE(analyzer::parseBlindUpdates(
      "# tangle blind updates 1\nsite x 1 /a.c\n", out, error));
  EXPECT_FALSE(analyzer::parseBlindUpdates(
      "# tangle blind updates 1\nsomething else\n", out, error));
}

} // namespace
