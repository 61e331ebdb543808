// `tangle grade`: batch checking of students' submissions. Each submission
// is checked by a child `tangle check FILE --format json` process in a
// folder of its own: a submission that does not compile, crashes tangle or
// runs past every limit ends its own child only, and is a row like any
// other. Rows come out in the order of the submissions, whatever --jobs.
#include "cli/grade_command.h"

#include "cli/render_html.h"

#include "cli/interrupt.h"
#include "cli/options.h"
#include "cli/scratch_directory.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace tangle {
namespace json = llvm::json;
using llvm::StringRef;

namespace {

bool isSource(StringRef path) {
  StringRef ext = llvm::sys::path::extension(path);
  return ext == ".c" || ext == ".cpp" || ext == ".cc" || ext == ".cxx" ||
         ext == ".C";
}

/// The source files directly in `dir`, sorted.
std::vector<std::string> sourcesIn(const std::string &dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (it->type() == llvm::sys::fs::file_type::regular_file &&
        isSource(it->path()))
      found.push_back(it->path());
  llvm::sort(found);
  return found;
}

/// Why a check gave no report, in one line: tangle's own error, with the
/// compiler's first error when there is one ("does not compile: 5:14:
/// error: expected ';' ...").
std::string errorLine(StringRef text) {
  std::string tangleError, compilerError;
  for (StringRef line : llvm::split(text.trim(), '\n')) {
    if (line.startswith("tangle: error:") && tangleError.empty())
      tangleError = line.drop_front(strlen("tangle: error:")).trim().str();
    else if (line.contains(": error: ") && compilerError.empty())
      compilerError = line.trim().str();
  }
  if (tangleError.empty())
    return text.trim().split('\n').first.str();
  if (compilerError.empty())
    return tangleError;
  // The compiler's line without the path: the row already names the file.
  StringRef where = StringRef(compilerError).split(": error: ").first;
  StringRef position = where.substr(where.find_last_of('.') + 1);
  position = position.drop_until([](char c) { return c == ':'; }).drop_front();
  return tangleError + " (" + position.str() + ": " +
         StringRef(compilerError).split(": error: ").second.str() + ")";
}

std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// A child `tangle check`, started in `dir` with its output in files there.
struct Child {
  pid_t pid = -1;
  std::string out, err;
};

Child startCheck(const std::string &tangle,
                 const std::vector<std::string> &argv, const std::string &dir) {
  Child child;
  child.out = dir + "/report.json";
  child.err = dir + "/stderr.txt";
  std::vector<const char *> args;
  for (const std::string &arg : argv)
    args.push_back(arg.c_str());
  args.push_back(nullptr);
  // Opened before fork: the child then calls only async-signal-safe
  // functions (tangle may run threads here, with --jobs).
  int out =
      open(child.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err =
      open(child.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out < 0 || err < 0 || in < 0) {
    for (int fd : {out, err, in})
      if (fd >= 0)
        close(fd);
    return child;
  }
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(err, 2) < 0)
      _exit(127);
    execv(tangle.c_str(), const_cast<char *const *>(args.data()));
    _exit(127);
  }
  close(out);
  close(err);
  close(in);
  child.pid = pid;
  return child;
}

/// Waits for the child until `deadline`; then asks it to stop (SIGTERM: it
/// reports what it has and cleans up), and after a grace period kills it.
/// Returns the wait status; `killed` says whether the deadline ended it.
int waitCheck(pid_t pid, std::chrono::steady_clock::time_point deadline,
              bool hasDeadline, bool &killed) {
  using namespace std::chrono;
  killed = false;
  bool termSent = false;
  steady_clock::time_point killAt;
  for (;;) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid)
      return status;
    if (done < 0 && errno != EINTR)
      return 0;
    steady_clock::time_point now = steady_clock::now();
    bool stop = interruptSignal() != 0 || (hasDeadline && now >= deadline);
    if (stop && !termSent) {
      killed = interruptSignal() == 0;
      kill(pid, SIGTERM);
      termSent = true;
      killAt = now + seconds(10);
    } else if (termSent && now >= killAt) {
      kill(pid, SIGKILL);
      killAt = now + hours(1);
    }
    // waitpid has no timeout: look again shortly.
    std::this_thread::sleep_for(milliseconds(20));
  }
}

std::string csvField(const std::string &text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos)
    return text;
  std::string quoted = "\"";
  for (char c : text)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string markdownCell(const std::string &text) {
  std::string cell;
  for (char c : text)
    cell += c == '|'    ? std::string("\\|")
            : c == '\n' ? std::string(" ")
                        : std::string(1, c);
  return cell;
}

/// "deadlock.cycle:38, tangle-double-lock:12 (static)"
std::string findingsText(const GradeRow &row) {
  std::string text;
  for (const GradeFinding &f : row.findings) {
    if (!text.empty())
      text += ", ";
    text += f.id;
    if (f.line)
      text += ":" + std::to_string(f.line);
    if (f.isStatic)
      text += " (static)";
    else if (!f.counted)
      text += " (warning)";
  }
  return text;
}

std::string coverageText(const GradeRow &row) {
  if (row.verdict == "error" || row.verdict == "crashed" ||
      (row.verdict == "timeout" && !row.executions))
    return "";
  if (row.complete)
    return "complete";
  if (row.preemptionsComplete < 0)
    return "partial";
  return "<= " + std::to_string(row.preemptionsComplete) + " preemptions";
}

std::string secondsText(double seconds) {
  return llvm::formatv("{0:f2}", seconds).str();
}

/// The verdict with the reason when there is no report.
std::string verdictText(const GradeRow &row) {
  return row.error.empty() ? row.verdict : row.verdict + ": " + row.error;
}

json::Value rowJson(const GradeRow &row) {
  json::Array findings;
  for (const GradeFinding &f : row.findings)
    findings.push_back(
        json::Object{{"id", f.id},
                     {"file", f.file},
                     {"line", static_cast<int64_t>(f.line)},
                     {"counted", f.counted},
                     {"source", f.isStatic ? "static" : "dynamic"}});
  json::Object object{{"submission", row.submission},
                      {"verdict", row.verdict},
                      {"findings", std::move(findings)},
                      {"complete", row.complete},
                      {"coverage", coverageText(row)},
                      {"executions", static_cast<int64_t>(row.executions)},
                      {"seconds", row.seconds}};
  if (!row.error.empty())
    object["error"] = row.error;
  if (!row.reportFile.empty())
    object["report"] = row.reportFile;
  if (!row.htmlFile.empty())
    object["html_report"] = row.htmlFile;
  return json::Value(std::move(object));
}

const char *const kVerdicts[] = {"bugs",    "clean",   "incomplete",
                                 "timeout", "crashed", "error"};

const char *htmlStyle() {
  return "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
         "table{border-collapse:collapse}"
         "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;"
         "vertical-align:top}"
         "th{background:#f3f3f3}"
         ".bugs{background:#fde2e2}.clean{background:#e2f5e2}"
         ".incomplete,.timeout{background:#fff4d6}"
         ".error,.crashed{background:#eee}"
         "details pre{max-height:30em;overflow:auto;font-size:85%}";
}

} // namespace

bool parseGradeOptions(llvm::ArrayRef<std::string> words, GradeOptions &options,
                       std::string &error) {
  for (size_t i = 0; i < words.size(); ++i) {
    StringRef word = words[i];
    if (word == "--") {
      options.checkArgs.assign(words.begin() + i + 1, words.end());
      break;
    }
    if (!word.startswith("-") || word == "-") {
      options.inputs.push_back(word.str());
      continue;
    }
    StringRef name = word.ltrim('-').split('=').first;
    bool inlineValue = word.contains('=');
    auto value = [&](std::string &out) {
      if (inlineValue) {
        out = word.split('=').second.str();
        return true;
      }
      if (i + 1 == words.size()) {
        error = ("option '--" + name + "' needs a value").str();
        return false;
      }
      out = words[++i];
      return true;
    };
    std::string v;
    if (name == "format") {
      if (!value(v))
        return false;
      std::map<std::string, GradeFormat> formats{
          {"md", GradeFormat::Markdown},
          {"markdown", GradeFormat::Markdown},
          {"csv", GradeFormat::Csv},
          {"json", GradeFormat::Json},
          {"html", GradeFormat::Html}};
      auto it = formats.find(v);
      if (it == formats.end()) {
        error = "--format expects md, csv, json or html, got '" + v + "'";
        return false;
      }
      options.format = it->second;
    } else if (name == "jobs" || name == "j") {
      if (!value(v))
        return false;
      if (StringRef(v).getAsInteger(10, options.jobs) || options.jobs < 1 ||
          options.jobs > 256) {
        error = "--jobs expects a whole number from 1 to 256, got '" + v + "'";
        return false;
      }
    } else if (name == "timeout") {
      if (!value(v))
        return false;
      if (StringRef(v).getAsDouble(options.timeoutSeconds) ||
          !(options.timeoutSeconds >= 0 && options.timeoutSeconds <= 1e6)) {
        error = "--timeout expects a number of seconds from 0 to 1000000, "
                "got '" +
                v + "'";
        return false;
      }
    } else if (name == "reports") {
      if (!value(v))
        return false;
      if (v.empty()) {
        error = "--reports expects a folder";
        return false;
      }
      options.reportsDir = v;
    } else {
      error = "unknown option '" + word.split('=').first.str() +
              "' for 'tangle grade' (options of tangle check go after "
              "'--'; see docs/cli.md)";
      return false;
    }
  }
  if (options.inputs.empty()) {
    error = "no submissions: write 'tangle grade DIR' or 'tangle grade "
            "FILE.c...'";
    return false;
  }
  return true;
}

bool findSubmissions(const std::vector<std::string> &inputs,
                     std::vector<std::string> &submissions,
                     std::string &error) {
  for (const std::string &input : inputs) {
    if (llvm::sys::fs::is_regular_file(input)) {
      if (!isSource(input)) {
        error = "'" + input + "' is not a C or C++ source file";
        return false;
      }
      submissions.push_back(input);
      continue;
    }
    if (!llvm::sys::fs::is_directory(input)) {
      error = "'" + input + "' is neither a source file nor a folder";
      return false;
    }
    std::vector<std::string> found = sourcesIn(input);
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(input, ec), end; it != end && !ec;
         it.increment(ec))
      if (it->type() == llvm::sys::fs::file_type::directory_file) {
        // A student's folder: its one source file is the submission; with
        // several, the folder is named and its row says why.
        std::vector<std::string> inner = sourcesIn(it->path());
        if (inner.size() == 1)
          found.push_back(inner.front());
        else if (inner.size() > 1)
          found.push_back(it->path());
      }
    llvm::sort(found);
    submissions.insert(submissions.end(), found.begin(), found.end());
  }
  if (submissions.empty()) {
    error = "no C or C++ source files in " + llvm::join(inputs, ", ");
    return false;
  }
  return true;
}

void readCheckResult(GradeRow &row, int exitCode, const std::string &stdoutText,
                     const std::string &stderrText) {
  llvm::Expected<json::Value> parsed = json::parse(stdoutText);
  const json::Object *report = parsed ? parsed->getAsObject() : nullptr;
  if (!parsed)
    llvm::consumeError(parsed.takeError());
  if (!report || !report->getString("verdict")) {
    // No report: the program did not compile, or the input was bad (exit
    // 2), or tangle itself failed.
    row.verdict = exitCode == 2 ? "error" : "crashed";
    row.error = errorLine(stderrText);
    if (row.error.empty())
      row.error =
          exitCode < 0
              ? "tangle was killed by signal " + std::to_string(-exitCode)
              : "tangle exited with status " + std::to_string(exitCode) +
                    " without a report";
    return;
  }
  row.reportJson = stdoutText;
  row.verdict = report->getString("verdict")->str();
  if (const json::Object *explored = report->getObject("explored")) {
    row.complete = explored->getBoolean("complete").getValueOr(false);
    row.executions = uint64_t(explored->getInteger("executions").getValueOr(0));
    if (const json::Object *coverage = explored->getObject("coverage"))
      row.preemptionsComplete =
          int(coverage->getInteger("preemptions_complete").getValueOr(-1));
  }
  if (const json::Array *findings = report->getArray("findings"))
    for (const json::Value &value : *findings) {
      const json::Object *f = value.getAsObject();
      if (!f)
        continue;
      GradeFinding finding;
      finding.id = f->getString("id").getValueOr("").str();
      finding.isStatic = f->getString("source").getValueOr("") == "static";
      finding.counted = f->getBoolean("counted").getValueOr(true);
      // A static warning the exploration refuted is not the student's bug.
      if (finding.isStatic &&
          f->getString("confirmation").getValueOr("") == "not-confirmed")
        continue;
      // One story: a static warning a dynamic finding confirms is that one.
      if (finding.isStatic && f->getString("confirmed_by"))
        continue;
      if (const json::Array *locations = f->getArray("locations"))
        if (!locations->empty())
          if (const json::Object *at = (*locations)[0].getAsObject()) {
            finding.file = at->getString("file").getValueOr("").str();
            finding.line = unsigned(at->getInteger("line").getValueOr(0));
          }
      row.findings.push_back(std::move(finding));
    }
}

std::string gradeSummary(const std::vector<GradeRow> &rows) {
  std::string text = std::to_string(rows.size()) +
                     (rows.size() == 1 ? " submission" : " submissions");
  std::string counts;
  for (const char *verdict : kVerdicts) {
    size_t n = llvm::count_if(
        rows, [&](const GradeRow &row) { return row.verdict == verdict; });
    if (n)
      counts +=
          (counts.empty() ? "" : ", ") + std::to_string(n) + " " + verdict;
  }
  return counts.empty() ? text : text + ": " + counts;
}

void renderGrade(llvm::raw_ostream &out, GradeFormat format,
                 const std::vector<GradeRow> &rows) {
  switch (format) {
  case GradeFormat::Markdown:
    out << "| submission | verdict | findings | coverage | executions | time "
           "(s) |\n"
        << "|---|---|---|---|---:|---:|\n";
    for (const GradeRow &row : rows)
      out << "| " << markdownCell(row.submission) << " | "
          << markdownCell(verdictText(row)) << " | "
          << markdownCell(findingsText(row)) << " | " << coverageText(row)
          << " | " << row.executions << " | " << secondsText(row.seconds)
          << " |\n";
    out << "\n" << gradeSummary(rows) << "\n";
    return;
  case GradeFormat::Csv:
    out << "submission,verdict,findings,coverage,executions,seconds,error\n";
    for (const GradeRow &row : rows)
      out << csvField(row.submission) << "," << row.verdict << ","
          << csvField(findingsText(row)) << "," << coverageText(row) << ","
          << row.executions << "," << secondsText(row.seconds) << ","
          << csvField(row.error) << "\n";
    return; // the summary goes to stderr: the file stays one table
  case GradeFormat::Json: {
    json::Array array;
    json::Object counts;
    for (const GradeRow &row : rows)
      array.push_back(rowJson(row));
    for (const char *verdict : kVerdicts)
      counts[verdict] = static_cast<int64_t>(llvm::count_if(
          rows, [&](const GradeRow &row) { return row.verdict == verdict; }));
    counts["submissions"] = static_cast<int64_t>(rows.size());
    json::Object document{{"tool", "tangle"},
                          {"version", TANGLE_VERSION},
                          {"command", "grade"},
                          {"submissions", std::move(array)},
                          {"summary", std::move(counts)}};
    out << llvm::formatv("{0:2}", json::Value(std::move(document))) << "\n";
    return;
  }
  case GradeFormat::Html:
    out << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
           "<title>tangle grade</title><style>"
        << htmlStyle() << "</style></head><body>\n<h1>tangle grade</h1>\n"
        << "<p id=\"summary\">" << htmlEscape(gradeSummary(rows)) << "</p>\n"
        << "<table id=\"grades\"><thead><tr><th>submission</th><th>verdict"
           "</th><th>findings</th><th>coverage</th><th>executions</th>"
           "<th>time (s)</th><th>report</th></tr></thead><tbody>\n";
    for (const GradeRow &row : rows) {
      out << "<tr class=\"" << htmlEscape(row.verdict) << "\"><td>"
          << htmlEscape(row.submission) << "</td><td>"
          << htmlEscape(verdictText(row)) << "</td><td>"
          << htmlEscape(findingsText(row)) << "</td><td>"
          << htmlEscape(coverageText(row)) << "</td><td>" << row.executions
          << "</td><td>" << secondsText(row.seconds) << "</td><td>";
      if (!row.htmlFile.empty())
        out << "<a class=\"page\" href=\"" << htmlEscape(row.htmlFile)
            << "\">" << htmlEscape(llvm::sys::path::filename(row.htmlFile))
            << "</a> ";
      if (!row.reportFile.empty())
        out << "<a href=\"" << htmlEscape(row.reportFile) << "\">"
            << htmlEscape(llvm::sys::path::filename(row.reportFile)) << "</a> ";
      if (!row.reportJson.empty())
        out << "<details><summary>JSON report</summary><pre>"
            << htmlEscape(row.reportJson) << "</pre></details>";
      out << "</td></tr>\n";
    }
    out << "</tbody></table>\n</body></html>\n";
    return;
  }
}

int runGrade(llvm::ArrayRef<std::string> words, Console &console,
             const std::string &argv0) {
  GradeOptions options;
  std::string error;
  std::vector<std::string> submissions;
  if (!parseGradeOptions(words, options, error) ||
      !findSubmissions(options.inputs, submissions, error)) {
    console.err << "tangle: error: " << error << "\n";
    return 2;
  }
  std::string tangle = llvm::sys::fs::getMainExecutable(
      argv0.c_str(), reinterpret_cast<void *>(&runGrade));
  if (tangle.empty()) {
    console.err << "tangle: error: cannot find tangle's own executable\n";
    return 4;
  }
  if (!options.reportsDir.empty()) {
    if (std::error_code ec =
            llvm::sys::fs::create_directories(options.reportsDir)) {
      console.err << "tangle: error: cannot create '" << options.reportsDir
                  << "': " << ec.message() << "\n";
      return 2;
    }
  }
  ScratchDirectory scratch;
  if (!scratch.create(error)) {
    console.err << "tangle: error: " << error << "\n";
    return 4;
  }

  std::vector<GradeRow> rows(submissions.size());
  for (size_t i = 0; i < rows.size(); ++i)
    rows[i].submission = submissions[i];
  std::atomic<size_t> next{0};
  std::mutex progressMutex;
  auto gradeOne = [&](size_t index) {
    GradeRow &row = rows[index];
    if (llvm::sys::fs::is_directory(row.submission)) {
      row.verdict = "error";
      row.error = "several source files in this folder: tangle check takes one";
      return;
    }
    llvm::SmallString<256> absolute(row.submission);
    llvm::sys::fs::make_absolute(absolute);
    std::string dir = scratch.path() + "/" + std::to_string(index);
    llvm::sys::fs::create_directory(dir);
    std::vector<std::string> argv{
        tangle,
        "check",
        std::string(absolute),
        "--format",
        "json",
        "--timeout",
        llvm::formatv("{0}", options.timeoutSeconds).str()};
    // With --reports the check also writes its HTML page there (the
    // report's swimlanes and graphs; docs/html-report.md), which the HTML
    // table links to.
    std::string reportStem =
        std::to_string(index + 1) + "-" +
        llvm::sys::path::stem(row.submission).str();
    llvm::SmallString<256> htmlPath(options.reportsDir);
    if (!options.reportsDir.empty()) {
      llvm::sys::path::append(htmlPath, reportStem + ".html");
      llvm::sys::fs::make_absolute(htmlPath);
      argv.push_back("--html");
      argv.push_back(std::string(htmlPath));
    }
    // The check's own options, and compiler flags after a `--` among them.
    // Submissions checked side by side have the CPUs already: one worker
    // each, unless the check's own options say otherwise.
    if (options.jobs > 1) {
      argv.push_back("--jobs");
      argv.push_back("1");
    }
    auto dashes = llvm::find(options.checkArgs, "--");
    argv.insert(argv.end(), options.checkArgs.begin(), dashes);
    argv.insert(argv.end(), dashes, options.checkArgs.end());
    auto start = std::chrono::steady_clock::now();
    Child child = startCheck(tangle, argv, dir);
    if (child.pid < 0) {
      row.verdict = "crashed";
      row.error = std::string("cannot start tangle check: ") + strerror(errno);
      return;
    }
    // Compiling and the static checks come before the exploration's
    // budget: the child gets that much more before it is stopped.
    bool killed = false;
    int status = waitCheck(
        child.pid,
        start +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(options.timeoutSeconds + 120)),
        options.timeoutSeconds > 0, killed);
    row.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    int exitCode = WIFEXITED(status)     ? WEXITSTATUS(status)
                   : WIFSIGNALED(status) ? -WTERMSIG(status)
                                         : 4;
    readCheckResult(row, exitCode, readFile(child.out), readFile(child.err));
    if (killed) {
      row.verdict = "timeout";
      row.error =
          "stopped after " + secondsText(row.seconds) + " s of wall-clock time";
    }
    if (!options.reportsDir.empty() && llvm::sys::fs::exists(htmlPath))
      row.htmlFile = std::string(htmlPath);
    if (!options.reportsDir.empty() && !row.reportJson.empty()) {
      std::string name = reportStem + ".json";
      llvm::SmallString<256> path(options.reportsDir);
      llvm::sys::path::append(path, name);
      std::error_code ec;
      llvm::raw_fd_ostream file(path, ec);
      if (!ec) {
        file << row.reportJson;
        row.reportFile = std::string(path);
      }
    }
    std::lock_guard<std::mutex> lock(progressMutex);
    if (console.showProgress)
      console.err << "tangle: graded " << row.submission << ": " << row.verdict
                  << "\n";
  };
  auto worker = [&] {
    for (size_t i; (i = next++) < rows.size() && !interruptSignal();)
      gradeOne(i);
  };
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < std::min<size_t>(options.jobs, rows.size()); ++i)
    workers.emplace_back(worker);
  worker();
  for (std::thread &t : workers)
    t.join();
  for (GradeRow &row : rows)
    if (row.verdict.empty()) { // never started: interrupted
      row.verdict = "incomplete";
      row.error = "interrupted before it was checked";
    }
  renderGrade(console.out, options.format, rows);
  console.out.flush();
  if (options.format == GradeFormat::Csv)
    console.err << "tangle: grade: " << gradeSummary(rows) << "\n";
  return interruptSignal() ? interruptExitCode() : 0;
}

} // namespace tangle
