// `tangle grade`'s parts that need no child process: its command line, how
// a check's output becomes a row, the tables; and the escaping of the
// GitHub workflow commands and the one-story rule of the text report.
#include "cli/grade_command.h"
#include "cli/render.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace tangle;

namespace {

std::string rendered(GradeFormat format, const std::vector<GradeRow> &rows) {
  std::string text;
  llvm::raw_string_ostream out(text);
  renderGrade(out, format, rows);
  out.flush();
  return text;
}

const char *kBugsReport = R"({
  "verdict": "bugs",
  "explored": {"executions": 31, "complete": false,
               "coverage": {"preemptions_complete": 2}},
  "findings": [
    {"id": "deadlock.cycle", "source": "dynamic",
     "locations": [{"file": "a.c", "line": 38, "column": 3}]},
    {"id": "lock.order-inversion", "source": "dynamic", "counted": false,
     "locations": [{"file": "a.c", "line": 12, "column": 3}]},
    {"id": "tangle-lock-order-inversion", "source": "static",
     "confirmation": "confirmed", "confirmed_by": "deadlock.cycle",
     "counted": true, "locations": [{"file": "a.c", "line": 37}]},
    {"id": "tangle-double-lock", "source": "static",
     "confirmation": "not-confirmed", "counted": false,
     "locations": [{"file": "a.c", "line": 50}]},
    {"id": "tangle-cond-wait-no-loop", "source": "static",
     "confirmation": "static-only", "counted": true,
     "locations": [{"file": "a.c", "line": 60}]}
  ]
})";

} // namespace

TEST(Grade, ParsesItsOwnOptionsAndPassesTheRestToCheck) {
  GradeOptions options;
  std::string error;
  ASSERT_TRUE(
      parseGradeOptions({"subs", "--format=csv", "--jobs", "4", "--timeout",
                         "5", "x.c", "--", "--limit-memory", "512M"},
                        options, error))
      << error;
  EXPECT_EQ(options.inputs, (std::vector<std::string>{"subs", "x.c"}));
  EXPECT_EQ(options.format, GradeFormat::Csv);
  EXPECT_EQ(options.jobs, 4u);
  EXPECT_EQ(options.timeoutSeconds, 5);
  EXPECT_EQ(options.checkArgs,
            (std::vector<std::string>{"--limit-memory", "512M"}));
}

TEST(Grade, BadOptionsAreOneLine) {
  auto errorOf = [](std::vector<std::string> words) {
    GradeOptions options;
    std::string error;
    EXPECT_FALSE(parseGradeOptions(words, options, error));
    EXPECT_EQ(error.find('\n'), std::string::npos);
    return error;
  };
  EXPECT_EQ(errorOf({}), "no submissions: write 'tangle grade DIR' or "
                         "'tangle grade FILE.c...'");
  EXPECT_EQ(errorOf({"d", "--jobs", "x"}),
            "--jobs expects a whole number from 1 to 256, got 'x'");
  EXPECT_EQ(errorOf({"d", "--timeout", "-1"}),
            "--timeout expects a number of seconds from 0 to 1000000, got "
            "'-1'");
  EXPECT_EQ(errorOf({"d", "--timeout"}), "option '--timeout' needs a value");
  EXPECT_NE(errorOf({"d", "--sandbox"})
                .find("options of tangle check go "
                      "after '--'"),
            std::string::npos);
}

TEST(Grade, ARowTellsOneStoryPerProblem) {
  GradeRow row;
  readCheckResult(row, 1, kBugsReport, "");
  EXPECT_EQ(row.verdict, "bugs");
  EXPECT_EQ(row.executions, 31u);
  EXPECT_FALSE(row.complete);
  EXPECT_EQ(row.preemptionsComplete, 2);
  // The confirmed static warning is the deadlock's; the refuted one is no
  // finding; the static-only one is.
  ASSERT_EQ(row.findings.size(), 3u);
  EXPECT_EQ(row.findings[0].id, "deadlock.cycle");
  EXPECT_EQ(row.findings[0].line, 38u);
  EXPECT_FALSE(row.findings[1].counted);
  EXPECT_EQ(row.findings[2].id, "tangle-cond-wait-no-loop");
  EXPECT_TRUE(row.findings[2].isStatic);
  row.submission = "alice.c";
  row.seconds = 1.5;
  EXPECT_EQ(rendered(GradeFormat::Csv, {row}),
            "submission,verdict,findings,coverage,executions,seconds,error\n"
            "alice.c,bugs,\"deadlock.cycle:38, lock.order-inversion:12 "
            "(warning), tangle-cond-wait-no-loop:60 (static)\",<= 2 "
            "preemptions,31,1.50,\n");
}

TEST(Grade, NoReportIsAnErrorRowWithTheCompilersReason) {
  GradeRow row;
  readCheckResult(row, 2, "",
                  "/x/bob.c:5:14: error: expected ';' at end of declaration\n"
                  "  pthread_t t\n1 error generated.\n"
                  "tangle: error: /x/bob.c does not compile\n");
  EXPECT_EQ(row.verdict, "error");
  EXPECT_EQ(row.error, "/x/bob.c does not compile (5:14: expected ';' at end "
                       "of declaration)");
  GradeRow crashed;
  readCheckResult(crashed, -11, "{\"verdict\":", "");
  EXPECT_EQ(crashed.verdict, "crashed");
  EXPECT_EQ(crashed.error, "tangle was killed by signal 11");
}

TEST(Grade, TablesEscapeWhatTheyQuote) {
  GradeRow row;
  row.submission = "a|b<c>\"d\",e.c";
  row.verdict = "error";
  row.error = "x";
  std::string md = rendered(GradeFormat::Markdown, {row});
  EXPECT_NE(md.find("| a\\|b<c>\"d\",e.c | error: x |"), std::string::npos)
      << md;
  std::string csv = rendered(GradeFormat::Csv, {row});
  EXPECT_NE(csv.find("\"a|b<c>\"\"d\"\",e.c\",error"), std::string::npos)
      << csv;
  std::string html = rendered(GradeFormat::Html, {row});
  EXPECT_NE(html.find("<td>a|b&lt;c&gt;&quot;d&quot;,e.c</td>"),
            std::string::npos)
      << html;
  auto parsed = llvm::json::parse(rendered(GradeFormat::Json, {row}));
  ASSERT_TRUE(bool(parsed));
  EXPECT_EQ(gradeSummary({row, row}), "2 submissions: 2 error");
}

TEST(GithubFormat, EscapesDataAndProperties) {
  EXPECT_EQ(escapeWorkflowData("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
  EXPECT_EQ(escapeWorkflowProperty("odd,name:1%.c\n"),
            "odd%2Cname%3A1%25.c%0A");
}
