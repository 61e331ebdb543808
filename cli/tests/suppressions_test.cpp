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

TEST(Suppressions, ABinaryFileIsNamedByLineNeverEchoed) {
  std::vector<Suppression> out;
  std::string error;
  std::string text = "race.data:ok\n# fine\n\x7f"
                     "ELF\x02\x01\x01\n";
  EXPECT_FALSE(parseSuppressions(text, "x.supp", out, error));
  EXPECT_EQ(error,
            "x.supp:3: not text (binary bytes; is this a suppressions file?)");
  // Invalid UTF-8 too, and a NUL.
  EXPECT_FALSE(parseSuppressions("race.data:\xff\xfe", "y", out, error));
  EXPECT_EQ(error.rfind("y:1: not text", 0), 0u) << error;
  EXPECT_FALSE(parseSuppressions(std::string("a:b\0c", 5), "z", out, error));
  EXPECT_EQ(error.rfind("z:1: not text", 0), 0u) << error;
}

TEST(Suppressions, WhatIsQuotedIsPrintableAndShort) {
  std::vector<Suppression> out;
  std::string error;
  // CRLF line ends are text; a glob's own error quotes it, tabs shown as
  // spaces.
  ASSERT_TRUE(parseSuppressions("race.data:f\r\n", "crlf", out, error))
      << error;
  EXPECT_FALSE(parseSuppressions("lock:[a\tb", "tab", out, error));
  for (char c : error)
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << error;
  // A long malformed line is cut at 80 characters, never inside a UTF-8
  // character.
  std::string line = "x" + std::string(100, 'y');
  EXPECT_FALSE(parseSuppressions(line, "long", out, error));
  EXPECT_NE(error.find(std::string(79, 'y') + "..."), std::string::npos);
  std::string accents;
  for (int i = 0; i < 60; ++i)
    accents += "\xc3\xa9"; // é
  EXPECT_FALSE(parseSuppressions(accents, "utf8", out, error));
  size_t quote = error.find("got '") + 5;
  EXPECT_EQ((error.size() - 4 - quote) % 2, 0u) << "whole characters only";
}

} // namespace
} // namespace tangle
