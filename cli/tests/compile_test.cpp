// The compile step of `tangle check FILE.c`.
#include "cli/compile.h"
#include "cli/tangle.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <fstream>
#include <gtest/gtest.h>

using namespace tangle;

namespace {

std::string writeSource(const ScratchDirectory &dir, const char *name,
                        const char *text) {
  llvm::SmallString<128> path(dir.path());
  llvm::sys::path::append(path, name);
  std::ofstream(std::string(path)) << text;
  return std::string(path);
}

TEST(Compile, SyntaxErrorShowsTheCompilerMessageAndExits2) {
  ScratchDirectory dir;
  std::string error;
  ASSERT_TRUE(dir.create(error)) << error;
  std::string source =
      writeSource(dir, "broken.c", "int main(void) { return 0 }\n");
  std::string out, err;
  llvm::raw_string_ostream outStream(out), errStream(err);
  Console console{outStream, errStream};
  int code = runTangle({"tangle", "check", source}, console);
  errStream.flush();
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("broken.c:1:"), std::string::npos) << err;
  EXPECT_NE(err.find("error: expected ';'"), std::string::npos) << err;
  EXPECT_TRUE(llvm::StringRef(err).endswith("tangle: error: " + source +
                                            " does not compile\n"))
      << err;
}

TEST(Compile, CommandForCAndCxx) {
  auto c = compileCommand("a.c", {"-DN=2"}, "out");
  EXPECT_EQ(c[0], TANGLE_CLANG);
  for (const char *flag :
       {"-g", "-O0", "-fno-omit-frame-pointer", "-pthread", "-DN=2"})
    EXPECT_TRUE(llvm::is_contained(c, flag)) << flag;
  EXPECT_FALSE(llvm::is_contained(c, "-std=c++17"));

  auto cxx = compileCommand("a.cpp", {}, "out");
  EXPECT_EQ(cxx[0], TANGLE_CLANGXX);
  EXPECT_TRUE(llvm::is_contained(cxx, "-std=c++17"));
  auto cxx20 = compileCommand("a.cc", {"-std=c++20"}, "out");
  EXPECT_FALSE(llvm::is_contained(cxx20, "-std=c++17"));
  EXPECT_TRUE(llvm::is_contained(cxx20, "-std=c++20"));
}

TEST(Compile, MoreSourcesAreCompiledAndLinkedWithTheFirst) {
  auto c = compileCommand("main.c", {"-DN=2"}, "out", "", {"queue.c", "io.c"});
  auto at = [&](const char *word) {
    return std::find(c.begin(), c.end(), word) - c.begin();
  };
  ASSERT_LT(size_t(at("io.c")), c.size());
  EXPECT_EQ(at("-o") + 1, at("out"));
  EXPECT_EQ(at("out") + 1, at("main.c"));
  EXPECT_EQ(at("main.c") + 1, at("queue.c"));
  EXPECT_EQ(at("queue.c") + 1, at("io.c"));
}

TEST(Compile, GoodSourceGivesABinaryAndTheDirectoryIsRemoved) {
  std::string dirPath;
  {
    ScratchDirectory dir;
    std::string error;
    ASSERT_TRUE(dir.create(error)) << error;
    dirPath = dir.path();
    std::string source =
        writeSource(dir, "ok.cpp",
                    "#include <mutex>\nstd::mutex m;\nint main() { "
                    "std::scoped_lock l(m); }\n");
    CompileResult result = compileSource(source, {}, dir);
    EXPECT_TRUE(result.ok) << result.compilerOutput << result.error;
    EXPECT_TRUE(llvm::sys::fs::can_execute(result.binary));
  }
  EXPECT_FALSE(llvm::sys::fs::exists(dirPath));
}

TEST(Compile, CxxThatIsNotCxx17IsCompiledAsCxx20) {
  ScratchDirectory dir;
  std::string error;
  ASSERT_TRUE(dir.create(error)) << error;
  // std::latch is C++20 only: the default C++17 cannot compile it.
  std::string source = writeSource(
      dir, "latch.cpp",
      "#include <latch>\nint main() { std::latch l(1); l.count_down(); "
      "l.wait(); }\n");
  CompileResult result = compileSource(source, {}, dir);
  EXPECT_TRUE(result.ok) << result.compilerOutput << result.error;
  // A standard the user names is kept: no second attempt.
  CompileResult named = compileSource(source, {"-std=c++17"}, dir);
  EXPECT_FALSE(named.ok);
  EXPECT_NE(named.compilerOutput.find("latch"), std::string::npos);
  // A program wrong in any standard still fails, with the compiler's words.
  std::string wrong =
      writeSource(dir, "wrong.cpp", "int main() { return undeclared; }\n");
  CompileResult failed = compileSource(wrong, {}, dir);
  EXPECT_FALSE(failed.ok);
  EXPECT_NE(failed.compilerOutput.find("undeclared"), std::string::npos);
}

} // namespace
