// tangle attach: what a stopped thread waits for, read from its registers
// and from glibc's words in a process image; the command line; cores that
// cannot be read.
#include "cli/attach_command.h"
#include "cli/options.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sys/syscall.h>
#include <unistd.h>

using namespace tangle;

namespace {

/// A process image whose memory is a few words.
class FakeImage : public ProcessImage {
public:
  bool read(uint64_t address, void *buffer, size_t size) const override {
    auto *out = static_cast<char *>(buffer);
    for (size_t i = 0; i < size; ++i) {
      auto at = bytes.find(address + i);
      if (at == bytes.end())
        return false;
      out[i] = at->second;
    }
    return true;
  }
  void put32(uint64_t address, uint32_t value) {
    for (int i = 0; i < 4; ++i)
      bytes[address + i] = char(value >> (8 * i));
  }
  void put64(uint64_t address, uint64_t value) {
    put32(address, uint32_t(value));
    put32(address + 4, uint32_t(value >> 32));
  }
  std::map<uint64_t, char> bytes;
};

constexpr pid_t Main = 100, Other = 101;
constexpr uint64_t Word = 0x5000;

ImageThread futexWait(uint64_t word, uint32_t expected, uint64_t timeout = 0,
                      long op = 128 /* FUTEX_WAIT_PRIVATE */) {
  ImageThread t;
  t.tid = Main;
  t.regs.orig_rax = SYS_futex;
  t.regs.rdi = word;
  t.regs.rsi = uint64_t(op);
  t.regs.rdx = expected;
  t.regs.r10 = timeout;
  t.regs.rsp = 0x7000; // nothing readable there: no frames
  return t;
}

FakeImage twoThreads() {
  FakeImage image;
  image.pid = Main;
  image.threads.resize(2);
  image.threads[0].tid = Main;
  image.threads[1].tid = Other;
  return image;
}

ThreadActivityView look(const FakeImage &image, const ImageThread &thread,
                        const std::string &function = "") {
  return readThreadActivity(image, thread, [&](uint64_t) { return function; });
}

TEST(AttachTest, ContendedMutexNamesItsOwner) {
  FakeImage image = twoThreads();
  image.put32(Word, 2);         // __lock: locked, with waiters
  image.put32(Word + 8, Other); // __owner
  // Recognised by its words even without glibc's names.
  ThreadActivityView v = look(image, futexWait(Word, 2));
  EXPECT_EQ(v.activity, ThreadActivity::Mutex);
  EXPECT_EQ(v.object, Word);
  EXPECT_EQ(v.holder, Other);
}

TEST(AttachTest, TimedWaitEndsByItself) {
  FakeImage image = twoThreads();
  image.put32(Word, 2);
  image.put32(Word + 8, Other);
  EXPECT_EQ(look(image, futexWait(Word, 2, /*timeout=*/0x6000)).activity,
            ThreadActivity::Sleeping);
}

TEST(AttachTest, ThreadInUserCodeRuns) {
  FakeImage image = twoThreads();
  ImageThread t;
  t.tid = Main;
  t.regs.orig_rax = uint64_t(-1);
  EXPECT_EQ(look(image, t).activity, ThreadActivity::Running);
}

TEST(AttachTest, JoinWaitsOnTheJoinedThreadsTidWord) {
  FakeImage image = twoThreads();
  image.put32(Word, Other); // the joined thread's descriptor: its tid
  ThreadActivityView v = look(image, futexWait(Word, Other, 0, 265));
  EXPECT_EQ(v.activity, ThreadActivity::Join);
  EXPECT_EQ(v.holder, Other);
}

TEST(AttachTest, ConditionWaitNamesTheCondition) {
  FakeImage image = twoThreads();
  const uint64_t cond = 0x6000;
  image.put64(cond, 2); // __wseq: one waiter, in group 0
  image.put32(cond + 40, 0);
  ThreadActivityView v =
      look(image, futexWait(cond + 40, 0), "___pthread_cond_wait");
  EXPECT_EQ(v.activity, ThreadActivity::Condition);
  EXPECT_EQ(v.object, cond);
}

TEST(AttachTest, RwlockWriterIsTheHolder) {
  FakeImage image = twoThreads();
  const uint64_t rw = 0x6000;
  image.put32(rw + 24, Other); // __cur_writer
  ThreadActivityView v =
      look(image, futexWait(rw + 8, 0), "pthread_rwlock_rdlock");
  EXPECT_EQ(v.activity, ThreadActivity::RwRead);
  EXPECT_EQ(v.object, rw);
  EXPECT_EQ(v.holder, Other);
}

TEST(AttachTest, UnknownSharedFutexWaitsForTheWorld) {
  FakeImage image = twoThreads();
  image.put32(Word, 7);
  EXPECT_EQ(look(image, futexWait(Word, 7, 0, /*shared*/ 0)).activity,
            ThreadActivity::Syscall);
  EXPECT_EQ(look(image, futexWait(Word, 7)).activity, ThreadActivity::Futex);
}

TEST(AttachTest, WaitpidWaitsForItsChild) {
  FakeImage image = twoThreads();
  ImageThread t;
  t.tid = Main;
  t.regs.orig_rax = SYS_wait4;
  t.regs.rdi = 4242;
  t.regs.rsp = 0x7000;
  ThreadActivityView v = look(image, t);
  EXPECT_EQ(v.activity, ThreadActivity::Child);
  EXPECT_EQ(v.child, 4242);
}

TEST(AttachTest, CommandLine) {
  CommandLine c;
  std::string error;
  ASSERT_TRUE(parseCommandLine({"tangle", "attach", "123"}, c, error));
  EXPECT_EQ(c.command, Command::Attach);
  EXPECT_EQ(c.attachPid, 123);
  ASSERT_TRUE(parseCommandLine(
      {"tangle", "attach", "--core", "core.1", "prog", "--format=json"}, c,
      error));
  EXPECT_EQ(c.coreFile, "core.1");
  EXPECT_EQ(c.target.argv, std::vector<std::string>{"prog"});
  EXPECT_EQ(c.format, OutputFormat::Json);
  for (std::vector<std::string> bad :
       {std::vector<std::string>{"tangle", "attach"},
        {"tangle", "attach", "0"},
        {"tangle", "attach", "12x"},
        {"tangle", "attach", "1", "2"},
        {"tangle", "attach", "--core", "core.1"},
        {"tangle", "attach", "--hang-after", "3", "1"}}) {
    EXPECT_FALSE(parseCommandLine(bad, c, error)) << bad.back();
    EXPECT_EQ(error.find('\n'), std::string::npos);
  }
}

TEST(AttachTest, UnreadableCoresAreOneLine) {
  char dir[] = "/tmp/attach-test-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string core = std::string(dir) + "/core";
  std::string error;
  auto write = [&](const std::string &bytes) {
    std::ofstream(core, std::ios::binary) << bytes;
  };
  write("short");
  EXPECT_EQ(CoreImage::open(core, "/proc/self/exe", error), nullptr);
  EXPECT_NE(error.find("too short"), std::string::npos) << error;
  // An ELF header whose program headers lie past the end.
  std::string header(64, '\0');
  memcpy(&header[0], "\177ELF\2\1\1", 7);
  header[16] = 4;  // ET_CORE
  header[18] = 62; // EM_X86_64
  header[32] = 64; // e_phoff
  header[54] = 56; // e_phentsize
  header[56] = 3;  // e_phnum
  write(header);
  EXPECT_EQ(CoreImage::open(core, "/proc/self/exe", error), nullptr);
  EXPECT_NE(error.find("outside the file"), std::string::npos) << error;
  EXPECT_EQ(CoreImage::open(core, std::string(dir) + "/missing", error),
            nullptr);
  EXPECT_NE(error.find("cannot read"), std::string::npos) << error;
  unlink(core.c_str());
  rmdir(dir);
}

} // namespace
