// --suppressions: the file format and which findings a line covers.
#include "cli/suppressions.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace tangle {
namespace {

/// Writes `text` to a fresh temporary file and returns its path.
std::string fileWith(const std::string &text) {
  char path[] = "/tmp/tangle-supp-XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << text;
  return path;
}

Explanation race(const std::string &function, const std::string &file) {
  Explanation e;
  e.id = "race.data";
  AccessView access;
  access.at.file = file;
  access.at.line = 12;
  access.at.function = function;
  SourceLocation caller;
  caller.file = file;
  caller.line = 30;
  caller.function = "worker";
  access.stack = {access.at, caller};
  e.accesses = {access};
  e.location = access.at;
  e.locations = {access.at};
  return e;
}

TEST(Suppressions, CommentsAndBlankLinesAreSkipped) {
  std::string path = fileWith("# accepted races\n\n"
                              "race.data:bump_* # statistics\n"
                              "  deadlock.*  :  vendor/*.c  \n");
  std::vector<Suppression> s;
  std::string error;
  ASSERT_TRUE(readSuppressions(path, s, error)) << error;
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].id, "race.data");
  EXPECT_EQ(s[0].where, "bump_*");
  EXPECT_EQ(s[0].line, 3u);
  EXPECT_EQ(s[1].id, "deadlock.*");
  EXPECT_EQ(s[1].where, "vendor/*.c");
  unlink(path.c_str());
}

TEST(Suppressions, MalformedLinesAndMissingFilesAreErrorsWithTheLine) {
  std::vector<Suppression> s;
  std::string error;
  std::string path = fileWith("race.data:ok\nrace.data\n");
  EXPECT_FALSE(readSuppressions(path, s, error));
  EXPECT_NE(error.find(path + ":2: expected 'id:function-or-file'"),
            std::string::npos)
      << error;
  unlink(path.c_str());
  path = fileWith("race.data:[z-a]\n");
  EXPECT_FALSE(readSuppressions(path, s, error));
  EXPECT_NE(error.find(":1: "), std::string::npos) << error;
  unlink(path.c_str());
  EXPECT_FALSE(readSuppressions("/nonexistent/supp", s, error));
  EXPECT_NE(error.find("cannot read the suppressions file"),
            std::string::npos);
}

TEST(Suppressions, MatchTheIdAndAFunctionOrFileOfAnySite) {
  std::vector<Suppression> byFunction = {{"race.data", "bump_*", 1}};
  std::vector<Suppression> byCaller = {{"race.*", "worker", 1}};
  std::vector<Suppression> byBaseName = {{"race.data", "stats.c", 1}};
  std::vector<Suppression> byPath = {{"*", "src/*", 1}};
  std::vector<Suppression> otherId = {{"deadlock.*", "bump_stats", 1}};
  std::vector<Suppression> otherPlace = {{"race.data", "main", 1}};
  Explanation e = race("bump_stats", "src/stats.c");
  EXPECT_TRUE(suppressing(byFunction, e));
  EXPECT_TRUE(suppressing(byCaller, e));
  EXPECT_TRUE(suppressing(byBaseName, e));
  EXPECT_TRUE(suppressing(byPath, e));
  EXPECT_FALSE(suppressing(otherId, e));
  EXPECT_FALSE(suppressing(otherPlace, e));
}

} // namespace
} // namespace tangle
