// Places the blind updates the compile found in the binary (see
// blind_updates.h).
#include "cli/blind_updates.h"

#include "analyzer/BlindUpdates.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>
#include <set>

namespace tangle {

namespace {

using llvm::DWARFDie;
using llvm::DWARFUnit;

std::string normalPath(llvm::StringRef path) {
  llvm::SmallString<256> normal(path);
  llvm::sys::path::remove_dots(normal, /*remove_dot_dot=*/true);
  return std::string(normal);
}

/// The sites of one file: (line, column) pairs.
using FileSites = std::set<std::pair<uint32_t, uint32_t>>;
using Position = std::pair<uint32_t, uint32_t>; // line, column
/// The spin loops of one file: [first, last] positions.
using FileLoops = std::vector<std::pair<Position, Position>>;

/// What the compile found in the files a compile unit's line table names.
struct SourcePlaces {
  std::map<std::string, FileSites> sites;
  std::map<std::string, FileLoops> loops;
};

/// The places of each file of a compile unit's line table, by file index.
class UnitFiles {
public:
  UnitFiles(const SourcePlaces &places,
            const llvm::DWARFDebugLine::LineTable &table, const char *compDir)
      : places_(places), table_(table), compDir_(compDir ? compDir : "") {}

  bool isSite(uint64_t file, uint32_t line, uint32_t column) {
    const FileSites *sites = find(places_.sites, sitesByIndex_, file);
    return sites && sites->count({line, column});
  }

  /// Whether the position lies in one of the spin loops.
  bool inLoop(uint64_t file, uint32_t line, uint32_t column) {
    const FileLoops *loops = find(places_.loops, loopsByIndex_, file);
    if (!loops)
      return false;
    Position at{line, column};
    return llvm::any_of(*loops, [&](const auto &loop) {
      return loop.first <= at && at <= loop.second;
    });
  }

private:
  template <typename T>
  const T *find(const std::map<std::string, T> &byPath,
                llvm::DenseMap<uint64_t, const T *> &byIndex, uint64_t file) {
    auto cached = byIndex.find(file);
    if (cached == byIndex.end()) {
      const T *found = nullptr;
      std::string name;
      if (table_.getFileNameByIndex(
              file, compDir_,
              llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath,
              name)) {
        auto it = byPath.find(normalPath(name));
        if (it != byPath.end())
          found = &it->second;
      }
      cached = byIndex.try_emplace(file, found).first;
    }
    return cached->second;
  }

  const SourcePlaces &places_;
  const llvm::DWARFDebugLine::LineTable &table_;
  std::string compDir_;
  llvm::DenseMap<uint64_t, const FileSites *> sitesByIndex_;
  llvm::DenseMap<uint64_t, const FileLoops *> loopsByIndex_;
};

/// The code ranges of a DIE (none when it has none).
void addRangesOf(const DWARFDie &die, std::vector<CodeRange> &out) {
  auto ranges = die.getAddressRanges();
  if (!ranges) {
    llvm::consumeError(ranges.takeError());
    return;
  }
  for (const llvm::DWARFAddressRange &r : *ranges)
    out.push_back({r.LowPC, r.HighPC});
}

void addRanges(llvm::DWARFContext &dwarf, const SourcePlaces &places,
               const llvm::StringSet<> &wrappers, BlindCode &code) {
  for (const auto &unit : dwarf.compile_units()) {
    const llvm::DWARFDebugLine::LineTable *table =
        dwarf.getLineTableForUnit(unit.get());
    if (!table)
      continue;
    UnitFiles files(places, *table, unit->getCompilationDir());
    // The instructions of a site: the rows that name it (for C, the call
    // of the __tsan_atomic hook; for C++, the call of std::atomic's member
    // when it is not inlined). Those of a spin loop: the rows inside it.
    // The row after a row ends its range.
    const auto &rows = table->Rows;
    for (size_t i = 0; i + 1 < rows.size(); ++i) {
      if (rows[i].EndSequence)
        continue;
      CodeRange range{rows[i].Address.Address, rows[i + 1].Address.Address};
      if (files.isSite(rows[i].File, rows[i].Line, rows[i].Column))
        code.sites.push_back(range);
      if (files.inLoop(rows[i].File, rows[i].Line, rows[i].Column))
        code.spins.push_back(range);
    }
    // A wrapper inlined at a site (std::atomic's fetch_add always is): its
    // rows name the library's header, its call site is the site. Likewise
    // std::atomic's load inlined in a spin loop.
    for (const llvm::DWARFDebugInfoEntry &entry : unit->dies()) {
      DWARFDie die(unit.get(), &entry);
      if (die.getTag() != llvm::dwarf::DW_TAG_inlined_subroutine)
        continue;
      uint32_t file = 0, line = 0, column = 0, discriminator = 0;
      die.getCallerFrame(file, line, column, discriminator);
      if (files.inLoop(file, line, column))
        addRangesOf(die, code.spins);
      const char *name = die.getLinkageName();
      if (name && wrappers.count(name) && files.isSite(file, line, column))
        addRangesOf(die, code.sites);
    }
  }
}

/// The code of the functions whose (mangled) name is `wanted`, from the
/// symbol table.
void addFunctions(const llvm::object::ObjectFile &object,
                  llvm::function_ref<bool(llvm::StringRef)> wanted,
                  std::vector<CodeRange> &ranges) {
  for (const llvm::object::SymbolRef &symbol : object.symbols()) {
    auto name = symbol.getName();
    auto address = symbol.getAddress();
    if (!name || !address) {
      if (!name)
        llvm::consumeError(name.takeError());
      if (!address)
        llvm::consumeError(address.takeError());
      continue;
    }
    if (!wanted(*name))
      continue;
    uint64_t size = llvm::object::ELFSymbolRef(symbol).getSize();
    if (size)
      ranges.push_back({*address, *address + size});
  }
}

/// The code of the functions named, from the symbol table.
void addFunctions(const llvm::object::ObjectFile &object,
                  const llvm::StringSet<> &names,
                  std::vector<CodeRange> &ranges) {
  addFunctions(
      object, [&](llvm::StringRef name) { return names.count(name) != 0; },
      ranges);
}

void normalize(std::vector<CodeRange> &ranges) {
  ranges.resize(normalizeRanges(ranges.data(), ranges.size()));
}

} // namespace

BlindCode blindCodeOf(const std::string &binary,
                      const std::string &pluginOutput, std::string &error) {
  analyzer::BlindUpdates updates;
  if (!analyzer::parseBlindUpdates(pluginOutput, updates, error))
    return {};
  BlindCode code;
  if (updates.Sites.empty() && updates.Forwarders.empty() &&
      updates.Spins.Loops.empty())
    return code;
  SourcePlaces places;
  for (const analyzer::UpdateSite &site : updates.Sites)
    places.sites[normalPath(site.File)].insert({site.Line, site.Column});
  for (const analyzer::SpinLoop &loop : updates.Spins.Loops)
    places.loops[normalPath(loop.File)].push_back(
        {{loop.Line, loop.Column}, {loop.EndLine, loop.EndColumn}});
  llvm::StringSet<> wrappers, forwarders, spinWrappers;
  for (const std::string &name : updates.Wrappers)
    wrappers.insert(name);
  for (const std::string &name : updates.Forwarders)
    forwarders.insert(name);
  for (const std::string &name : updates.Spins.Wrappers)
    spinWrappers.insert(name);

  auto object = llvm::object::ObjectFile::createObjectFile(binary);
  if (!object) {
    error = "cannot read " + binary + ": " + toString(object.takeError());
    return {};
  }
  const llvm::object::ObjectFile &file = *object->getBinary();
  if (!llvm::isa<llvm::object::ELFObjectFileBase>(file)) {
    error = binary + " is not an ELF file";
    return {};
  }
  addFunctions(file, forwarders, code.forwarders);
  normalize(code.forwarders);
  if (places.sites.empty() && places.loops.empty())
    return code;
  auto dwarf = llvm::DWARFContext::create(
      file, llvm::DWARFContext::ProcessDebugRelocations::Process, nullptr, "",
      [](llvm::Error e) { llvm::consumeError(std::move(e)); },
      [](llvm::Error e) { llvm::consumeError(std::move(e)); });
  addRanges(*dwarf, places, wrappers, code);
  addFunctions(file, wrappers, code.wrappers);
  addFunctions(file, spinWrappers, code.spinWrappers);
  for (std::vector<CodeRange> *ranges :
       {&code.sites, &code.wrappers, &code.spins, &code.spinWrappers})
    normalize(*ranges);
  return code;
}

std::vector<CodeRange> librarySpinCode(const std::string &binary) {
  std::vector<CodeRange> ranges;
  auto object = llvm::object::ObjectFile::createObjectFile(binary);
  if (!object) {
    llvm::consumeError(object.takeError());
    return ranges;
  }
  // _ZNSt8__detail13__atomic_spinI<predicate>NS_21__default_spin_policyEEEb...
  // (a timed wait's policy sleeps and reads the clock: not this one).
  addFunctions(
      *object->getBinary(),
      [](llvm::StringRef name) {
        return name.startswith("_ZNSt8__detail13__atomic_spinI") &&
               name.contains("21__default_spin_policy");
      },
      ranges);
  normalize(ranges);
  return ranges;
}

BlindUpdatePass::BlindUpdatePass(std::string plugin,
                                 const ScratchDirectory &directory)
    : plugin_(std::move(plugin)) {
  llvm::SmallString<128> output(directory.path());
  llvm::sys::path::append(output, "blind-updates.txt");
  output_ = std::string(output);
}

std::vector<std::string> BlindUpdatePass::compilerFlags() const {
  if (!llvm::sys::fs::exists(plugin_))
    return {};
  return {"-fplugin=" + plugin_, "-fplugin-arg-tangle_blind-out=" + output_};
}

BlindCode BlindUpdatePass::resolve(const std::string &binary,
                                   std::string &warning) const {
  if (!llvm::sys::fs::exists(plugin_)) {
    warning = "the tangle_blind plugin " + plugin_ +
              " is missing: blind atomic updates are not reduced";
    return {};
  }
  auto text = llvm::MemoryBuffer::getFile(output_);
  if (!text) {
    warning = "the tangle_blind plugin wrote nothing: blind atomic updates "
              "are not reduced";
    return {};
  }
  std::string error;
  BlindCode code = blindCodeOf(binary, (*text)->getBuffer().str(), error);
  if (!error.empty())
    warning = "blind atomic updates are not reduced: " + error;
  return code;
}

std::string blindUpdatePluginPath(const std::string &runtimeLibrary) {
  llvm::SmallString<256> path(llvm::sys::path::parent_path(runtimeLibrary));
  llvm::sys::path::append(path, "libTangleBlind.so");
  return std::string(path);
}

} // namespace tangle
