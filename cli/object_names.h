// Data addresses to names a student recognises, from DWARF: globals and
// static locals refined by their type (`fork_[3]`, `accounts[1].lock`),
// stack objects through the frames that hold them (`m`, declared at
// prog.c:12), and heap objects by where they were first used.
#pragma once

#include "cli/source_lines.h"
#include "cli/symbolizer.h"
#include "model/explore/program.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tangle {

struct ObjectName {
  std::string name;  // "fork_[3]", or "mutex at 0x... " when there is none
  std::string where; // "declared at prog.c:12", "heap, first used at ..."
  /// "name (where)", or just the name.
  std::string display() const {
    return where.empty() ? name : name + " (" + where + ")";
  }
};

class ObjectNamer {
public:
  explicit ObjectNamer(Symbolizer &symbolizer);
  ~ObjectNamer();

  /// Names the mutex at `address`, searching the frames of `execution` for a
  /// stack object and its events for the first use of a heap object. A heap
  /// object is the block that covered the address at the access numbered
  /// `atAccess` (in Execution::accesses), else the last one that did.
  ObjectName name(ObjectAddr address, const Execution &execution,
                  uint32_t atAccess = UINT32_MAX);

  /// A global or static variable covering `address`, if any.
  std::optional<ObjectName> global(ObjectAddr address);

  struct ModuleDebugInfo;

private:
  ModuleDebugInfo *debugInfo(const LoadedModule &module);
  /// Frames (code address, frame base) already looked at for one address.
  using FramesTried = llvm::DenseSet<std::pair<uint64_t, uint64_t>>;
  std::optional<ObjectName> stackObject(ObjectAddr address, const Stack &stack,
                                        FramesTried *tried = nullptr);
  std::optional<ObjectName>
  heapObject(ObjectAddr key, const Execution &execution, uint32_t atAccess);
  ObjectName unnamed(ObjectAddr address, const Execution &execution);

  Symbolizer &symbolizer_;
  std::map<std::string, std::unique_ptr<ModuleDebugInfo>> modules_;
  std::map<std::pair<ObjectAddr, uint32_t>, ObjectName> names_;
  SourceLines sources_;
};

} // namespace tangle
