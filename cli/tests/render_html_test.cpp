// The HTML report on a hand-built explanation: whatever the program names
// (threads, objects, files, messages) is escaped, the page fetches nothing,
// and it has the lanes and the graph in the current language.
#include "cli/messages.h"
#include "cli/render_html.h"

#include <gtest/gtest.h>

using namespace tangle;

namespace {

ThreadView thread(ThreadId id, const std::string &name) {
  ThreadView view;
  view.id = id;
  view.name = view.shortName = name;
  return view;
}

/// Two threads that each hold one lock and wait for the other's, named by a
/// hostile program.
Explanation hostileDeadlock() {
  Explanation e;
  e.kind = FindingKind::DeadlockCycle;
  e.id = "deadlock.cycle";
  e.summary = "deadlock: <b>bold</b> & \"quoted\"";
  e.hint = "take <img src=x onerror=alert(1)> first";
  e.replayCommand = "tangle replay --schedule '0x2,1' 'a<b>.c'";
  ThreadView a = thread(1, "<script>alert(1)</script>");
  ThreadView b = thread(2, "thread \"2\"");
  InvolvedThread ta{a, {}, std::nullopt}, tb{b, {}, std::nullopt};
  HeldLockView lockA;
  lockA.object.name = "m<1>";
  lockA.step = 1;
  HeldLockView lockB;
  lockB.object.name = "m'2'";
  lockB.step = 2;
  ta.holds = {lockA};
  tb.holds = {lockB};
  WaitView waitA;
  waitA.op = "lock";
  waitA.object = "m'2'";
  waitA.waitsOn = b;
  WaitView waitB;
  waitB.op = "lock";
  waitB.object = "m<1>";
  waitB.waitsOn = a;
  ta.waits = waitA;
  tb.waits = waitB;
  e.threads = {ta, tb};
  StepView s1;
  s1.number = 1;
  s1.thread = a;
  s1.op = "lock";
  s1.object = "m<1>";
  StepView s2 = s1;
  s2.number = 2;
  s2.thread = b;
  s2.object = "m'2'";
  e.steps = {s1, s2};
  StepView blocked = s1;
  blocked.number = 0;
  blocked.object = "m'2'";
  e.blocked = {blocked};
  e.totalSteps = 2;
  return e;
}

std::string page(const std::vector<Explanation> &findings) {
  RunSummary run;
  run.program = "prog<1>.c";
  run.verdict = Verdict::Bugs;
  std::string text;
  llvm::raw_string_ostream out(text);
  renderHtml(out, run, findings);
  return out.str();
}

TEST(RenderHtml, EscapesEverythingTheProgramNames) {
  std::string html = page({hostileDeadlock()});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>bold"), std::string::npos);
  EXPECT_EQ(html.find("prog<1>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("thread &quot;2&quot;"), std::string::npos);
  EXPECT_NE(html.find("m&#39;2&#39;"), std::string::npos);
  EXPECT_NE(html.find("&amp; &quot;quoted&quot;"), std::string::npos);
}

TEST(RenderHtml, FetchesNothing) {
  std::string html = page({hostileDeadlock()});
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
}

TEST(RenderHtml, LanesAndGraphOfADeadlock) {
  std::string html = page({hostileDeadlock()});
  EXPECT_NE(html.find("<table class=\"swimlanes\" data-lanes=\"2\">"),
            std::string::npos);
  // Two threads, two locks, two waits and two holds.
  size_t nodes = 0, waits = 0;
  for (size_t at = html.find("<g class=\"node "); at != std::string::npos;
       at = html.find("<g class=\"node ", at + 1))
    ++nodes;
  for (size_t at = html.find("<g class=\"edge waits\"");
       at != std::string::npos;
       at = html.find("<g class=\"edge waits\"", at + 1))
    ++waits;
  EXPECT_EQ(nodes, 4u);
  EXPECT_EQ(waits, 2u);
  EXPECT_NE(html.find("step-row failing blocked"), std::string::npos);
}

TEST(RenderHtml, SpeaksTheCurrentLanguage) {
  setLanguage(Language::Chinese);
  std::string html = page({hostileDeadlock()});
  setLanguage(Language::English);
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("等待图"), std::string::npos);
  EXPECT_NE(html.find("阻塞：加锁"), std::string::npos);
  EXPECT_EQ(html.find("Wait-for graph"), std::string::npos);
}

} // namespace
