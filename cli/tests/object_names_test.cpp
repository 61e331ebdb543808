// Symbolisation and object names on a real program compiled with debug info:
// globals refined by type, stack objects through frame bases, functions.
#include "cli/compile.h"
#include "cli/object_names.h"

#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/Path.h"

#include <fstream>
#include <gtest/gtest.h>
#include <pthread.h>

using namespace tangle;

namespace {

const char *Program = R"(#include <pthread.h>
pthread_mutex_t fork_[5];
struct account { int balance; pthread_mutex_t lock; } accounts[3];
struct { pthread_mutex_t mutexA, mutexB; } bank;
pthread_mutex_t grid[2][3];
void *worker(void *arg) { return arg; }
int main(void) {
  pthread_mutex_t m;
  pthread_mutex_init(&m, 0);
  pthread_mutex_lock(&m);
  return 0;
}
)";

class ObjectNames : public ::testing::Test {
protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(dir.create(error)) << error;
    llvm::SmallString<128> source(dir.path());
    llvm::sys::path::append(source, "bank.c");
    std::ofstream(std::string(source)) << Program;
    CompileResult compiled = compileSource(std::string(source), {}, dir);
    ASSERT_TRUE(compiled.ok) << compiled.compilerOutput;
    binary = compiled.binary;
    auto object = llvm::object::ObjectFile::createObjectFile(binary);
    ASSERT_TRUE(bool(object));
    for (const llvm::object::SymbolRef &symbol :
         object->getBinary()->symbols()) {
      auto name = symbol.getName();
      auto address = symbol.getAddress();
      if (name && address)
        symbols[name->str()] = *address;
    }
    // File addresses are used as they are: load bias 0.
    modules.push_back({binary, 0, 0, UINT64_MAX});
  }

  ScratchDirectory dir;
  std::string binary;
  std::map<std::string, uint64_t> symbols;
  std::vector<LoadedModule> modules;
};

std::string globalName(ObjectNamer &namer, uint64_t address) {
  auto name = namer.global(address);
  return name ? name->name : "<none>";
}

TEST_F(ObjectNames, GlobalsAreRefinedByTheirType) {
  Symbolizer symbolizer(modules);
  ObjectNamer namer(symbolizer);
  const uint64_t mutexSize = sizeof(pthread_mutex_t);
  EXPECT_EQ(globalName(namer, symbols["fork_"]), "fork_[0]");
  EXPECT_EQ(globalName(namer, symbols["fork_"] + 3 * mutexSize), "fork_[3]");
  EXPECT_EQ(globalName(namer, symbols["accounts"] + 48 + 8),
            "accounts[1].lock");
  EXPECT_EQ(globalName(namer, symbols["bank"] + mutexSize), "bank.mutexB");
  EXPECT_EQ(globalName(namer, symbols["grid"] + 4 * mutexSize), "grid[1][1]");
  Execution none;
  EXPECT_EQ(namer.name(symbols["fork_"] + 2 * mutexSize, none).display(),
            "fork_[2]");
}

TEST_F(ObjectNames, FunctionsAndLines) {
  Symbolizer symbolizer(modules);
  SourceLocation worker = symbolizer.codeAt(symbols["worker"]);
  EXPECT_EQ(worker.function, "worker");
  EXPECT_EQ(worker.line, 6u);
  EXPECT_TRUE(llvm::StringRef(worker.file).endswith("bank.c")) << worker.file;
}

TEST_F(ObjectNames, StackObjectsAreNamedWithTheirDeclaration) {
  Symbolizer symbolizer(modules);
  ObjectNamer namer(symbolizer);
  // An event in main (a return address inside it) with a made-up frame base.
  const uint64_t frameBase = 0x7ffd00001000;
  Execution execution;
  Event event;
  event.thread = 0;
  event.op.kind = OpKind::MutexLock;
  event.stack.frames[0] = symbols["main"] + 20;
  event.stack.framePointers[0] = frameBase;
  execution.events.push_back(event);
  std::string found;
  for (uint64_t address = frameBase - 256; address < frameBase; address += 8) {
    ObjectName name = namer.name(address, execution);
    if (name.name == "m") {
      found = name.display();
      break;
    }
  }
  EXPECT_NE(found.find("m (declared at "), std::string::npos) << found;
  EXPECT_NE(found.find("bank.c:8 in main"), std::string::npos) << found;
}

TEST_F(ObjectNames, UnknownObjectsSayWhereTheyWereFirstUsed) {
  Symbolizer symbolizer(modules);
  ObjectNamer namer(symbolizer);
  Execution execution;
  Event event;
  event.op.kind = OpKind::MutexLock;
  event.op.object = 0x1000000; // outside every variable
  event.stack.frames[0] = symbols["main"] + 20;
  execution.events.push_back(event);
  ObjectName name = namer.name(0x1000000, execution);
  EXPECT_EQ(name.name, "mutex at 0x1000000");
  EXPECT_NE(name.where.find("heap, first used at "), std::string::npos)
      << name.where;
}

} // namespace
