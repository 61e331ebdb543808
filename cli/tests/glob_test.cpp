// Glob patterns of suppressions (cli/glob.h): what they match, what is
// malformed, and that no pattern makes matching exponential.
#include "cli/glob.h"

#include <gtest/gtest.h>

namespace tangle {
namespace {

TEST(Glob, StarsQuestionMarksClassesAndEscapes) {
  EXPECT_TRUE(globMatch("bump_*", "bump_stats"));
  EXPECT_TRUE(globMatch("bump_*", "bump_"));
  EXPECT_FALSE(globMatch("bump_*", "xbump_stats"));
  EXPECT_TRUE(globMatch("*.c", "src/stats.c"));
  EXPECT_TRUE(globMatch("src/*/x?.c", "src/a/b/x1.c"));
  EXPECT_FALSE(globMatch("x?.c", "x.c"));
  EXPECT_TRUE(globMatch("deadlock.*", "deadlock.cycle"));
  EXPECT_TRUE(globMatch("lock.[a-z]*", "lock.self-deadlock"));
  EXPECT_FALSE(globMatch("lock.[!a-z]*", "lock.self-deadlock"));
  EXPECT_TRUE(globMatch("[^0-9]", "x"));
  EXPECT_TRUE(globMatch("[]]", "]"));
  EXPECT_TRUE(globMatch("a\\*b", "a*b"));
  EXPECT_FALSE(globMatch("a\\*b", "axxb"));
  EXPECT_TRUE(globMatch("*", ""));
  EXPECT_TRUE(globMatch("", ""));
  EXPECT_FALSE(globMatch("", "x"));
  EXPECT_TRUE(globMatch("a*b*c", "aXbYbZc"));
  EXPECT_FALSE(globMatch("a*b*c", "aXbYbZ"));
}

TEST(Glob, MalformedPatternsSayWhy) {
  EXPECT_EQ(globError("fine_*"), "");
  EXPECT_NE(globError("[z-a]").find("range z-a is empty"), std::string::npos);
  EXPECT_NE(globError("[abc").find("'[' not closed"), std::string::npos);
  EXPECT_NE(globError("abc\\").find("ends with \\"), std::string::npos);
  EXPECT_FALSE(globMatch("[abc", "a")); // never matches
}

TEST(Glob, ManyStarsStayPolynomial) {
  // LLVM 14's GlobPattern backtracks through every split of the text among
  // the stars: this one would not end in a lifetime there.
  std::string pattern, text(4000, 'a');
  for (int i = 0; i < 60; ++i)
    pattern += "*a";
  pattern += "*b";
  EXPECT_FALSE(globMatch(pattern, text));
  EXPECT_TRUE(globMatch(pattern, text + "b"));
}

} // namespace
} // namespace tangle
