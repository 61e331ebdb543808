// Code addresses to source locations (LLVM's Symbolize library).
#include "cli/symbolizer.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace tangle {

using llvm::StringRef;

std::string SourceLocation::str(bool withColumn) const {
  std::string text = file.empty() ? "<unknown>" : file;
  if (line) {
    text += ":" + std::to_string(line);
    if (withColumn && column)
      text += ":" + std::to_string(column);
  }
  return text;
}

bool isSystemPath(StringRef path) { return path.startswith("/usr/"); }

static bool isRuntimeModule(const LoadedModule *module) {
  return module && StringRef(module->path).endswith("libtangle_rt.so");
}

bool isTangleHeader(StringRef path) { return path.endswith("/tangle/sync.h"); }

/// A library of the system (libc, libstdc++): its debug info, when
/// installed, names its own sources ("./io/../sysdeps/.../read.c").
static bool isSystemModule(const LoadedModule *module) {
  if (!module)
    return false;
  StringRef path(module->path);
  return path.startswith("/lib/") || path.startswith("/lib64/") ||
         path.startswith("/usr/lib");
}

static llvm::symbolize::LLVMSymbolizer::Options symbolizerOptions() {
  llvm::symbolize::LLVMSymbolizer::Options options;
  options.PrintFunctions = llvm::DINameKind::ShortName;
  options.Demangle = true;
  options.PathStyle =
      llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath;
  return options;
}

Symbolizer::Symbolizer(std::vector<LoadedModule> modules)
    : modules_(std::move(modules)), symbolizer_(symbolizerOptions()) {
  llvm::SmallString<256> cwd;
  if (!llvm::sys::fs::current_path(cwd))
    workingDirectory_ = std::string(cwd);
}

const LoadedModule *Symbolizer::moduleAt(uint64_t address) const {
  for (const LoadedModule &module : modules_)
    if (address >= module.begin && address < module.end)
      return &module;
  return nullptr;
}

SourceLocation Symbolizer::lookup(uint64_t address) {
  auto cached = cache_.find(address);
  if (cached != cache_.end())
    return cached->second;
  SourceLocation location;
  if (const LoadedModule *module = moduleAt(address)) {
    llvm::object::SectionedAddress offset{
        fileAddress(*module, address),
        llvm::object::SectionedAddress::UndefSection};
    auto info = symbolizer_.symbolizeCode(module->path, offset);
    if (info) {
      if (info->FileName != llvm::DILineInfo::BadString)
        location.file = info->FileName;
      location.line = info->Line;
      location.column = info->Column;
      if (info->FunctionName != llvm::DILineInfo::BadString)
        location.function = info->FunctionName;
    } else {
      llvm::consumeError(info.takeError());
    }
  }
  location.file = displayPath(location.file);
  cache_[address] = location;
  return location;
}

const std::vector<SourceLocation> &Symbolizer::lookupInlined(uint64_t address) {
  auto cached = inlinedCache_.find(address);
  if (cached != inlinedCache_.end())
    return cached->second;
  std::vector<SourceLocation> locations;
  if (const LoadedModule *module = moduleAt(address)) {
    llvm::object::SectionedAddress offset{
        fileAddress(*module, address),
        llvm::object::SectionedAddress::UndefSection};
    auto info = symbolizer_.symbolizeInlinedCode(module->path, offset);
    if (info) {
      for (uint32_t i = 0; i < info->getNumberOfFrames(); ++i) {
        const llvm::DILineInfo &frame = info->getFrame(i);
        SourceLocation location;
        if (frame.FileName != llvm::DILineInfo::BadString)
          location.file = displayPath(frame.FileName);
        location.line = frame.Line;
        location.column = frame.Column;
        if (frame.FunctionName != llvm::DILineInfo::BadString)
          location.function = frame.FunctionName;
        locations.push_back(std::move(location));
      }
    } else {
      llvm::consumeError(info.takeError());
    }
  }
  if (locations.empty())
    locations.push_back(lookup(address));
  return inlinedCache_[address] = std::move(locations);
}

std::string Symbolizer::displayPath(StringRef path) const {
  if (!workingDirectory_.empty() && path.startswith(workingDirectory_ + "/"))
    return path.drop_front(workingDirectory_.size() + 1).str();
  return path.str();
}

SourceLocation Symbolizer::codeAt(uint64_t address) { return lookup(address); }

std::vector<Frame> Symbolizer::frames(const Stack &stack) {
  std::vector<Frame> result;
  for (int i = 0; i < MaxFrames && stack.frames[i]; ++i) {
    Frame frame;
    frame.pc = stack.frames[i];
    frame.framePointer = stack.framePointers[i];
    frame.module = moduleAt(frame.pc);
    // A return address points after the call: look up the call itself.
    // Code inlined there (libstdc++'s always-inline functions, even at
    // -O0) is a frame of its own, innermost first: `done.wait()` in main is
    // std::latch::wait inlined into main at the student's line.
    // A forwarder is known by its own code's range: one inlined into its
    // caller (a program built with -O2) keeps its lines, as before.
    frame.forwarder =
        frame.module &&
        size_t(frame.module - modules_.data()) == forwarderModule_ &&
        inForwarder(fileAddress(*frame.module, frame.pc - 1));
    for (const SourceLocation &location : lookupInlined(frame.pc - 1)) {
      frame.location = location;
      frame.user = frame.location.known() &&
                   !isSystemPath(frame.location.file) &&
                   !isTangleHeader(frame.location.file) &&
                   !isRuntimeModule(frame.module) &&
                   !isSystemModule(frame.module) && !frame.forwarder;
      result.push_back(frame);
    }
  }
  return result;
}

bool Symbolizer::inForwarder(uint64_t fileAddress) const {
  auto after = std::upper_bound(
      forwarders_.begin(), forwarders_.end(), fileAddress,
      [](uint64_t a, const CodeRange &r) { return a < r.begin; });
  return after != forwarders_.begin() && fileAddress < std::prev(after)->end;
}

void Symbolizer::setForwarders(const std::string &binary,
                               std::vector<CodeRange> ranges) {
  llvm::SmallString<256> wanted;
  if (llvm::sys::fs::real_path(binary, wanted))
    return;
  for (size_t i = 0; i < modules_.size(); ++i) {
    llvm::SmallString<256> path;
    if (!llvm::sys::fs::real_path(modules_[i].path, path) && path == wanted) {
      forwarderModule_ = i;
      forwarders_ = std::move(ranges);
      return;
    }
  }
}

void useForwarders(Symbolizer &symbolizer, const LaunchOptions &launch) {
  if (!launch.forwarders.empty() && !launch.argv.empty())
    symbolizer.setForwarders(launch.argv[0], launch.forwarders);
}

std::optional<Frame> Symbolizer::userFrame(const Stack &stack) {
  std::optional<Frame> forwarder;
  for (Frame &frame : frames(stack)) {
    if (frame.user)
      return frame;
    if (frame.forwarder && !forwarder && frame.location.known())
      forwarder = frame;
  }
  return forwarder;
}

std::optional<Frame> Symbolizer::outermostUserFrame(const Stack &stack) {
  std::optional<Frame> outermost;
  for (Frame &frame : frames(stack))
    if (frame.user)
      outermost = frame;
  return outermost;
}

} // namespace tangle
