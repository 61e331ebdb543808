// Data addresses to names from DWARF debug info.
#include "cli/object_names.h"

#include "cli/messages.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/DebugInfo/DWARF/DWARFDie.h"
#include "llvm/DebugInfo/DWARF/DWARFUnit.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/LEB128.h"

#include <algorithm>

namespace tangle {

using llvm::DWARFDie;
namespace dwarf = llvm::dwarf;

namespace {

constexpr auto AbsolutePath =
    llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath;

/// A variable with a fixed address: a global or a static local.
struct StaticVariable {
  uint64_t begin = 0, size = 0;
  DWARFDie die;
};

std::optional<llvm::ArrayRef<uint8_t>> locationExpression(const DWARFDie &die) {
  auto form = die.find(dwarf::DW_AT_location);
  if (!form)
    return std::nullopt;
  auto block = form->getAsBlock();
  if (!block || block->empty())
    return std::nullopt;
  return *block;
}

/// The address of a DW_OP_addr / DW_OP_addrx location.
std::optional<uint64_t> staticAddress(const DWARFDie &die) {
  auto expr = locationExpression(die);
  if (!expr)
    return std::nullopt;
  const uint8_t *data = expr->data();
  uint8_t addressSize = die.getDwarfUnit()->getAddressByteSize();
  if (data[0] == dwarf::DW_OP_addr && expr->size() == 1u + addressSize) {
    uint64_t address = 0;
    for (unsigned i = 0; i < addressSize; ++i)
      address |= uint64_t(data[1 + i]) << (8 * i);
    return address;
  }
  if (data[0] == dwarf::DW_OP_addrx || data[0] == dwarf::DW_OP_GNU_addr_index) {
    unsigned length = 0;
    uint64_t index = llvm::decodeULEB128(data + 1, &length, expr->end());
    if (1 + length != expr->size())
      return std::nullopt;
    if (auto address = die.getDwarfUnit()->getAddrOffsetSectionItem(index))
      return address->Address;
  }
  return std::nullopt;
}

/// The offset of a DW_OP_fbreg location from its function's frame base.
std::optional<int64_t> frameBaseOffset(const DWARFDie &die) {
  auto expr = locationExpression(die);
  if (!expr || (*expr)[0] != dwarf::DW_OP_fbreg)
    return std::nullopt;
  unsigned length = 0;
  int64_t offset = llvm::decodeSLEB128(expr->data() + 1, &length, expr->end());
  if (1 + length != expr->size())
    return std::nullopt;
  return offset;
}

DWARFDie typeOf(const DWARFDie &die) {
  DWARFDie type = die.getAttributeValueAsReferencedDie(dwarf::DW_AT_type);
  if (!type) {
    DWARFDie spec =
        die.getAttributeValueAsReferencedDie(dwarf::DW_AT_specification);
    if (spec)
      type = spec.getAttributeValueAsReferencedDie(dwarf::DW_AT_type);
  }
  return type;
}

bool isQualifier(dwarf::Tag tag) {
  return tag == dwarf::DW_TAG_typedef || tag == dwarf::DW_TAG_const_type ||
         tag == dwarf::DW_TAG_volatile_type ||
         tag == dwarf::DW_TAG_restrict_type || tag == dwarf::DW_TAG_atomic_type;
}

/// Types the student did not write (pthread_mutex_t, std::mutex): their
/// insides mean nothing to them.
bool isSystemType(const DWARFDie &type) {
  return isSystemPath(type.getDeclFile(AbsolutePath));
}

/// The extent of each dimension of an array type; 0 when unknown.
std::vector<uint64_t> arrayExtents(const DWARFDie &array) {
  std::vector<uint64_t> extents;
  for (DWARFDie child : array.children()) {
    if (child.getTag() != dwarf::DW_TAG_subrange_type)
      continue;
    if (auto count = child.find(dwarf::DW_AT_count))
      extents.push_back(count->getAsUnsignedConstant().getValueOr(0));
    else if (auto upper = child.find(dwarf::DW_AT_upper_bound))
      extents.push_back(upper->getAsUnsignedConstant().getValueOr(0) + 1);
    else
      extents.push_back(0);
  }
  return extents;
}

uint64_t typeSize(const DWARFDie &type, int depth = 0) {
  if (!type || depth > 32)
    return 0;
  if (auto size = type.find(dwarf::DW_AT_byte_size))
    return size->getAsUnsignedConstant().getValueOr(0);
  dwarf::Tag tag = type.getTag();
  if (isQualifier(tag))
    return typeSize(typeOf(type), depth + 1);
  if (tag == dwarf::DW_TAG_pointer_type ||
      tag == dwarf::DW_TAG_reference_type ||
      tag == dwarf::DW_TAG_rvalue_reference_type)
    return type.getDwarfUnit()->getAddressByteSize();
  if (tag == dwarf::DW_TAG_array_type) {
    uint64_t size = typeSize(typeOf(type), depth + 1);
    for (uint64_t extent : arrayExtents(type))
      size *= extent;
    return size;
  }
  return 0;
}

/// The member of a struct or class that covers `offset`, if any.
DWARFDie memberAt(const DWARFDie &record, uint64_t offset,
                  uint64_t &memberOffset) {
  for (DWARFDie child : record.children()) {
    dwarf::Tag tag = child.getTag();
    if (tag != dwarf::DW_TAG_member && tag != dwarf::DW_TAG_inheritance)
      continue;
    auto location = child.find(dwarf::DW_AT_data_member_location);
    if (!location || child.find(dwarf::DW_AT_declaration))
      continue; // a static member
    auto begin = location->getAsUnsignedConstant();
    uint64_t size = typeSize(typeOf(child));
    if (begin && offset >= *begin &&
        offset < *begin + std::max<uint64_t>(size, 1)) {
      memberOffset = *begin;
      return child;
    }
  }
  return DWARFDie();
}

/// Refines `name` (a variable of type `type`) down to the part at `offset`:
/// array elements and the fields of the student's own structs.
std::string describe(std::string name, DWARFDie type, uint64_t offset) {
  for (int depth = 0; type && depth < 32; ++depth) {
    dwarf::Tag tag = type.getTag();
    if (isQualifier(tag)) {
      if (tag == dwarf::DW_TAG_typedef && isSystemType(type))
        break;
      type = typeOf(type);
      continue;
    }
    if (tag == dwarf::DW_TAG_array_type) {
      DWARFDie element = typeOf(type);
      uint64_t stride = typeSize(element);
      std::vector<uint64_t> extents = arrayExtents(type);
      if (!stride || extents.empty())
        break;
      for (size_t i = 1; i < extents.size(); ++i)
        stride *= extents[i];
      for (size_t i = 0; i < extents.size(); ++i) {
        uint64_t index = offset / stride;
        name += "[" + std::to_string(index) + "]";
        offset -= index * stride;
        if (i + 1 < extents.size() && extents[i + 1])
          stride /= extents[i + 1];
      }
      type = element;
      continue;
    }
    if ((tag == dwarf::DW_TAG_structure_type ||
         tag == dwarf::DW_TAG_class_type) &&
        !isSystemType(type)) {
      uint64_t memberOffset = 0;
      DWARFDie member = memberAt(type, offset, memberOffset);
      if (!member)
        break;
      if (member.getTag() == dwarf::DW_TAG_member) {
        const char *memberName = member.getShortName();
        name += std::string(".") + (memberName ? memberName : "?");
      }
      offset -= memberOffset;
      type = typeOf(member);
      continue;
    }
    break;
  }
  if (offset)
    name += " + " + std::to_string(offset) + " bytes";
  return name;
}

/// A variable's name with its enclosing namespaces and classes.
std::string qualifiedName(const DWARFDie &variable) {
  DWARFDie declaration =
      variable.getAttributeValueAsReferencedDie(dwarf::DW_AT_specification);
  if (!declaration)
    declaration = variable;
  const char *shortName = variable.getShortName();
  std::string name = shortName ? shortName : "?";
  for (DWARFDie scope = declaration.getParent(); scope;
       scope = scope.getParent()) {
    dwarf::Tag tag = scope.getTag();
    if (tag != dwarf::DW_TAG_namespace && tag != dwarf::DW_TAG_structure_type &&
        tag != dwarf::DW_TAG_class_type)
      break;
    const char *scopeName = scope.getShortName();
    if (scopeName)
      name = std::string(scopeName) + "::" + name;
  }
  return name;
}

bool isMutexOp(OpKind kind) { return hasObjectAddress(kind); }

std::string hexAddress(uint64_t address) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format_hex(address, 2);
  return text;
}

} // namespace

struct ObjectNamer::ModuleDebugInfo {
  llvm::object::OwningBinary<llvm::object::ObjectFile> binary;
  std::unique_ptr<llvm::DWARFContext> context;
  std::vector<StaticVariable> globals; // sorted by address
  /// The function each file address is in, looked up once: naming an
  /// object can ask about the frames of a million events.
  llvm::DenseMap<uint64_t, DWARFDie> functions;

  DWARFDie functionAt(uint64_t pc) {
    auto [at, added] = functions.try_emplace(pc);
    if (added)
      at->second = context->getDIEsForAddress(pc).FunctionDIE;
    return at->second;
  }

  void collectGlobals() {
    for (const auto &unit : context->compile_units()) {
      for (const llvm::DWARFDebugInfoEntry &entry : unit->dies()) {
        DWARFDie die(unit.get(), &entry);
        if (die.getTag() != dwarf::DW_TAG_variable)
          continue;
        auto address = staticAddress(die);
        if (!address)
          continue;
        uint64_t size = std::max<uint64_t>(typeSize(typeOf(die)), 1);
        globals.push_back({*address, size, die});
      }
    }
    llvm::sort(globals, [](const StaticVariable &a, const StaticVariable &b) {
      return a.begin < b.begin;
    });
  }

  const StaticVariable *globalAt(uint64_t address) const {
    auto it = std::upper_bound(
        globals.begin(), globals.end(), address,
        [](uint64_t a, const StaticVariable &v) { return a < v.begin; });
    if (it == globals.begin())
      return nullptr;
    --it;
    return address < it->begin + it->size ? &*it : nullptr;
  }
};

ObjectNamer::ObjectNamer(Symbolizer &symbolizer) : symbolizer_(symbolizer) {}
ObjectNamer::~ObjectNamer() = default;

ObjectNamer::ModuleDebugInfo *
ObjectNamer::debugInfo(const LoadedModule &module) {
  auto found = modules_.find(module.path);
  if (found != modules_.end())
    return found->second.get();
  std::unique_ptr<ModuleDebugInfo> info;
  auto binary = llvm::object::ObjectFile::createObjectFile(module.path);
  if (binary) {
    info = std::make_unique<ModuleDebugInfo>();
    info->binary = std::move(*binary);
    info->context = llvm::DWARFContext::create(*info->binary.getBinary());
    info->collectGlobals();
  } else {
    llvm::consumeError(binary.takeError());
  }
  return (modules_[module.path] = std::move(info)).get();
}

std::optional<ObjectName> ObjectNamer::global(ObjectAddr address) {
  const LoadedModule *module = symbolizer_.moduleAt(address);
  if (!module)
    return std::nullopt;
  ModuleDebugInfo *info = debugInfo(*module);
  if (!info)
    return std::nullopt;
  uint64_t fileAddress = Symbolizer::fileAddress(*module, address);
  const StaticVariable *variable = info->globalAt(fileAddress);
  if (!variable)
    return std::nullopt;
  return ObjectName{describe(qualifiedName(variable->die),
                             typeOf(variable->die),
                             fileAddress - variable->begin),
                    ""};
}

/// Searches the locals and parameters of `function` (and its nested blocks).
static DWARFDie findLocal(const DWARFDie &scope, uint64_t address,
                          uint64_t frameBase, uint64_t &begin) {
  for (DWARFDie child : scope.children()) {
    dwarf::Tag tag = child.getTag();
    if (tag == dwarf::DW_TAG_lexical_block) {
      if (DWARFDie found = findLocal(child, address, frameBase, begin))
        return found;
      continue;
    }
    if (tag != dwarf::DW_TAG_variable && tag != dwarf::DW_TAG_formal_parameter)
      continue;
    auto offset = frameBaseOffset(child);
    if (!offset)
      continue;
    uint64_t start = frameBase + *offset;
    uint64_t size = std::max<uint64_t>(typeSize(typeOf(child)), 1);
    if (address >= start && address < start + size) {
      begin = start;
      return child;
    }
  }
  return DWARFDie();
}

std::optional<ObjectName> ObjectNamer::stackObject(ObjectAddr address,
                                                   const Stack &stack,
                                                   FramesTried *tried) {
  for (int i = 0; i < MaxFrames && stack.frames[i]; ++i) {
    if (!stack.framePointers[i])
      continue;
    // A frame (its code address and frame base) already looked at for this
    // address gives the same answer: a spinning loop's million events
    // repeat a handful of frames.
    if (tried &&
        !tried->insert({stack.frames[i], stack.framePointers[i]}).second)
      continue;
    const LoadedModule *module = symbolizer_.moduleAt(stack.frames[i]);
    ModuleDebugInfo *info = module ? debugInfo(*module) : nullptr;
    if (!info)
      continue;
    uint64_t pc = Symbolizer::fileAddress(*module, stack.frames[i]) - 1;
    DWARFDie function = info->functionAt(pc);
    if (!function)
      continue;
    uint64_t begin = 0;
    DWARFDie local =
        findLocal(function, address, stack.framePointers[i], begin);
    if (!local)
      continue;
    ObjectName name;
    name.name = describe(local.getShortName() ? local.getShortName() : "?",
                         typeOf(local), address - begin);
    name.where = tr("declared at {0}:{1}",
                    symbolizer_.displayPath(local.getDeclFile(AbsolutePath)),
                    local.getDeclLine());
    if (const char *functionName = function.getShortName())
      name.where += tr(" in {0}", functionName);
    return name;
  }
  return std::nullopt;
}

/// The text a source line assigns the call at `column` (1-based) to, when it
/// is a plain assignment of an lvalue made of names, `->`, `.` and `[...]`:
/// `pool->queue = (struct queue *)malloc(n)` gives "pool->queue". Empty
/// otherwise (a declaration is pointerDeclaredOn's; anything else is not
/// guessed at).
static std::string assignedLvalue(llvm::StringRef line, unsigned column) {
  if (column == 0 || column > line.size() + 1)
    return "";
  llvm::StringRef before = line.take_front(column - 1).rtrim();
  // Casts between the `=` and the call: `(struct queue *)`, `(T*)(`.
  for (;;) {
    if (before.endswith("(")) {
      before = before.drop_back().rtrim();
      continue;
    }
    if (!before.endswith(")"))
      break;
    size_t depth = 0, open = llvm::StringRef::npos;
    for (size_t i = before.size(); i-- > 0;) {
      if (before[i] == ')')
        ++depth;
      else if (before[i] == '(' && --depth == 0) {
        open = i;
        break;
      }
    }
    if (open == llvm::StringRef::npos)
      return "";
    before = before.take_front(open).rtrim();
  }
  if (!before.endswith("=") || before.size() < 2 ||
      llvm::StringRef("=!<>+-*/%&|^").contains(before[before.size() - 2]))
    return "";
  before = before.drop_back().rtrim();
  // The lvalue: the longest tail made of names, `->`, `.` and `[...]`.
  size_t begin = before.size();
  for (;;) {
    size_t at = begin;
    while (at > 0 && (isalnum(static_cast<unsigned char>(before[at - 1])) ||
                      before[at - 1] == '_'))
      --at;
    if (at == begin)
      break; // a name must come here
    begin = at;
    llvm::StringRef head = before.take_front(begin).rtrim();
    if (head.endswith("->"))
      begin = head.size() - 2;
    else if (head.endswith(".") && !head.endswith(".."))
      begin = head.size() - 1;
    else if (head.endswith("]")) {
      size_t open = head.rfind('[');
      if (open == llvm::StringRef::npos)
        break;
      // A subscript follows a name: `slots[i]`.
      llvm::StringRef name = head.take_front(open).rtrim();
      if (name.empty() ||
          !(isalnum(static_cast<unsigned char>(name.back())) ||
            name.back() == '_'))
        break;
      begin = name.size();
    } else
      break;
  }
  llvm::StringRef lvalue = before.drop_front(begin);
  if (lvalue.empty() || isdigit(static_cast<unsigned char>(lvalue[0])))
    return "";
  std::string text;
  for (char c : lvalue)
    if (!isspace(static_cast<unsigned char>(c)))
      text += c;
  return text;
}

/// The pointer an allocation through an out-parameter stores the block
/// in, for the call at `column`: `posix_memalign((void **)&pool, 64, n)`
/// gives "pool". An lvalue made of names, `->`, `.` and `[...]`, as
/// assignedLvalue's; empty otherwise.
static std::string outParameterLvalue(llvm::StringRef line, unsigned column) {
  if (column == 0 || column > line.size())
    return "";
  llvm::StringRef call = line.drop_front(column - 1);
  if (!call.consume_front("posix_memalign"))
    return "";
  call = call.ltrim();
  if (!call.consume_front("("))
    return "";
  call = call.ltrim();
  if (call.startswith("(")) { // a cast: `(void **)`
    size_t close = call.find(')');
    if (close == llvm::StringRef::npos)
      return "";
    call = call.drop_front(close + 1).ltrim();
  }
  if (!call.consume_front("&"))
    return "";
  llvm::StringRef lvalue =
      call.take_until([](char c) { return c == ',' || c == ')'; });
  std::string text;
  for (char c : lvalue) {
    if (isspace(static_cast<unsigned char>(c)))
      continue;
    if (!isalnum(static_cast<unsigned char>(c)) &&
        !llvm::StringRef("_->.[]").contains(c))
      return "";
    text += c;
  }
  if (text.empty() || isdigit(static_cast<unsigned char>(text[0])))
    return "";
  return text;
}

/// `type` without typedefs and qualifiers.
static DWARFDie stripQualifiers(DWARFDie type) {
  for (int depth = 0; type && isQualifier(type.getTag()) && depth < 32;
       ++depth)
    type = typeOf(type);
  return type;
}

/// The variable or parameter called `name` in `scope` or its blocks.
static DWARFDie localNamed(const DWARFDie &scope, llvm::StringRef name) {
  for (DWARFDie child : scope.children()) {
    dwarf::Tag tag = child.getTag();
    if (tag == dwarf::DW_TAG_lexical_block) {
      if (DWARFDie found = localNamed(child, name))
        return found;
      continue;
    }
    if ((tag == dwarf::DW_TAG_variable ||
         tag == dwarf::DW_TAG_formal_parameter) &&
        child.getShortName() && name == child.getShortName())
      return child;
  }
  return DWARFDie();
}

/// The type of `lvalue` (as assignedLvalue gives it) in `function`, its
/// first name a local, a parameter or a global of the same unit.
static DWARFDie lvalueType(llvm::StringRef lvalue, const DWARFDie &function) {
  size_t nameEnd = lvalue.find_first_of("-.[");
  llvm::StringRef name = lvalue.take_front(nameEnd);
  DWARFDie variable = localNamed(function, name);
  if (!variable)
    for (DWARFDie child : function.getDwarfUnit()->getUnitDIE().children())
      if (child.getTag() == dwarf::DW_TAG_variable && child.getShortName() &&
          name == child.getShortName()) {
        variable = child;
        break;
      }
  if (!variable)
    return DWARFDie();
  DWARFDie type = typeOf(variable);
  llvm::StringRef rest = lvalue.drop_front(name.size());
  while (!rest.empty() && type) {
    type = stripQualifiers(type);
    if (rest.startswith("[")) {
      size_t close = rest.find(']');
      if (close == llvm::StringRef::npos || !type)
        return DWARFDie();
      if (type.getTag() == dwarf::DW_TAG_array_type &&
          arrayExtents(type).size() != 1)
        return DWARFDie(); // a[i][j]: not followed
      if (type.getTag() != dwarf::DW_TAG_pointer_type &&
          type.getTag() != dwarf::DW_TAG_array_type)
        return DWARFDie();
      type = typeOf(type);
      rest = rest.drop_front(close + 1);
      continue;
    }
    bool arrow = rest.startswith("->");
    rest = rest.drop_front(arrow ? 2 : 1);
    if (arrow) {
      if (type.getTag() != dwarf::DW_TAG_pointer_type)
        return DWARFDie();
      type = stripQualifiers(typeOf(type));
    }
    if (!type || (type.getTag() != dwarf::DW_TAG_structure_type &&
                  type.getTag() != dwarf::DW_TAG_class_type &&
                  type.getTag() != dwarf::DW_TAG_union_type))
      return DWARFDie();
    size_t memberEnd = rest.find_first_of("-.[");
    llvm::StringRef member = rest.take_front(memberEnd);
    rest = rest.drop_front(member.size());
    DWARFDie found;
    for (DWARFDie child : type.children())
      if (child.getTag() == dwarf::DW_TAG_member && child.getShortName() &&
          member == child.getShortName())
        found = child;
    if (!found)
      return DWARFDie();
    type = typeOf(found);
  }
  return type;
}

/// The pointer variable declared on `line` in `scope` (the allocating call
/// `struct account *acct = malloc(sizeof *acct)`), if any.
static DWARFDie pointerDeclaredOn(const DWARFDie &scope, uint64_t line) {
  for (DWARFDie child : scope.children()) {
    dwarf::Tag tag = child.getTag();
    if (tag == dwarf::DW_TAG_lexical_block) {
      if (DWARFDie found = pointerDeclaredOn(child, line))
        return found;
      continue;
    }
    if (tag != dwarf::DW_TAG_variable || child.getDeclLine() != line)
      continue;
    DWARFDie type = typeOf(child);
    while (type && isQualifier(type.getTag()))
      type = typeOf(type);
    if (type && type.getTag() == dwarf::DW_TAG_pointer_type)
      return child;
  }
  return DWARFDie();
}

std::optional<ObjectName> ObjectNamer::heapObject(ObjectAddr key,
                                                  const Execution &execution,
                                                  uint32_t atAccess) {
  // The latest block that covers the address by then (an earlier one at the
  // same place was freed; a later one is another object, allocated after
  // the finding's access).
  const Execution::Allocation *block = nullptr;
  for (const Execution::Allocation &a : execution.allocations)
    if (a.access < atAccess && key >= a.address &&
        key < a.address + std::max<uint64_t>(a.size, 1))
      block = &a;
  if (!block)
    return std::nullopt;
  const uint64_t offset = key - block->address;
  ObjectName name;
  name.where = tr("heap");
  std::optional<Frame> site = symbolizer_.userFrame(block->stack);
  if (site) {
    name.where += tr(", allocated at {0}", site->location.str());
    if (!site->location.function.empty())
      name.where += tr(" in {0}", site->location.function);
  }
  // Named through the pointer that received the block, with its pointee
  // type: `acct->balance`, `accounts[2].lock` for an array of structs.
  if (site && site->module && site->location.line)
    if (ModuleDebugInfo *info = debugInfo(*site->module)) {
      uint64_t pc = Symbolizer::fileAddress(*site->module, site->pc) - 1;
      DWARFDie function = info->context->getDIEsForAddress(pc).FunctionDIE;
      DWARFDie pointer =
          function ? pointerDeclaredOn(function, site->location.line)
                   : DWARFDie();
      std::string variable = pointer ? pointer.getShortName() : "";
      DWARFDie pointee = pointer ? typeOf(typeOf(pointer)) : DWARFDie();
      // Else the pointer the line assigns the block to, declared earlier:
      // `pool = malloc(sizeof *pool)`, `pool->queue = malloc(...)`, or
      // stores it in: `posix_memalign((void **)&pool, 64, sizeof *pool)`.
      if (!pointer && function) {
        llvm::StringRef line =
            sources_.line(site->location.file, site->location.line);
        std::string lvalue = outParameterLvalue(line, site->location.column);
        if (lvalue.empty()) // `int failed = posix_memalign(...)`: not failed
          lvalue = assignedLvalue(line, site->location.column);
        DWARFDie type =
            lvalue.empty() ? DWARFDie()
                           : stripQualifiers(lvalueType(lvalue, function));
        if (type && type.getTag() == dwarf::DW_TAG_pointer_type) {
          variable = lvalue;
          pointee = typeOf(type);
        }
      }
      while (pointee && isQualifier(pointee.getTag()) &&
             typeSize(pointee) == 0)
        pointee = typeOf(pointee);
      uint64_t size = pointee ? typeSize(pointee) : 0;
      // new[] of a type with a destructor keeps the count in front.
      uint64_t at = offset;
      if (size && block->size % size == sizeof(uint64_t) &&
          offset >= sizeof(uint64_t))
        at -= sizeof(uint64_t);
      if (size) {
        uint64_t index = at / size;
        std::string base = block->size > size
                               ? variable + "[" + std::to_string(index) + "]"
                               : "(*" + variable + ")";
        std::string described = describe(base, pointee, at % size);
        if (described.rfind("(*" + variable + ").", 0) == 0)
          described = variable + "->" +
                      described.substr(variable.size() + 4);
        else if (described == "(*" + variable + ")")
          described = "*" + variable;
        name.name = described;
        return name;
      }
    }
  name.name = tr("heap block of {0} bytes", block->size);
  if (offset)
    name.name += " (offset " + std::to_string(offset) + ")";
  return name;
}

namespace {
/// What an object is to the reader, by an operation on it.
const char *objectNoun(OpKind kind) {
  if (kind >= OpKind::MutexInit && kind <= OpKind::MutexUnlock)
    return "mutex";
  if (kind >= OpKind::CondInit && kind <= OpKind::CondBroadcast)
    return "condition";
  if (kind >= OpKind::SemInit && kind <= OpKind::SemGetValue)
    return "semaphore";
  if (kind >= OpKind::BarrierInit && kind <= OpKind::BarrierLeave)
    return "barrier";
  if (kind >= OpKind::RwInit && kind <= OpKind::RwUnlock)
    return "rwlock";
  if (kind >= OpKind::PipeCreate && kind <= OpKind::PipeDup)
    return "pipe";
  if (kind >= OpKind::MqOpen && kind <= OpKind::MqGetAttr)
    return "message queue";
  return "memory"; // an atomic, a futex word: what the reports name bare
}
} // namespace

ObjectName ObjectNamer::unnamed(ObjectAddr key,
                                const Execution &execution) {
  const uint64_t address = objectAddress(key);
  // Objects of a frame lie just below its frame base; the heap is elsewhere.
  bool nearFrame = false;
  for (const Event &event : execution.events)
    for (uint64_t fp : event.stack.framePointers)
      if (fp && address < fp && fp - address < (1u << 20))
        nearFrame = true;
  // Called what the program uses it as; other memory is just memory (a
  // counter in a MAP_SHARED mapping, say).
  const char *noun = "memory";
  auto use = [&](const Operation &op) {
    if (!isMutexOp(op.kind) || op.object != key || noun[0] != 'm' ||
        noun[1] != 'e')
      return;
    noun = objectNoun(op.kind);
  };
  for (const Event &event : execution.events)
    use(event.op);
  for (const PendingOp &pending : execution.pending)
    use(pending.op);
  // Reports already say "semaphore", "condition"... before the name: only
  // a mutex (the historical default) and plain memory carry their noun.
  bool sayNoun = noun == std::string("mutex") || noun == std::string("memory");
  ObjectName name{(sayNoun ? std::string(noun) + " at " : std::string("at ")) +
                      hexAddress(address),
                  nearFrame ? "stack" : "heap"};
  for (const Event &event : execution.events) {
    if (!isMutexOp(event.op.kind) || event.op.object != key)
      continue;
    if (auto frame = symbolizer_.userFrame(event.stack))
      name.where += ", first used at " + frame->location.str();
    break;
  }
  return name;
}

ObjectName ObjectNamer::name(ObjectAddr key, const Execution &execution,
                             uint32_t atAccess) {
  if (isFileKey(key)) {
    // A file, or a file's fcntl/lockf lock record (model/file_identity.h).
    const std::string *path = execution.filePath(key);
    std::string file = path ? *path : "a file";
    if (isPosixLockKey(key))
      return {"fcntl lock on " + file, ""};
    return {file, ""};
  }
  auto cached = names_.find({key, atAccess});
  if (cached != names_.end())
    return cached->second;
  // A key is an address, tagged with the process whose private memory
  // holds it (model/event.h); debug info knows the address.
  const uint64_t address = objectAddress(key);
  std::optional<ObjectName> found = global(address);
  // The frames that touch the object are the likeliest to hold it.
  FramesTried tried;
  for (int pass = 0; pass < 2 && !found; ++pass) {
    for (const Event &event : execution.events) {
      bool onObject = isMutexOp(event.op.kind) && event.op.object == key;
      if ((pass == 0) != onObject)
        continue;
      if ((found = stackObject(address, event.stack, &tried)))
        break;
    }
  }
  for (const PendingOp &pending : execution.pending)
    if (!found)
      found = stackObject(address, pending.stack, &tried);
  if (!found)
    found = heapObject(key, execution, atAccess);
  ObjectName result = found ? *found : unnamed(key, execution);
  // A forked process's private copy is another object: say whose.
  if (ProcessId p = objectProcess(key))
    result.name += " (process " + std::to_string(p) + "'s copy)";
  names_[{key, atAccess}] = result;
  return result;
}

} // namespace tangle
