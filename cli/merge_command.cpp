// `tangle merge`: the shards' reports as the report of one run (see
// merge_command.h). The shards explored disjoint parts of one tree
// (model/explore/shard.h), so the counts add up; a finding is kept once,
// by its id and locations, with the simplest witness any shard met.
#include "cli/merge_command.h"

#include "cli/messages.h"
#include "cli/options.h"

#include "llvm/ADT/Optional.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <map>

namespace tangle {
namespace json = llvm::json;

namespace {

struct Part {
  std::string file;
  json::Object report;
  int64_t index = 0, count = 0;
  std::string fingerprint;
};

std::string plural(uint64_t n, const char *one, const char *many) {
  return tr(n == 1 ? one : many, n);
}

int64_t number(const json::Object *object, llvm::StringRef key) {
  if (!object)
    return 0;
  if (llvm::Optional<int64_t> n = object->getInteger(key))
    return *n;
  if (llvm::Optional<double> d = object->getNumber(key))
    return int64_t(*d);
  return 0;
}

/// Reads one shard's report; an empty string, or the line that says why
/// it cannot be merged.
std::string readPart(const std::string &file, Part &part) {
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/true);
  if (!buffer)
    return "cannot read " + file + ": " + buffer.getError().message();
  llvm::Expected<json::Value> parsed = json::parse((*buffer)->getBuffer());
  if (!parsed) {
    std::string why = llvm::toString(parsed.takeError());
    std::replace(why.begin(), why.end(), '\n', ' ');
    return file + " is not JSON (" + why + ")";
  }
  const json::Object *report = parsed->getAsObject();
  const json::Object *shard = report ? report->getObject("shard") : nullptr;
  llvm::Optional<llvm::StringRef> command =
      report ? report->getString("command") : llvm::None;
  llvm::Optional<llvm::StringRef> fingerprint =
      shard ? shard->getString("fingerprint") : llvm::None;
  if (!shard || !command || *command != "check" || !fingerprint ||
      !report->getObject("explored") || !report->getArray("findings") ||
      number(shard, "count") < 1 || number(shard, "index") < 1 ||
      number(shard, "index") > number(shard, "count"))
    return file + " is not the report of a shard (tangle check --shard I/N "
                  "--format json)";
  part.file = file;
  part.index = number(shard, "index");
  part.count = number(shard, "count");
  part.fingerprint = fingerprint->str();
  part.report = std::move(*report);
  return "";
}

/// What identifies a finding across shards: its id, source and locations.
std::string findingKey(const json::Object &f) {
  std::string key;
  llvm::raw_string_ostream out(key);
  out << f.getString("id").getValueOr("") << "|"
      << f.getString("source").getValueOr("");
  if (const json::Array *locations = f.getArray("locations"))
    for (const json::Value &at : *locations)
      out << "|" << at;
  return out.str();
}

bool counted(const json::Object &f) {
  return f.getBoolean("counted").getValueOr(true);
}

/// Of two witnesses of one finding: fewer preemptions, then fewer steps.
bool simpler(const json::Object &a, const json::Object &b) {
  int64_t pa = number(&a, "preemptions"), pb = number(&b, "preemptions");
  if (pa != pb)
    return pa < pb;
  return number(&a, "total_steps") < number(&b, "total_steps");
}

} // namespace

int runMerge(llvm::ArrayRef<std::string> words, Console &console) {
  auto usage = [&](const std::string &message) {
    console.err << "tangle: error: " << message << "\n";
    return 2;
  };
  bool asJson = false;
  std::vector<std::string> files;
  for (size_t i = 0; i < words.size(); ++i) {
    llvm::StringRef word = words[i];
    if (word == "--help" || word == "-h") {
      console.out << usageOverview();
      return 0;
    }
    if (word == "--format" || word.startswith("--format=")) {
      llvm::StringRef value = word.startswith("--format=")
                                  ? word.drop_front(9)
                                  : (i + 1 < words.size()
                                         ? llvm::StringRef(words[++i])
                                         : llvm::StringRef());
      if (value != "text" && value != "json")
        return usage("--format expects text or json, got '" + value.str() +
                     "'");
      asJson = value == "json";
    } else if (word.startswith("-") && word != "-") {
      return usage("unknown option '" + word.str() +
                   "' for 'tangle merge'; expected --format");
    } else {
      files.push_back(word.str());
    }
  }
  if (files.empty())
    return usage("expected 'tangle merge REPORT.json...', the JSON reports "
                 "of tangle check --shard I/N --format json");
  setLanguage(asJson ? Language::English : currentLanguage());

  std::vector<Part> parts(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    std::string error = readPart(files[i], parts[i]);
    if (!error.empty())
      return usage(error);
    const Part &first = parts[0], &part = parts[i];
    if (part.fingerprint != first.fingerprint || part.count != first.count)
      return usage(part.file + " is a shard of another run than " +
                   first.file +
                   ": another program, input or options, or another number "
                   "of shards (fingerprint " +
                   part.fingerprint + " of " + std::to_string(part.count) +
                   " shards, not " + first.fingerprint + " of " +
                   std::to_string(first.count) + ")");
    for (size_t j = 0; j < i; ++j)
      if (parts[j].index == part.index)
        return usage(parts[j].file + " and " + part.file +
                     " are both shard " + std::to_string(part.index) + "/" +
                     std::to_string(part.count));
  }
  std::sort(parts.begin(), parts.end(),
            [](const Part &a, const Part &b) { return a.index < b.index; });
  const int64_t count = parts[0].count;
  std::vector<int64_t> missing;
  for (int64_t i = 1, at = 0; i <= count; ++i) {
    if (at < int64_t(parts.size()) && parts[at].index == i)
      ++at;
    else
      missing.push_back(i);
  }

  // The counts add up (the parts are disjoint); complete only when every
  // part is there and complete.
  bool complete = missing.empty(), racesChecked = false, racesPartial = false;
  int64_t executions = 0, sleepBlocked = 0, retryBounded = 0, steps = 0,
          dporExecutions = 0, symmetric = 0, random = 0, pct = 0, pos = 0,
          suppressed = 0, jobs = 0;
  int64_t preemptionsComplete = missing.empty() ? INT64_MAX : -1;
  double seconds = 0, estimated = 0;
  std::string stoppedBy = missing.empty() ? "" : "missing-shards", limit,
              strategy;
  json::Array partsJson;
  std::map<std::string, size_t> index; // finding key -> position
  std::vector<json::Object> findings;
  std::vector<int64_t> foundIn;
  std::vector<bool> confirmed;
  for (Part &part : parts) {
    json::Object &r = part.report;
    const json::Object *explored = r.getObject("explored");
    const json::Object *coverage = explored->getObject("coverage");
    const bool partComplete = explored->getBoolean("complete").getValueOr(false);
    complete = complete && partComplete;
    executions += number(explored, "executions");
    sleepBlocked += number(explored, "sleep_blocked");
    retryBounded += number(explored, "retry_bounded");
    steps += number(explored, "steps");
    racesChecked = racesChecked ||
                   explored->getBoolean("races_checked").getValueOr(false);
    racesPartial = racesPartial ||
                   explored->getBoolean("races_partial").getValueOr(false);
    seconds = std::max(seconds, explored->getNumber("seconds").getValueOr(0));
    if (stoppedBy.empty() && explored->getString("stopped_by"))
      stoppedBy = explored->getString("stopped_by")->str();
    if (limit.empty() && explored->getString("limit"))
      limit = explored->getString("limit")->str();
    dporExecutions += number(coverage, "dpor_executions");
    symmetric += number(coverage, "symmetric_schedules");
    random += number(coverage, "random_schedules");
    pct += number(coverage, "pct_schedules");
    pos += number(coverage, "pos_schedules");
    jobs = std::max(jobs, number(coverage, "jobs"));
    if (coverage) {
      estimated += coverage->getNumber("estimated_executions").getValueOr(0);
      if (strategy.empty())
        strategy = coverage->getString("strategy").getValueOr("").str();
    }
    preemptionsComplete =
        std::min(preemptionsComplete, number(coverage, "preemptions_complete"));
    suppressed = std::max(suppressed, number(&r, "suppressed"));
    const json::Object *shard = r.getObject("shard");
    partsJson.push_back(json::Object{
        {"index", part.index},
        {"file", part.file},
        {"verdict", r.getString("verdict").getValueOr("")},
        {"complete", partComplete},
        {"executions", number(explored, "executions")},
        {"dpor_executions", number(coverage, "dpor_executions")},
        {"sleep_blocked", number(explored, "sleep_blocked")},
        {"seconds", explored->getNumber("seconds").getValueOr(0)},
        {"roots", number(shard, "roots")},
        {"prefix_executions", number(shard, "prefix_executions")}});
    for (json::Value &value : *r.getArray("findings")) {
      json::Object *f = value.getAsObject();
      if (!f)
        continue;
      const bool isConfirmed =
          f->getString("confirmation").getValueOr("") == "confirmed";
      std::string key = findingKey(*f);
      auto [at, added] = index.try_emplace(key, findings.size());
      if (added) {
        findings.push_back(std::move(*f));
        foundIn.push_back(part.index);
        confirmed.push_back(isConfirmed);
        continue;
      }
      if (isConfirmed && !confirmed[at->second]) { // a static finding
        findings[at->second] = std::move(*f);
        confirmed[at->second] = true;
      } else if (f->getString("source").getValueOr("") == "dynamic" &&
                 simpler(*f, findings[at->second])) {
        findings[at->second] = std::move(*f);
        foundIn[at->second] = part.index;
      }
    }
  }
  // A static finding no shard confirmed is refuted only when every part
  // was explored to its end (each shard said "unexplored" of it).
  if (complete)
    for (size_t i = 0; i < findings.size(); ++i) {
      json::Object &f = findings[i];
      if (f.getString("source").getValueOr("") == "static" && !confirmed[i] &&
          f.getString("confirmation").getValueOr("") == "unexplored") {
        f["confirmation"] = "not-confirmed";
        f["counted"] = false;
      }
    }
  // As in one run, a lock-order cycle that a shard saw without its
  // deadlock gives way to the deadlock.cycle another shard found on the
  // same locks (model/detect/lock_order.h).
  auto lockSet = [](const json::Object &f) {
    std::vector<std::string> locks;
    if (const json::Object *order = f.getObject("lock_order")) {
      if (const json::Array *cycle = order->getArray("cycle"))
        for (const json::Value &held : *cycle)
          locks.push_back(held.getAsString().getValueOr("").str());
    } else if (const json::Array *threads = f.getArray("threads")) {
      for (const json::Value &thread : *threads)
        if (const json::Object *t = thread.getAsObject())
          if (const json::Object *waits = t->getObject("waits_for"))
            locks.push_back(waits->getString("object").getValueOr("").str());
    }
    std::sort(locks.begin(), locks.end());
    locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
    return locks;
  };
  std::vector<std::vector<std::string>> deadlocked;
  for (const json::Object &f : findings)
    if (f.getString("id").getValueOr("") == "deadlock.cycle")
      deadlocked.push_back(lockSet(f));
  for (size_t i = findings.size(); i-- > 0;)
    if (findings[i].getString("id").getValueOr("") == "lock.order-inversion" &&
        llvm::is_contained(deadlocked, lockSet(findings[i]))) {
      findings.erase(findings.begin() + i);
      foundIn.erase(foundIn.begin() + i);
      confirmed.erase(confirmed.begin() + i);
    }
  size_t countedFindings = 0;
  for (const json::Object &f : findings)
    countedFindings += counted(f);
  const char *verdict = countedFindings ? "bugs"
                        : complete      ? "clean"
                                        : "incomplete";
  if (preemptionsComplete == INT64_MAX)
    preemptionsComplete = -1;
  std::string missingText;
  for (int64_t i : missing)
    missingText += (missingText.empty() ? "" : ", ") + std::to_string(i) +
                   "/" + std::to_string(count);
  if (!missing.empty())
    limit = (missing.size() == 1 ? "shard " + missingText + " is"
                                 : "shards " + missingText + " are") +
            " missing: " +
            (missing.size() == 1 ? "its part" : "their parts") +
            " of the interleavings was not explored";

  if (asJson) {
    json::Array findingArray, missingArray;
    for (size_t i = 0; i < findings.size(); ++i) {
      findings[i]["shard"] = foundIn[i];
      findingArray.push_back(std::move(findings[i]));
    }
    for (int64_t i : missing)
      missingArray.push_back(i);
    json::Object explored{{"executions", executions},
                          {"complete", complete},
                          {"seconds", seconds},
                          {"sleep_blocked", sleepBlocked},
                          {"retry_bounded", retryBounded},
                          {"steps", steps},
                          {"races_checked", racesChecked},
                          {"races_partial", racesPartial}};
    if (!stoppedBy.empty())
      explored["stopped_by"] = stoppedBy;
    if (!limit.empty())
      explored["limit"] = limit;
    explored["coverage"] = json::Object{
        {"strategy", strategy},
        {"preemptions_complete", preemptionsComplete},
        {"estimated_executions", complete ? double(dporExecutions) : estimated},
        {"dpor_executions", dporExecutions},
        {"symmetric_schedules", symmetric},
        {"random_schedules", random},
        {"pct_schedules", pct},
        {"pos_schedules", pos},
        {"jobs", jobs}};
    const json::Object &first = parts[0].report;
    json::Object report{
        {"tool", "tangle"},
        {"version", TANGLE_VERSION},
        {"command", "merge"},
        {"program", first.getString("program").getValueOr("")},
        {"verdict", verdict},
        {"explored", std::move(explored)},
        {"findings", std::move(findingArray)},
        {"suppressed", suppressed},
        {"shards", json::Object{{"count", count},
                                {"fingerprint", parts[0].fingerprint},
                                {"frontier", number(first.getObject("shard"),
                                                    "frontier")},
                                {"missing", std::move(missingArray)},
                                {"parts", std::move(partsJson)}}}};
    if (const json::Object *statics = first.getObject("static_checks"))
      report["static_checks"] = json::Object(*statics);
    console.out << llvm::formatv("{0:2}", json::Value(std::move(report)))
                << "\n";
  } else {
    for (size_t i = 0; i < findings.size(); ++i) {
      const json::Object &f = findings[i];
      if (f.getString("confirmation").getValueOr("") == "not-confirmed")
        continue;
      std::string where;
      if (const json::Array *locations = f.getArray("locations"))
        if (!locations->empty())
          if (const json::Object *at = (*locations)[0].getAsObject())
            where = llvm::formatv("{0}:{1}:{2}: ",
                                  at->getString("file").getValueOr(""),
                                  number(at, "line"), number(at, "column"))
                        .str();
      console.out << where << tr(counted(f) ? "error" : "warning") << ": "
                  << f.getString("summary").getValueOr("") << " ["
                  << f.getString("id").getValueOr("") << "] ("
                  << tr("shard {0}/{1}", foundIn[i], count) << ")\n";
    }
    if (!limit.empty() && !missing.empty())
      console.out << tr("note") << ": "
                  << tr("shards missing: {0}; their parts of the "
                        "interleavings were not explored",
                        missingText)
                  << "\n";
    else if (!limit.empty())
      console.out << tr("note") << ": "
                  << tr("{0}; that is a limit of the exploration, not a "
                        "finding",
                        limit)
                  << "\n";
    console.out << "tangle: " << verdict << ": "
                << tr("{0} in {1} of {2} shards ({3} executions in all, each "
                      "shard also ran {4} to split the tree){5}",
                      plural(countedFindings, msg("{0} finding"),
                             msg("{0} findings")),
                      parts.size(), count, executions,
                      number(parts[0].report.getObject("shard"),
                             "prefix_executions"),
                      complete ? tr(": every interleaving explored")
                               : std::string())
                << "\n";
  }
  console.out.flush();
  return countedFindings ? 1 : complete ? 0 : 3;
}

} // namespace tangle
