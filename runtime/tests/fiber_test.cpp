// runtime/fibers: switches between stacks keep each side's registers and
// locals, a prepared fiber starts where makecontext would start it, and
// the thread-local block's contents swap but for the excluded parts.
#include "runtime/fibers.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <ucontext.h>
#include <vector>

namespace {

using namespace tangle::rt;

constexpr size_t StackSize = 64 << 10;

fiber::Context g_main, g_other;
int g_rounds = 0;
double g_fromFiber = 0;

void pingPong(int rounds) {
  double sum = 0.5; // kept in a register or the frame across each swap
  for (int i = 0; i < rounds; ++i) {
    sum += i;
    ++g_rounds;
    fiber::swap(g_other, g_main);
  }
  g_fromFiber = sum;
  fiber::swap(g_other, g_main);
  __builtin_trap(); // never resumed after its last swap
}

TEST(Fiber, SwapsKeepEachSidesState) {
  std::vector<char> stack(StackSize);
  fiber::prepare(g_other, stack.data() + stack.size(), pingPong, 1000);
  long mine = 7;
  for (int i = 0; i < 1000; ++i) {
    fiber::swap(g_main, g_other);
    mine += 2;
    ASSERT_EQ(g_rounds, i + 1);
  }
  fiber::swap(g_main, g_other); // its sum, then its last swap back
  EXPECT_EQ(mine, 2007);
  EXPECT_EQ(g_fromFiber, 0.5 + 999 * 1000 / 2);
}

// The same function entered both ways records its frame address.
uintptr_t g_frame = 0;
ucontext_t g_caller, g_callee;

__attribute__((noinline)) void recordFrame(int viaFiber) {
  g_frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (viaFiber)
    fiber::swap(g_other, g_main);
}

TEST(Fiber, StartsWithMakecontextsStackPointer) {
  std::vector<char> stack(StackSize + 64);
  for (size_t skew = 0; skew < 32; skew += 8) {
    char *top = stack.data() + StackSize + skew;
    getcontext(&g_callee);
    g_callee.uc_stack.ss_sp = stack.data();
    g_callee.uc_stack.ss_size = size_t(top - stack.data());
    g_callee.uc_link = &g_caller;
    makecontext(&g_callee, reinterpret_cast<void (*)()>(recordFrame), 1, 0);
    swapcontext(&g_caller, &g_callee);
    const uintptr_t byMakecontext = g_frame;
    fiber::prepare(g_other, top, recordFrame, 1);
    fiber::swap(g_main, g_other);
    EXPECT_EQ(g_frame, byMakecontext) << "top skewed by " << skew;
    EXPECT_EQ(g_frame % 16, 0u);
  }
}

__thread int t_plain = 1;
__thread char t_cache[1024];
__thread uint32_t t_count;
__thread uint64_t t_table[16];

TEST(Fiber, ThreadLocalBlockSwapsButTheExcludedParts) {
  fiber::TlsBlock block;
  const char *foreign = nullptr;
  ASSERT_TRUE(fiber::readTlsBlock(block, foreign));
  EXPECT_NE(foreign, nullptr); // this test's own variables
  EXPECT_EQ(block.high, fiber::threadPointer());
  const auto at = [](const void *p) { return reinterpret_cast<uintptr_t>(p); };
  ASSERT_GE(at(&t_plain), block.low);
  ASSERT_LT(at(&t_plain), block.high);
  ASSERT_TRUE(fiber::excludeFromCopy(block, at(t_cache), sizeof t_cache));
  ASSERT_TRUE(fiber::copyTableByCount(block, at(t_table), sizeof t_table[0], 16,
                                      at(&t_count)));
  EXPECT_FALSE(fiber::excludeFromCopy(block, block.high, 8));

  std::vector<char> home(block.high - block.low + 64);
  const uintptr_t homeTop = at(home.data()) + (block.high - block.low);
  t_plain = 11;
  memset(t_cache, 'a', sizeof t_cache);
  t_count = 3;
  for (int i = 0; i < 16; ++i)
    t_table[i] = 100 + i;
  fiber::saveTls(block, homeTop);

  t_plain = 22;
  memset(t_cache, 'b', sizeof t_cache);
  t_count = 0;
  for (int i = 0; i < 16; ++i)
    t_table[i] = 0;
  fiber::loadTls(block, homeTop);

  EXPECT_EQ(t_plain, 11);
  EXPECT_EQ(t_cache[0], 'b'); // excluded: left as it was
  EXPECT_EQ(t_cache[sizeof t_cache - 1], 'b');
  EXPECT_EQ(t_count, 3u);
  EXPECT_EQ(t_table[0], 100u);
  EXPECT_EQ(t_table[2], 102u);
  EXPECT_EQ(t_table[3], 0u); // past the count: not copied
}

} // namespace
