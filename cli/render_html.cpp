// The HTML report: a page per run, a section per finding with its graph
// (SVG), its swimlanes (one lane per thread or process, one row per step),
// holders and waiters, the hint and the replay command.
#include "cli/render_html.h"

#include "cli/messages.h"
#include "cli/source_lines.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Unicode.h"

#include <algorithm>
#include <cmath>

namespace tangle {

/// `text` with the characters HTML gives a meaning escaped: safe in element
/// content and in quoted attributes alike.
std::string htmlEscape(llvm::StringRef text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

namespace {

/// A step's location and the text of its line, for a title attribute:
/// "prog.c:18:  pthread_mutex_lock(&a);".
std::string stepTitle(SourceLines &sources, const SourceLocation &at) {
  if (!at.known())
    return "";
  std::string text = sources.line(at.file, at.line).trim().str();
  return at.str() + (text.empty() ? "" : ":  " + text);
}

const char *const Style = R"css(
:root{--ink:#1d2430;--muted:#5b6575;--line:#d5dae1;--bg:#f6f7f9;--card:#fff;
--thread:#2f6fb3;--thread-bg:#e6f0fb;--object:#b26a00;--object-bg:#fff3e0;
--bad:#c62828;--bad-bg:#fdecea;--ok:#2e7d32;--warn:#a15c00}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;background:var(--bg);color:var(--ink);
font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",
"WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif}
code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,
"WenQuanYi Micro Hei Mono",monospace;font-size:13px}
h1{font-size:20px;margin:0 0 6px}
h2{font-size:16px;margin:0 0 8px;line-height:1.4}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;
color:var(--muted);margin:18px 0 6px}
.verdict{padding:10px 14px;border-radius:6px;margin:10px 0 22px;
background:var(--card);border-left:5px solid var(--muted)}
.verdict.bugs{border-color:var(--bad)}.verdict.clean{border-color:var(--ok)}
.verdict.incomplete{border-color:var(--warn)}
.finding{background:var(--card);border:1px solid var(--line);border-radius:8px;
padding:18px 20px;margin:0 0 22px}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;
border-radius:10px;margin-right:6px;vertical-align:2px;color:#fff;
background:var(--bad)}
.badge.warning{background:var(--warn)}
.id{color:var(--muted);font-weight:normal}
.where{color:var(--muted);margin:0 0 6px}
.graph svg{max-width:100%;height:auto;background:#fbfcfd;
border:1px solid var(--line);border-radius:6px}
.graph .thread rect{fill:var(--thread-bg);stroke:var(--thread);stroke-width:1.5}
.graph .object rect{fill:var(--object-bg);stroke:var(--object);stroke-width:1.5}
.graph text{font-size:13px;fill:var(--ink)}
.graph .edge path{fill:none;stroke:#667;stroke-width:1.6}
.graph .edge.waits path{stroke:var(--bad);stroke-dasharray:6 4}
.graph .edge text{font-size:12px;fill:var(--muted);paint-order:stroke;
stroke:#fbfcfd;stroke-width:4px;stroke-linejoin:round}
.graph .edge.waits text{fill:var(--bad)}
table{border-collapse:collapse}
.people td,.people th{border-bottom:1px solid var(--line);padding:5px 10px;
text-align:left;vertical-align:top}
.people th{font-weight:600;color:var(--muted);font-size:12px}
.lanes-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
.swimlanes{width:100%;table-layout:fixed}
.swimlanes th{position:sticky;top:0;background:var(--thread-bg);
color:var(--thread);font-weight:600;padding:6px 8px;text-align:left;
border-right:1px solid var(--line);font-size:13px}
.swimlanes td{padding:3px 8px;border-right:1px solid var(--line);
border-top:1px solid #eef0f3;vertical-align:top;height:26px}
.swimlanes td.n,.swimlanes th.n{width:52px;text-align:right;color:var(--muted);
background:#fafbfc}
.swimlanes td.lane{background-image:linear-gradient(var(--line),var(--line));
background-size:2px 100%;background-repeat:no-repeat;background-position:18px 0}
.step{display:inline-block;background:#fff;border:1px solid var(--line);
border-radius:4px;padding:1px 6px;max-width:100%;overflow-wrap:anywhere}
.step .op{font-weight:600}
.step .at{display:block;color:var(--muted);font-size:11px}
tr.failing td{background:var(--bad-bg)}
tr.failing .step{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad)}
tr.failing td.n{color:var(--bad);font-weight:700}
tr.omitted td{color:var(--muted);font-style:italic;text-align:center;
background:#fafbfc}
.repeats{color:var(--muted);font-size:12px;margin-left:4px}
.hint{background:#eef6ee;border-left:4px solid var(--ok);padding:8px 12px;
border-radius:4px}
pre.replay{background:#1d2430;color:#e8edf3;padding:10px 12px;border-radius:6px;
white-space:pre-wrap;word-break:break-all;margin:0}
.legend{color:var(--muted);font-size:12px;margin:6px 0 0}
.legend span{display:inline-block;width:12px;height:12px;border-radius:2px;
vertical-align:-1px;margin:0 4px 0 10px}
.static{background:var(--card);border:1px solid var(--line);border-radius:8px;
padding:10px 16px;margin:0 0 12px}
ul.notes{color:var(--muted)}
)css";

/// The columns `text` takes (a Chinese character two), for sizing boxes.
size_t columnsOf(llvm::StringRef text) {
  int width = llvm::sys::unicode::columnWidthUTF8(text);
  return width < 0 ? text.size() : size_t(width);
}

/// A node of a finding's graph: a thread (or process) or an object.
struct Node {
  std::string label;
  bool thread = false;
  double x = 0, y = 0, width = 0;
};

struct Edge {
  size_t from, to;
  std::string label;
  bool waits = false; // a blocked wait: drawn dashed, in red
};

struct Graph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;

  size_t node(const std::string &label, bool thread) {
    for (size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i].label == label && nodes[i].thread == thread)
        return i;
    nodes.push_back({label, thread});
    return nodes.size() - 1;
  }
  void edge(size_t from, size_t to, std::string label, bool waits) {
    for (const Edge &e : edges)
      if (e.from == from && e.to == to && e.label == label)
        return;
    edges.push_back({from, to, std::move(label), waits});
  }
};

/// The wait-for graph of a deadlock or stall (thread -> what it waits for
/// -> who holds it), the lock-order graph of an inversion (lock -> lock
/// taken while holding it), or the accesses of a race (thread -> object).
Graph graphOf(const Explanation &e) {
  Graph g;
  if (!e.lockEdges.empty()) {
    for (const LockEdgeView &edge : e.lockEdges)
      g.edge(g.node(edge.held, false), g.node(edge.acquired, false),
             edge.thread.shortName, false);
    return g;
  }
  if (!e.accesses.empty()) {
    size_t object = g.node(e.object.empty() ? tr("it") : e.object, false);
    for (const AccessView &a : e.accesses)
      g.edge(g.node(a.thread.name, true),
             a.object.empty() ? object : g.node(a.object, false), tr(a.verb),
             false);
    return g;
  }
  // Around the cycle: each thread, then what it waits for.
  for (const InvolvedThread &t : e.threads) {
    size_t thread = g.node(t.thread.name, true);
    if (t.waits) {
      std::string what =
          t.waits->object.empty() ? tr(t.waits->op) : t.waits->object;
      // A join waits for a thread: an edge between two threads.
      bool joins = llvm::any_of(e.threads, [&](const InvolvedThread &other) {
        return other.thread.name == what;
      });
      size_t object = g.node(what, joins);
      g.edge(thread, object, tr(t.waits->op), true);
      if (t.waits->waitsOn && !joins)
        g.edge(object, g.node(t.waits->waitsOn->name, true), tr("held by"),
               false);
    }
  }
  for (const InvolvedThread &t : e.threads)
    for (const HeldLockView &held : t.holds)
      g.edge(g.node(held.object.name, false), g.node(t.thread.name, true),
             tr("held by"), false);
  if (g.nodes.empty() && e.kind == FindingKind::RaceData && !e.object.empty())
    g.node(e.object, false);
  return g;
}

/// Nodes on a circle (in the order they were added, so a cycle reads as
/// one), edges as arcs bowed to one side so that opposite edges part.
void renderGraph(llvm::raw_ostream &out, Graph g, const char *kind) {
  if (g.nodes.empty())
    return;
  const double boxHeight = 34;
  double widest = 0;
  for (Node &n : g.nodes) {
    n.width = 24 + 7.5 * columnsOf(n.label);
    widest = std::max(widest, n.width);
  }
  size_t count = g.nodes.size();
  // Around the circle, neighbours stay apart by their half widths and
  // room for an arrow.
  double radius = count == 1   ? 0
                  : count == 2 ? std::max(150.0, widest * 0.5 + 60)
                               : 110.0;
  if (count > 2)
    for (size_t i = 0; i < count; ++i) {
      const Node &a = g.nodes[i], &b = g.nodes[(i + 1) % count];
      double chord = (a.width + b.width) / 2 + 56;
      radius = std::max(radius, chord / (2 * std::sin(M_PI / double(count))));
    }
  double width = 2 * radius + widest + 40;
  double height = count == 2 ? 170 : 2 * radius + boxHeight + 70;
  for (size_t i = 0; i < count; ++i) {
    // Two nodes side by side; more around a circle from the top.
    double angle = count == 2 ? M_PI * (1 - double(i))
                              : 2 * M_PI * double(i) / double(count) - M_PI / 2;
    g.nodes[i].x = width / 2 + radius * std::cos(angle);
    g.nodes[i].y = height / 2 + radius * std::sin(angle);
  }
  // Fit the drawing to the boxes, with a margin for the arcs that bow out.
  const double margin = 44;
  double left = 1e9, top = 1e9, right = -1e9, bottom = -1e9;
  for (const Node &n : g.nodes) {
    left = std::min(left, n.x - n.width / 2);
    right = std::max(right, n.x + n.width / 2);
    top = std::min(top, n.y - boxHeight / 2);
    bottom = std::max(bottom, n.y + boxHeight / 2);
  }
  for (Node &n : g.nodes) {
    n.x += margin - left;
    n.y += margin - top;
  }
  width = right - left + 2 * margin;
  height = bottom - top + 2 * margin;
  out << llvm::formatv("<div class=\"graph {0}\"><svg xmlns=\"http://www.w3."
                       "org/2000/svg\" role=\"img\" viewBox=\"0 0 {1:f0} "
                       "{2:f0}\" width=\"{1:f0}\" height=\"{2:f0}\">\n",
                       kind, width, height);
  out << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" "
         "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
         "fill=\"#667\"/></marker><marker id=\"arrow-waits\" viewBox=\"0 0 "
         "10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
         "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
         "fill=\"#c62828\"/></marker></defs>\n";
  // Where the line from a node's centre towards (dx, dy) leaves its box.
  auto border = [&](const Node &n, double dx, double dy) {
    double length = std::hypot(dx, dy);
    if (length == 0)
      return std::pair<double, double>(n.x, n.y);
    double sx = std::abs(dx) > 0 ? (n.width / 2 + 4) / std::abs(dx) : 1e9;
    double sy = std::abs(dy) > 0 ? (boxHeight / 2 + 4) / std::abs(dy) : 1e9;
    double s = std::min(sx, sy);
    return std::pair<double, double>(n.x + dx * s, n.y + dy * s);
  };
  for (const Edge &e : g.edges) {
    const Node &a = g.nodes[e.from], &b = g.nodes[e.to];
    double dx = b.x - a.x, dy = b.y - a.y, length = std::hypot(dx, dy);
    if (length == 0)
      continue;
    // Bow to the left of the direction of travel.
    double bow = std::min(60.0, length * 0.18);
    double cx = (a.x + b.x) / 2 + dy / length * bow;
    double cy = (a.y + b.y) / 2 - dx / length * bow;
    auto [x1, y1] = border(a, cx - a.x, cy - a.y);
    auto [x2, y2] = border(b, cx - b.x, cy - b.y);
    // The label at the middle of the arc, pushed off it on the bowed side.
    double lx = 0.25 * x1 + 0.5 * cx + 0.25 * x2 + dy / length * 10;
    double ly = 0.25 * y1 + 0.5 * cy + 0.25 * y2 - dx / length * 10 + 4;
    out << llvm::formatv(
        "<g class=\"edge{0}\"><path d=\"M{1:f1},{2:f1} Q{3:f1},{4:f1} "
        "{5:f1},{6:f1}\" marker-end=\"url(#{7})\"/><text x=\"{8:f1}\" "
        "y=\"{9:f1}\" text-anchor=\"middle\">{10}</text></g>\n",
        e.waits ? " waits" : "", x1, y1, cx, cy, x2, y2,
        e.waits ? "arrow-waits" : "arrow", lx, ly, htmlEscape(e.label));
  }
  for (const Node &n : g.nodes)
    out << llvm::formatv(
        "<g class=\"node {0}\"><rect x=\"{1:f1}\" y=\"{2:f1}\" width=\"{3:f1}"
        "\" height=\"{4:f0}\" rx=\"{5}\"/><text x=\"{6:f1}\" y=\"{7:f1}\" "
        "text-anchor=\"middle\">{8}</text></g>\n",
        n.thread ? "thread" : "object", n.x - n.width / 2, n.y - boxHeight / 2,
        n.width, boxHeight, n.thread ? 17 : 4, n.x, n.y + 4.5, htmlEscape(n.label));
  out << "</svg></div>\n";
  out << "<p class=\"legend\"><span style=\"background:#e6f0fb;border:1px "
         "solid #2f6fb3;border-radius:6px\"></span>"
      << htmlEscape(tr("thread or process"))
      << "<span style=\"background:#fff3e0;border:1px solid #b26a00\"></span>"
      << htmlEscape(tr("object")) << "</p>\n";
}

std::string location(const SourceLocation &at) {
  return at.known() ? at.str() : "";
}

/// Holders and waiters: what each involved thread holds and waits for.
void renderThreads(llvm::raw_ostream &out, const Explanation &e) {
  if (e.threads.empty())
    return;
  out << "<h3>" << htmlEscape(tr("Threads involved")) << "</h3>\n"
      << "<table class=\"people\"><tr><th>" << htmlEscape(tr("thread"))
      << "</th><th>" << htmlEscape(tr("holds")) << "</th><th>"
      << htmlEscape(tr("waits for")) << "</th></tr>\n";
  for (const InvolvedThread &t : e.threads) {
    out << "<tr class=\"involved\"><td>" << htmlEscape(t.thread.name);
    if (t.thread.createdAt.known())
      out << "<br><span class=\"mono where\">"
          << htmlEscape(tr("created at {0}", location(t.thread.createdAt)))
          << "</span>";
    out << "</td><td>";
    for (const HeldLockView &held : t.holds)
      out << "<div><code>" << htmlEscape(held.object.name) << "</code> "
          << htmlEscape(tr("locked at {0} (step {1})", location(held.lockedAt),
                       held.step))
          << "</div>";
    if (t.holds.empty())
      out << "&mdash;";
    out << "</td><td>";
    if (t.waits) {
      out << htmlEscape(tr(t.waits->op)) << " <code>" << htmlEscape(t.waits->object)
          << "</code>";
      if (t.waits->at.known())
        out << " <span class=\"mono where\">" << htmlEscape(location(t.waits->at))
            << "</span>";
      if (t.waits->waitsOn)
        out << "<br>"
            << htmlEscape(t.waits->waitsOn->id == t.thread.id
                          ? std::string(tr("which it holds itself"))
                          : tr("held by {0}", t.waits->waitsOn->name));
      if (!t.waits->detail.empty())
        out << "<br><span class=\"where\">" << htmlEscape(t.waits->detail)
            << "</span>";
    } else {
      out << "&mdash;";
    }
    out << "</td></tr>\n";
  }
  out << "</table>\n";
}

/// The lanes of the interleaving: every thread that has a step, in the
/// order they first appear.
std::vector<std::string> lanesOf(const Explanation &e) {
  std::vector<std::string> lanes;
  auto add = [&](const std::string &name) {
    if (std::find(lanes.begin(), lanes.end(), name) == lanes.end())
      lanes.push_back(name);
  };
  for (const StepView &step : e.steps)
    add(step.thread.name);
  for (const StepView &step : e.blocked)
    add(step.thread.name);
  return lanes;
}

bool sameLine(const SourceLocation &a, const SourceLocation &b) {
  return a.known() && a.file == b.file && a.line == b.line;
}

/// The steps where the problem shows: the blocked operations of a deadlock
/// or stall; otherwise, for each site of the finding, the last step there.
std::vector<bool> failingSteps(const Explanation &e) {
  std::vector<bool> failing(e.steps.size(), false);
  if (!e.blocked.empty())
    return failing;
  std::vector<SourceLocation> sites = e.locations;
  for (const AccessView &a : e.accesses)
    sites.push_back(a.at);
  for (const SourceLocation &site : sites)
    for (size_t i = e.steps.size(); i-- > 0;)
      if (sameLine(e.steps[i].at, site)) {
        failing[i] = true;
        break;
      }
  return failing;
}

/// "3 preemptions", or "1 preemption, shortened from 173 preemptions" for a
/// shrunk witness (model/explore/shrink.h).
std::string preemptionsShown(const Explanation &e) {
  auto count = [](uint32_t n) {
    return n == 1 ? tr("{0} preemption", n) : tr("{0} preemptions", n);
  };
  std::string shown = count(e.preemptions);
  if (e.shrunkFrom)
    shown += tr(", shortened from {0}", count(e.shrunkFrom));
  return shown;
}

void renderLanes(llvm::raw_ostream &out, const Explanation &e,
                 SourceLines &sources) {
  std::vector<std::string> lanes = lanesOf(e);
  if (lanes.empty())
    return;
  out << "<h3>"
      << htmlEscape(e.replayCommand.empty()
                        ? tr("The last recorded steps, one lane per thread")
                        : tr("The interleaving, one lane per thread: {0}, {1}",
                             e.totalSteps == 1 ? tr("{0} step", e.totalSteps)
                                               : tr("{0} steps", e.totalSteps),
                             preemptionsShown(e)))
      << "</h3>\n<div class=\"lanes-wrap\"><table class=\"swimlanes\" "
         "data-lanes=\""
      << lanes.size() << "\"><thead><tr><th class=\"n\">#</th>";
  for (const std::string &lane : lanes)
    out << "<th class=\"lane-head\">" << htmlEscape(lane) << "</th>";
  out << "</tr></thead><tbody>\n";
  auto row = [&](const StepView &step, bool failing, bool blocked) {
    out << "<tr class=\"step-row" << (failing || blocked ? " failing" : "")
        << (blocked ? " blocked" : "") << "\"><td class=\"n\">";
    if (step.number)
      out << step.number;
    else if (blocked)
      out << "&#9632;";
    out << "</td>";
    std::string op = stepOperation(
        step, blocked, e.kind == FindingKind::LifecycleDetachedCutOff);
    for (const std::string &lane : lanes) {
      out << "<td class=\"lane\">";
      if (lane == step.thread.name) {
        out << "<span class=\"step\" title=\"" << htmlEscape(stepTitle(sources, step.at))
            << "\"><span class=\"op\">" << htmlEscape(op) << "</span> "
            << htmlEscape(step.object);
        if (step.at.known())
          out << "<span class=\"at mono\">" << htmlEscape(location(step.at))
              << "</span>";
        out << "</span>";
        if (step.repeats > 1)
          out << "<span class=\"repeats\">&times;" << step.repeats << "</span>";
      }
      out << "</td>";
    }
    out << "</tr>\n";
  };
  std::vector<bool> failing = failingSteps(e);
  for (size_t i = 0; i < e.steps.size(); ++i) {
    const StepView &step = e.steps[i];
    if (step.omittedBefore)
      out << "<tr class=\"omitted\"><td class=\"n\">&hellip;</td><td "
             "colspan=\""
          << lanes.size() << "\">"
          << htmlEscape(step.omittedBefore == 1
                        ? tr("{0} step left out", step.omittedBefore)
                        : tr("{0} steps left out", step.omittedBefore))
          << "</td></tr>\n";
    row(step, failing[i], false);
    // A loop's rounds listed once (explain.cpp's addSteps).
    if (step.groupRepeats)
      out << "<tr class=\"omitted\"><td class=\"n\">&hellip;</td><td "
             "colspan=\""
          << lanes.size() << "\">" << htmlEscape(roundText(step))
          << "</td></tr>\n";
  }
  for (const StepView &step : e.blocked)
    row(step, false, true);
  out << "</tbody></table></div>\n";
}

/// The edges of a lock-order cycle, with where each lock was taken.
void renderLockEdges(llvm::raw_ostream &out, const Explanation &e) {
  if (e.lockEdges.empty())
    return;
  out << "<h3>" << htmlEscape(tr("Lock order")) << "</h3>\n<table "
      << "class=\"people\"><tr><th>" << htmlEscape(tr("thread")) << "</th><th>"
      << htmlEscape(tr("holds")) << "</th><th>" << htmlEscape(tr("then locks"))
      << "</th></tr>\n";
  for (const LockEdgeView &edge : e.lockEdges) {
    auto at = [](const std::vector<SourceLocation> &stack) {
      return stack.empty() ? std::string() : location(stack.front());
    };
    out << "<tr class=\"lock-edge\"><td>" << htmlEscape(edge.thread.name)
        << "</td><td><code>" << htmlEscape(edge.held) << "</code> <span "
        << "class=\"mono where\">" << htmlEscape(at(edge.heldStack))
        << "</span></td><td><code>" << htmlEscape(edge.acquired)
        << "</code> <span class=\"mono where\">"
        << htmlEscape(at(edge.acquiredStack)) << "</span></td></tr>\n";
  }
  out << "</table>\n";
}

void renderFinding(llvm::raw_ostream &out, const Explanation &e, size_t index,
                   SourceLines &sources) {
  out << "<section class=\"finding\" id=\"finding-" << index << "\" data-id=\""
      << htmlEscape(e.id) << "\">\n<h2><span class=\"badge"
      << (e.counted ? "" : " warning") << "\">"
      << htmlEscape(tr(e.counted ? "error" : "warning")) << "</span>"
      << htmlEscape(e.summary) << " <code class=\"id\">[" << htmlEscape(e.id)
      << "]</code></h2>\n";
  if (e.location.known())
    out << "<p class=\"where mono\" title=\""
        << htmlEscape(stepTitle(sources, e.location)) << "\">"
        << htmlEscape(e.location.str(true)) << "</p>\n";
  const char *kind = !e.lockEdges.empty()  ? "lock-graph"
                     : !e.accesses.empty() ? "access-graph"
                                           : "wait-for-graph";
  const char *title = !e.lockEdges.empty()  ? msg("Lock-order graph")
                      : !e.accesses.empty() ? msg("Who accesses what")
                                            : msg("Wait-for graph");
  Graph graph = graphOf(e);
  if (!graph.nodes.empty()) {
    out << "<h3>" << htmlEscape(tr(title)) << "</h3>\n";
    renderGraph(out, std::move(graph), kind);
  }
  renderThreads(out, e);
  renderLockEdges(out, e);
  renderLanes(out, e, sources);
  out << "<h3>" << htmlEscape(tr("Fix")) << "</h3>\n<p class=\"hint\">"
      << htmlEscape(e.hint) << "</p>\n";
  if (!e.replayCommand.empty())
    out << "<h3>" << htmlEscape(tr("Replay")) << "</h3>\n<pre class=\"replay\">"
        << htmlEscape(e.replayCommand) << "</pre>\n";
  out << "</section>\n";
}

} // namespace

void renderHtml(llvm::raw_ostream &out, const RunSummary &run,
                const std::vector<Explanation> &findings) {
  SourceLines sources;
  size_t counted = size_t(
      llvm::count_if(findings, [](const Explanation &e) { return e.counted; }));
  std::string verdict = verdictName(run.verdict);
  out << "<!DOCTYPE html>\n<html lang=\""
      << (currentLanguage() == Language::Chinese ? "zh-CN" : "en")
      << "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\">\n<title>tangle "
      << htmlEscape(run.command) << " " << htmlEscape(run.program)
      << "</title>\n<style>" << Style << "</style>\n</head>\n<body>\n";
  out << "<h1>tangle " << htmlEscape(run.command) << " <code>"
      << htmlEscape(run.program) << "</code></h1>\n<p class=\"verdict "
      << htmlEscape(verdict) << "\" data-verdict=\"" << htmlEscape(verdict) << "\">"
      << htmlEscape(summaryLine(run, counted, findings.size() - counted))
      << "</p>\n";
  size_t index = 0;
  for (const Explanation &e : findings)
    renderFinding(out, e, ++index, sources);
  if (!run.staticChecks.findings.empty()) {
    out << "<h3>" << htmlEscape(tr("Static checks")) << "</h3>\n";
    for (const StaticFinding &f : run.staticChecks.findings) {
      const analyzer::SourcePosition &at = f.finding.Where;
      out << "<div class=\"static\" data-id=\"" << htmlEscape(f.finding.CheckId)
          << "\"><span class=\"badge warning\">" << htmlEscape(tr("warning"))
          << "</span>" << htmlEscape(reportLanguage(f.finding.Text))
          << " <code class=\"id\">["
          << htmlEscape(f.finding.CheckId) << "]</code>";
      if (!at.File.empty())
        out << "<div class=\"where mono\">"
            << htmlEscape(at.File + ":" + std::to_string(at.Line)) << "</div>";
      out << "<div class=\"where\">" << htmlEscape(confirmationNote(f)) << "</div>";
      out << "</div>\n";
    }
  }
  out << "</body>\n</html>\n";
}

std::string writeHtmlReport(const std::string &path, const RunSummary &run,
                            const std::vector<Explanation> &findings) {
  std::error_code error;
  llvm::raw_fd_ostream file(path, error, llvm::sys::fs::OF_Text);
  if (error)
    return "cannot write the HTML report " + path + ": " + error.message();
  renderHtml(file, run, findings);
  file.close();
  if (file.has_error())
    return "cannot write the HTML report " + path + ": " +
           file.error().message();
  return "";
}

} // namespace tangle
