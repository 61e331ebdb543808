// Which static findings count in the verdict of `tangle check FILE.c`.
#include "cli/render.h"
#include "cli/static_checks.h"

#include <gtest/gtest.h>

using namespace tangle;

namespace {

StaticPass pass(const std::string &checkId) {
  StaticPass p;
  p.ran = true;
  analyzer::Finding f;
  f.CheckId = checkId;
  p.findings.push_back({f});
  return p;
}

Report explored(bool complete, std::vector<FindingKind> kinds = {}) {
  Report report;
  report.stats.complete = complete;
  for (FindingKind kind : kinds) {
    Finding f;
    f.kind = kind;
    report.findings.push_back(f);
  }
  return report;
}

} // namespace

TEST(StaticChecks, LockWarningConfirmedByTheExploration) {
  StaticPass p = pass("tangle-lock-order-inversion");
  Report report = explored(true, {FindingKind::DeadlockCycle});
  confirmStaticFindings(p, report);
  EXPECT_EQ(p.findings[0].confirmation, Confirmation::Confirmed);
  EXPECT_EQ(p.findings[0].confirmedBy, "deadlock.cycle");
  EXPECT_EQ(verdictOf(report, p), Verdict::Bugs);
}

TEST(StaticChecks, LockWarningNotConfirmedByACompleteExplorationDoesNotCount) {
  StaticPass p = pass("tangle-double-lock");
  Report report = explored(true);
  confirmStaticFindings(p, report);
  EXPECT_EQ(p.findings[0].confirmation, Confirmation::NotConfirmed);
  EXPECT_FALSE(p.findings[0].counted);
  EXPECT_EQ(verdictOf(report, p), Verdict::Clean);
}

TEST(StaticChecks, LockWarningCountsWhenExplorationStoppedEarly) {
  StaticPass p = pass("tangle-double-lock");
  Report report = explored(false);
  confirmStaticFindings(p, report);
  EXPECT_EQ(p.findings[0].confirmation, Confirmation::Unexplored);
  EXPECT_EQ(verdictOf(report, p), Verdict::Bugs);
}

TEST(StaticChecks, SharedFileBetweenProcessesIsCheckedByTheExploration) {
  // Forked children run under the same scheduler: the exploration's
  // race.file confirms the warning, and a complete one without it refutes it.
  StaticPass file = pass("tangle-shared-file-unlocked");
  file.findings[0].finding.Message =
      "file 'tickets.txt' is read and written back in child process ...";
  Report racy = explored(true, {FindingKind::RaceFile});
  confirmStaticFindings(file, racy);
  EXPECT_EQ(file.findings[0].confirmation, Confirmation::Confirmed);
  EXPECT_EQ(file.findings[0].confirmedBy, "race.file");
  Report clean = explored(true);
  confirmStaticFindings(file, clean);
  EXPECT_EQ(file.findings[0].confirmation, Confirmation::NotConfirmed);
  EXPECT_EQ(verdictOf(clean, file), Verdict::Clean);
}

TEST(StaticChecks, SharedGlobalDoesNotCountWithoutTheRaceDetector) {
  Report report = explored(true);
  StaticPass global = pass("tangle-shared-global-unlocked");
  confirmStaticFindings(global, report);
  EXPECT_FALSE(global.findings[0].counted);
  EXPECT_EQ(verdictOf(report, global), Verdict::Clean);
}

TEST(StaticChecks, SharedGlobalIsNotRefutedWhenRacesWereCheckedInPart) {
  // Every interleaving explored, but an execution's access log filled: the
  // accesses past it were not checked, and the race may be among them.
  Report report = explored(true);
  report.stats.racesChecked = true;
  report.stats.racesPartial = true;
  StaticPass global = pass("tangle-shared-global-unlocked");
  confirmStaticFindings(global, report);
  EXPECT_EQ(global.findings[0].confirmation, Confirmation::RacesPartial);
  EXPECT_FALSE(global.findings[0].counted);
  // A lock warning is not the race detector's: refuted as before.
  StaticPass lock = pass("tangle-double-lock");
  confirmStaticFindings(lock, report);
  EXPECT_EQ(lock.findings[0].confirmation, Confirmation::NotConfirmed);
  // With the whole log, the same exploration refutes the race warning.
  report.stats.racesPartial = false;
  confirmStaticFindings(global, report);
  EXPECT_EQ(global.findings[0].confirmation, Confirmation::NotConfirmed);
}

TEST(StaticChecks, SharedFileBetweenThreadsIsCheckedByTheExploration) {
  StaticPass file = pass("tangle-shared-file-unlocked");
  file.findings[0].finding.Message =
      "file 'tickets.txt' is read and written back in thread 'sell' ...";
  Report racy = explored(true, {FindingKind::RaceFile});
  confirmStaticFindings(file, racy);
  EXPECT_EQ(file.findings[0].confirmation, Confirmation::Confirmed);
  EXPECT_EQ(file.findings[0].confirmedBy, "race.file");
  // A complete exploration without race.file: the file is protected in a
  // way the static check does not see (O_APPEND, an OFD lock).
  Report clean = explored(true);
  confirmStaticFindings(file, clean);
  EXPECT_EQ(file.findings[0].confirmation, Confirmation::NotConfirmed);
  EXPECT_EQ(verdictOf(clean, file), Verdict::Clean);
}

TEST(StaticChecks, ThreadArgChangedIsCheckedByTheRaceDetector) {
  // race.c's &i: the race detector sees main's i++ race with the thread's
  // read through its argument, and a complete exploration that logged the
  // accesses without that race refutes the warning.
  StaticPass arg = pass("tangle-thread-arg-changed");
  Report racy = explored(true, {FindingKind::RaceData});
  racy.stats.racesChecked = true;
  confirmStaticFindings(arg, racy);
  EXPECT_EQ(arg.findings[0].confirmation, Confirmation::Confirmed);
  EXPECT_EQ(arg.findings[0].confirmedBy, "race.data");
  Report clean = explored(true);
  clean.stats.racesChecked = true;
  confirmStaticFindings(arg, clean);
  EXPECT_EQ(arg.findings[0].confirmation, Confirmation::NotConfirmed);
  EXPECT_EQ(verdictOf(clean, arg), Verdict::Clean);
}
