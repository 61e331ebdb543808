// The command line: usage errors give one line and exit code 2; good
// command lines fill CommandLine.
#include "cli/options.h"
#include "cli/tangle.h"

#include "llvm/ADT/StringRef.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

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
                     "--format expects text, json, sarif or github");
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

TEST(Options, EveryNumberIsFiniteAndInRange) {
  // Before: nan never timed out, 1e10 overflowed the deadline (every
  // program a hang), -1 was "invalid command line".
  expectOneErrorLine(run({"check", "--execution-timeout=nan", "prog.c"}),
                     "--execution-timeout expects a number of seconds from "
                     "0.01 to 1000000, got 'nan'");
  expectOneErrorLine(run({"check", "--execution-timeout=inf", "prog.c"}),
                     "got 'inf'");
  expectOneErrorLine(run({"check", "--execution-timeout=1e10", "prog.c"}),
                     "got '1e10'");
  expectOneErrorLine(run({"check", "--timeout", "-0.5", "prog.c"}),
                     "--timeout expects a number of seconds from 0 to");
  expectOneErrorLine(run({"check", "--max-executions=-1", "prog.c"}),
                     "--max-executions expects a whole number, got '-1'");
  expectOneErrorLine(run({"check", "--max-executions", "-1", "prog.c"}),
                     "--max-executions expects a whole number, got '-1'");
  expectOneErrorLine(run({"check", "--max-steps=0", "prog.c"}),
                     "--max-steps expects a whole number from 1 to 100000000");
  expectOneErrorLine(run({"check", "--retry-bound=1001", "prog.c"}),
                     "from 0 to 1000, got '1001'");
}

TEST(Options, LimitsTakeNoneOrANumberSizesTakeSuffixes) {
  CommandLine cl;
  std::string error;
  ASSERT_TRUE(parseCommandLine({"tangle", "check", "prog.c", "--limit-cpu", "5",
                                "--limit-memory=512M", "--limit-processes",
                                "none", "--limit-file-size", "2G",
                                "--limit-open-files=64", "--sandbox"},
                               cl, error))
      << error;
  EXPECT_EQ(cl.limits.cpuSeconds, 5u);
  EXPECT_EQ(cl.limits.memoryBytes, 512ull << 20);
  EXPECT_EQ(cl.limits.processes, 0u);
  EXPECT_EQ(cl.limits.fileSizeBytes, 2ull << 30);
  EXPECT_EQ(cl.limits.openFiles, 64u);
  EXPECT_TRUE(cl.sandbox);
  // The defaults.
  ASSERT_TRUE(parseCommandLine({"tangle", "check", "prog.c"}, cl, error));
  EXPECT_EQ(cl.limits.cpuSeconds, 60u);
  EXPECT_EQ(cl.limits.memoryBytes, 4ull << 30);
  EXPECT_EQ(cl.limits.fileSizeBytes, 1ull << 30);
  EXPECT_FALSE(cl.sandbox);
  EXPECT_EQ(cl.stdinFile, "");
  expectOneErrorLine(run({"check", "--limit-memory=10", "prog.c"}),
                     "--limit-memory expects 'none' or a size in bytes from "
                     "64M");
  expectOneErrorLine(run({"check", "--limit-memory=1.5G", "prog.c"}),
                     "got '1.5G'");
  expectOneErrorLine(run({"check", "--limit-file-size=9999999T", "prog.c"}),
                     "got '9999999T'");
  expectOneErrorLine(run({"check", "--limit-open-files=8", "prog.c"}),
                     "--limit-open-files expects 'none' or a whole number "
                     "from 16, got '8'");
}

TEST(Options, StdinAndTheLastOfRepeatedOptions) {
  CommandLine cl;
  std::string error;
  ASSERT_TRUE(
      parseCommandLine({"tangle", "replay", "--schedule=0", "--stdin", "-",
                        "--max-steps", "5", "--max-steps=7", "prog.c"},
                       cl, error))
      << error;
  EXPECT_EQ(cl.stdinFile, "-");
  EXPECT_EQ(cl.explore.maxSteps, 7u);
  expectOneErrorLine(run({"check", "--stdin=", "prog.c"}),
                     "--stdin expects a file name");
  expectOneErrorLine(run({"check", "--sandbox=yes", "prog.c"}),
                     "option '--sandbox' takes no value");
}

TEST(Options, InputThatDoesNotFitIsOneLine) {
  expectOneErrorLine(run({"check", "/tmp"}), "not a C or C++ source");
  char dir[] = "/tmp/tangle-options-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string source = std::string(dir) + "/x.c";
  ASSERT_EQ(mkdir(source.c_str(), 0700), 0);
  expectOneErrorLine(run({"check", source}),
                     source + " is a directory, not a source file");
  expectOneErrorLine(run({"replay", "--schedule", "0x5,,1", source}),
                     "malformed schedule '0x5,,1'");
  rmdir(source.c_str());
  rmdir(dir);
}

} // namespace
