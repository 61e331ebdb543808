// The command line: usage errors give one line and exit code 2; good
// command lines fill CommandLine.
#include "cli/options.h"
#include "cli/tangle.h"

#include "llvm/ADT/StringRef.h"

#include <gtest/gtest.h>

using namespace tangle;

namespace {

struct Outcome {
  int exitCode;
  std::string out, err;
};

Outcome run(std::vector<std::string> args) {
  args.insert(args.begin(), "tangle");
  Outcome outcome;
  llvm::raw_string_ostream out(outcome.out), err(outcome.err);
  Console console{out, err};
  outcome.exitCode = runTangle(args, console);
  out.flush();
  err.flush();
  return outcome;
}

void expectOneErrorLine(const Outcome &o, llvm::StringRef contains) {
  EXPECT_EQ(o.exitCode, 2);
  EXPECT_TRUE(llvm::StringRef(o.err).startswith("tangle: error: ")) << o.err;
  EXPECT_EQ(llvm::StringRef(o.err).count('\n'), 1u) << o.err;
  EXPECT_NE(o.err.find(contains.str()), std::string::npos) << o.err;
}

TEST(Options, UnknownFlagIsUsageError) {
  Outcome o = run({"check", "--max-executons=3", "prog.c"});
  expectOneErrorLine(o, "unknown option '--max-executons'");
  EXPECT_NE(o.err.find("did you mean '--max-executions'"), std::string::npos);
}

TEST(Options, UnknownCommandIsUsageError) {
  expectOneErrorLine(run({"chekc", "prog.c"}), "unknown command 'chekc'");
}

TEST(Options, MissingFileIsUsageError) {
  expectOneErrorLine(run({"check", "/nonexistent/prog.c"}),
                     "no such file: /nonexistent/prog.c");
}

TEST(Options, MissingBinaryIsUsageError) {
  expectOneErrorLine(run({"check", "--", "/nonexistent/prog"}),
                     "no such file: /nonexistent/prog");
}

TEST(Options, BadNumberIsUsageError) {
  expectOneErrorLine(run({"check", "--max-executions", "ten", "prog.c"}),
                     "--max-executions expects a whole number, got 'ten'");
  expectOneErrorLine(run({"check", "--timeout=-1", "prog.c"}),
                     "--timeout expects a number of seconds");
  expectOneErrorLine(run({"check", "prog.c", "--format"}),
                     "'--format' needs a value");
  expectOneErrorLine(run({"check", "--format=xml", "prog.c"}),
                     "--format expects text or json");
}

TEST(Options, NoProgramIsUsageError) {
  expectOneErrorLine(run({"check"}), "no program to check");
  expectOneErrorLine(run({"check", "prog.txt"}), "not a C or C++ source");
}

TEST(Options, OptionsOfOneCommandAreNotAcceptedByTheOther) {
  expectOneErrorLine(run({"check", "--schedule=0x3", "prog.c"}),
                     "unknown option '--schedule'");
  expectOneErrorLine(run({"replay", "prog.c"}), "needs --schedule");
  expectOneErrorLine(run({"replay", "--schedule", "0x3,zz", "--", "/bin/true"}),
                     "malformed schedule");
}

TEST(Options, VersionAndHelp) {
  Outcome version = run({"--version"});
  EXPECT_EQ(version.exitCode, 0);
  EXPECT_NE(version.out.find("tangle " TANGLE_VERSION), std::string::npos);
  Outcome help = run({});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_NE(help.out.find("tangle check FILE.c"), std::string::npos);
}

TEST(Options, SourceFileWithOptionsAndCompilerFlags) {
  CommandLine cl;
  std::string error;
  ASSERT_TRUE(
      parseCommandLine({"tangle", "check", "prog.c", "--max-executions", "5",
                        "--format=json", "--preemption-bound", "2", "--timeout",
                        "1.5", "--show-output", "--", "-DN=3", "-O1"},
                       cl, error))
      << error;
  EXPECT_EQ(cl.command, Command::Check);
  EXPECT_EQ(cl.target.sourceFile, "prog.c");
  EXPECT_EQ(cl.target.compilerFlags,
            (std::vector<std::string>{"-DN=3", "-O1"}));
  EXPECT_TRUE(cl.target.argv.empty());
  EXPECT_EQ(cl.explore.maxExecutions, 5u);
  EXPECT_EQ(cl.explore.preemptionBound, 2);
  EXPECT_DOUBLE_EQ(cl.explore.timeoutSeconds, 1.5);
  EXPECT_EQ(cl.format, OutputFormat::Json);
  EXPECT_TRUE(cl.showOutput);
}

TEST(Options, BuiltProgramAndDefaultsAfterAnEarlierParse) {
  CommandLine cl;
  std::string error;
  ASSERT_TRUE(parseCommandLine(
      {"tangle", "check", "--max-findings=3", "--", "./prog", "--flag", "x"},
      cl, error))
      << error;
  EXPECT_EQ(cl.explore.maxFindings, 3u);
  // A second parse starts from the defaults again.
  ASSERT_TRUE(parseCommandLine({"tangle", "replay", "--schedule", "0x3,1", "--",
                                "./prog", "--flag", "x"},
                               cl, error))
      << error;
  EXPECT_EQ(cl.command, Command::Replay);
  EXPECT_EQ(cl.schedule, "0x3,1");
  EXPECT_EQ(cl.explore.maxFindings, ExploreOptions().maxFindings);
  EXPECT_EQ(cl.format, OutputFormat::Text);
  EXPECT_EQ(cl.target.argv,
            (std::vector<std::string>{"./prog", "--flag", "x"}));
  EXPECT_EQ(cl.target.displayName(), "./prog");
}

} // namespace
