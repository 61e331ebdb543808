// `tangle attach`: what each thread of a stopped process waits for (its
// system call, the futex word and glibc's owner fields), the wait-for graph,
// and its cycle or stall as the same finding `tangle run` reports.
#include "cli/attach_command.h"

#include "cli/blocked_thread.h"
#include "cli/explain.h"
#include "cli/render.h"
#include "cli/suppressions.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <sys/syscall.h>

namespace tangle {

namespace {

constexpr int ExitUsage = 2;
/// How far above the stack pointer the program's return address is looked
/// for (glibc's frames between it and the system call are small).
constexpr uint64_t ScanBytes = 16 * 1024;
/// A frame further than this from the one below it is not believed.
constexpr uint64_t MaxFrameSize = 1 << 20;

// glibc 2.26+ on x86-64 (sysdeps/x86/nptl/bits/struct_mutex.h,
// struct_rwlock.h, thread-shared-types.h): where the owner fields are.
constexpr uint64_t MutexOwnerOffset = 8;   // __data.__owner
constexpr uint64_t RwCurWriterOffset = 24; // __data.__cur_writer
constexpr uint64_t CondSignalsOffset = 40; // __data.__g_signals[0]
constexpr uint64_t BarrierRoundOffset = 4; // current_round
constexpr uint64_t BarrierCountOffset = 8; // count

constexpr long FutexCommandMask = 0x7f;
constexpr long FutexWait = 0, FutexWaitBitset = 9, FutexLockPi = 6,
               FutexWaitRequeuePi = 11;
constexpr long FutexPrivate = 128;

bool systemPath(const std::string &path) {
  return path.rfind("/lib/", 0) == 0 || path.rfind("/lib64/", 0) == 0 ||
         path.rfind("/usr/lib", 0) == 0;
}

const LoadedModule *moduleAt(const ProcessImage &image, uint64_t address) {
  for (const LoadedModule &m : image.modules)
    if (address >= m.begin && address < m.end)
      return &m;
  return nullptr;
}

/// A return address into the program's own code (not a system library).
bool inProgram(const ProcessImage &image, uint64_t address) {
  const LoadedModule *m = moduleAt(image, address);
  return m && !systemPath(m->path);
}

/// Whether `fp` can be the frame base of the function that `slot` (the
/// stack slot of its return address) returns into: above it, aligned, and
/// itself holding a return address one frame up.
bool plausibleFrame(const ProcessImage &image, uint64_t slot, uint64_t fp) {
  if (fp <= slot || fp - slot > MaxFrameSize || (fp & 7))
    return false;
  uint64_t frame[2];
  if (!image.read(fp, frame, sizeof frame))
    return false;
  return (frame[0] == 0 || frame[0] > fp) &&
         (frame[1] == 0 ||
          (image.isCode(frame[1]) && image.followsCall(frame[1])));
}

/// Return addresses from `ret` (whose function's frame base is `fp`) out,
/// by the frame pointers the program keeps.
void walkFrames(const ProcessImage &image, Stack &stack, uint64_t ret,
                uint64_t fp) {
  stack.frames[0] = ret;
  stack.framePointers[0] = fp;
  for (int i = 1; i < MaxFrames && fp; ++i) {
    uint64_t frame[2];
    if ((fp & 7) || !image.read(fp, frame, sizeof frame) || frame[1] == 0 ||
        !image.isCode(frame[1]))
      return;
    stack.frames[i] = frame[1];
    stack.framePointers[i] = frame[0] > fp ? frame[0] : 0;
    if (frame[0] <= fp || frame[0] - fp > MaxFrameSize)
      return;
    fp = frame[0];
  }
}

/// The stack of a thread stopped in a system call: glibc's frames have no
/// frame pointers, so the return address into the program is found by
/// scanning up from the stack pointer for a word that points just after a
/// call into the program's code; the system libraries' return addresses
/// met on the way are kept in `library` (they name the glibc entry point).
Stack unwindFromSyscall(const ProcessImage &image, const ImageThread &thread,
                        std::vector<uint64_t> &library) {
  Stack stack;
  uint64_t sp = thread.regs.rsp;
  std::vector<uint64_t> words;
  for (uint64_t at = sp; at < sp + ScanBytes; at += 512) {
    uint64_t chunk[64];
    if (!image.read(at, chunk, sizeof chunk))
      break;
    words.insert(words.end(), chunk, chunk + 64);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    uint64_t word = words[i];
    if (!image.isCode(word) || !image.followsCall(word))
      continue;
    if (!inProgram(image, word)) {
      library.push_back(word);
      continue;
    }
    uint64_t slot = sp + 8 * i;
    // The program's frame pointer: still in rbp if glibc left it alone,
    // else saved by glibc's outermost frame just below the return address.
    uint64_t fp = 0;
    if (plausibleFrame(image, slot, thread.regs.rbp))
      fp = thread.regs.rbp;
    for (size_t j = i; !fp && j-- > 0;)
      if (plausibleFrame(image, slot, words[j]))
        fp = words[j];
    walkFrames(image, stack, word, fp);
    return stack;
  }
  stack.frames[0] = thread.regs.rip; // only system code on the stack
  return stack;
}

bool isThread(const ProcessImage &image, int64_t tid) {
  for (const ImageThread &t : image.threads)
    if (t.tid == tid)
      return true;
  return false;
}

template <typename T> T readOr(const ProcessImage &image, uint64_t at, T or_) {
  T value;
  return image.readValue(at, value) ? value : or_;
}

bool anyContains(const std::vector<std::string> &names,
                 std::initializer_list<const char *> parts) {
  for (const std::string &name : names)
    for (const char *part : parts)
      if (name.find(part) != std::string::npos)
        return true;
  return false;
}

/// A futex wait: which glibc object it is, from the names of glibc's frames
/// and, without them, from the shape of the words.
void readFutexWait(const ProcessImage &image, const ImageThread &thread,
                   const std::vector<std::string> &names,
                   ThreadActivityView &view) {
  const user_regs_struct &r = thread.regs;
  uint64_t word = r.rdi;
  long command = long(r.rsi) & FutexCommandMask;
  bool timed = r.r10 != 0 && command != FutexLockPi;
  if (command != FutexWait && command != FutexWaitBitset &&
      command != FutexLockPi && command != FutexWaitRequeuePi) {
    view.activity = ThreadActivity::Syscall;
    return;
  }
  if (timed) {
    view.activity = ThreadActivity::Sleeping;
    return;
  }
  int32_t value = readOr<int32_t>(image, word, 0);
  int32_t owner = readOr<int32_t>(image, word + MutexOwnerOffset, 0);
  // A contended mutex: lock word 2, the owner one of the threads.
  bool mutexShaped =
      int32_t(r.rdx) == 2 && value == 2 && owner != 0 && isThread(image, owner);
  if (mutexShaped ||
      (!anyContains(names, {"cond_", "rwlock", "join", "sem_", "barrier"}) &&
       anyContains(names, {"mutex_lock", "mutex_timedlock", "mutex_clocklock",
                           "lll_lock_wait"}))) {
    view.activity = ThreadActivity::Mutex;
    view.object = word;
    view.holder = owner & 0x3fffffff;
    return;
  }
  if (anyContains(names, {"cond_wait", "cond_timedwait", "cond_clockwait"})) {
    view.activity = ThreadActivity::Condition;
    // __g_signals[g], g the group new waiters join (__wseq's low bit).
    uint64_t base = word - CondSignalsOffset;
    uint64_t other = word - CondSignalsOffset - 4;
    if ((readOr<uint64_t>(image, base, 0) & 1) != 0 &&
        (readOr<uint64_t>(image, other, 0) & 1) == 1)
      base = other;
    view.object = base;
    return;
  }
  if (anyContains(names, {"rwlock"})) {
    bool reader = anyContains(names, {"rdlock"});
    view.activity = reader ? ThreadActivity::RwRead : ThreadActivity::RwWrite;
    // Readers and writers wait on __wrphase_futex (8) or __writers_futex
    // (12): the base is where __cur_writer names a thread.
    view.object = word - 8;
    for (uint64_t offset : {uint64_t(12), uint64_t(8), uint64_t(0)}) {
      int32_t writer =
          readOr<int32_t>(image, word - offset + RwCurWriterOffset, 0);
      if (writer && isThread(image, writer)) {
        view.object = word - offset;
        view.holder = writer;
        break;
      }
    }
    return;
  }
  if (anyContains(names, {"join"}) ||
      (value != 0 && value != int32_t(thread.tid) && isThread(image, value))) {
    // The joined thread's descriptor: its tid field until it ends.
    view.activity = ThreadActivity::Join;
    view.object = word;
    view.holder = value;
    return;
  }
  if (anyContains(names, {"sem_"})) {
    view.activity = ThreadActivity::Semaphore;
    view.object = word;
    return;
  }
  if (anyContains(names, {"barrier"})) {
    view.activity = ThreadActivity::Barrier;
    view.object = word - BarrierRoundOffset;
    return;
  }
  view.activity = (long(r.rsi) & FutexPrivate) ? ThreadActivity::Futex
                                               : ThreadActivity::Syscall;
  view.object = word;
}

} // namespace

ThreadActivityView
readThreadActivity(const ProcessImage &image, const ImageThread &thread,
                   const std::function<std::string(uint64_t)> &functionAt) {
  ThreadActivityView view;
  view.syscall = thread.syscall();
  if (view.syscall < 0) {
    view.activity = ThreadActivity::Running;
    // A return address convention: one past the instruction.
    walkFrames(image, view.stack, thread.regs.rip + 1, thread.regs.rbp);
    return view;
  }
  std::vector<uint64_t> library;
  view.stack = unwindFromSyscall(image, thread, library);
  std::vector<std::string> names{functionAt(thread.regs.rip)};
  for (uint64_t ret : library)
    names.push_back(functionAt(ret - 1));
  switch (view.syscall) {
  case SYS_futex:
    readFutexWait(image, thread, names, view);
    break;
  case SYS_wait4:
    view.activity = ThreadActivity::Child;
    view.child = int32_t(thread.regs.rdi);
    break;
  case SYS_waitid:
    view.activity = ThreadActivity::Child;
    view.child =
        thread.regs.rdi == 1 /* P_PID */ ? int64_t(thread.regs.rsi) : -1;
    break;
  case SYS_nanosleep:
  case SYS_clock_nanosleep:
  case SYS_restart_syscall:
  case SYS_sched_yield:
    view.activity = ThreadActivity::Sleeping;
    break;
  default:
    view.activity = ThreadActivity::Syscall;
  }
  return view;
}

namespace {

/// The threads of an image, read.
struct Analysis {
  std::vector<ThreadActivityView> threads; // by ThreadId (image order)
  std::map<pid_t, ThreadId> idOf;
  std::vector<ThreadId> cycle; // a wait-for cycle, if any
};

bool blocksForever(const ThreadActivityView &v) {
  if (v.activity == ThreadActivity::Child && v.childAlive)
    return false;
  switch (v.activity) {
  case ThreadActivity::Mutex:
  case ThreadActivity::RwRead:
  case ThreadActivity::RwWrite:
  case ThreadActivity::Condition:
  case ThreadActivity::Join:
  case ThreadActivity::Semaphore:
  case ThreadActivity::Barrier:
  case ThreadActivity::Futex:
  case ThreadActivity::Child:
    return true;
  default:
    return false;
  }
}

bool waitsOnAThread(ThreadActivity a) {
  return a == ThreadActivity::Mutex || a == ThreadActivity::RwWrite ||
         a == ThreadActivity::RwRead || a == ThreadActivity::Join;
}

std::vector<ThreadId> findCycle(const Analysis &a) {
  for (ThreadId start = 0; start < a.threads.size(); ++start) {
    std::vector<ThreadId> path;
    ThreadId t = start;
    while (std::find(path.begin(), path.end(), t) == path.end()) {
      const ThreadActivityView &v = a.threads[t];
      auto next = a.idOf.find(v.holder);
      if (!waitsOnAThread(v.activity) || next == a.idOf.end())
        break;
      path.push_back(t);
      t = next->second;
    }
    auto at = std::find(path.begin(), path.end(), t);
    if (at != path.end())
      return std::vector<ThreadId>(at, path.end());
  }
  return {};
}

Operation pendingOperation(const ThreadActivityView &v, const Analysis &a) {
  Operation op;
  op.object = v.object;
  switch (v.activity) {
  case ThreadActivity::Mutex:
    op.kind = OpKind::MutexLock;
    break;
  case ThreadActivity::RwRead:
    op.kind = OpKind::RwRdLock;
    break;
  case ThreadActivity::RwWrite:
    op.kind = OpKind::RwWrLock;
    break;
  case ThreadActivity::Condition:
    op.kind = OpKind::CondWake;
    break;
  case ThreadActivity::Join: {
    op.kind = OpKind::ThreadJoin;
    auto joined = a.idOf.find(v.holder);
    op.object = joined == a.idOf.end() ? NoThread : joined->second;
    break;
  }
  case ThreadActivity::Semaphore:
    op.kind = OpKind::SemWait;
    break;
  case ThreadActivity::Barrier:
    op.kind = OpKind::BarrierLeave;
    break;
  case ThreadActivity::Child:
    op.kind = OpKind::ProcessWait;
    op.object = v.child > 0 ? uint64_t(v.child) : AnyProcess;
    break;
  default:
    op.kind = OpKind::FutexWait;
  }
  return op;
}

/// The target of the call that `returnAddress` returns from, if it is a
/// direct call.
std::optional<uint64_t> callTarget(const ProcessImage &image,
                                   uint64_t returnAddress) {
  uint8_t call[5];
  if (!image.read(returnAddress - 5, call, sizeof call) || call[0] != 0xE8)
    return std::nullopt;
  int32_t rel;
  memcpy(&rel, call + 1, 4);
  return returnAddress + int64_t(rel);
}

/// The functions the threads waiting for a mutex called to lock it: the
/// targets of the calls on their stacks (pthread_mutex_lock's PLT entry,
/// std::mutex::lock...).
std::set<uint64_t> lockFunctions(const Analysis &a, const ProcessImage &image) {
  std::set<uint64_t> targets;
  for (const ThreadActivityView &v : a.threads) {
    if (v.activity != ThreadActivity::Mutex &&
        v.activity != ThreadActivity::RwRead &&
        v.activity != ThreadActivity::RwWrite)
      continue;
    for (int i = 0; i < MaxFrames && v.stack.frames[i]; ++i)
      if (auto target = callTarget(image, v.stack.frames[i]))
        targets.insert(*target);
  }
  return targets;
}

/// Where a thread took the lock at `mutex` that it holds: in the function of
/// one of its frames, the last call before the frame's return address that
/// passes `mutex` as the first argument (`lea rdi, [rip + mutex]`, or the
/// address as an immediate) to a lock function. Read from the machine code,
/// so only for a lock the code names directly (a global or static); empty
/// when none is found.
Stack lockSite(const ProcessImage &image, Symbolizer &symbolizer,
               const Stack &holder, uint64_t mutex,
               const std::set<uint64_t> &lockTargets) {
  constexpr uint64_t Window = 16 * 1024;
  for (int i = 0; i < MaxFrames && holder.frames[i]; ++i) {
    uint64_t pc = holder.frames[i];
    if (!inProgram(image, pc))
      continue;
    std::string function = symbolizer.codeAt(pc - 1).function;
    // As much of the code before pc as is mapped, from a page boundary.
    uint64_t begin = (pc > Window ? pc - Window : 0) & ~uint64_t(4095);
    std::vector<uint8_t> code(pc - begin);
    while (!code.empty() && !image.read(begin, code.data(), code.size())) {
      begin += 4096;
      code.resize(begin < pc ? pc - begin : 0);
    }
    // The call that returns to pc itself is where the thread is now.
    for (size_t at = code.size() >= 10 ? code.size() - 10 : 0; at-- > 0;) {
      if (code[at] != 0xE8)
        continue;
      uint64_t after = begin + at + 5;
      int32_t rel;
      memcpy(&rel, &code[at + 1], 4);
      if (!lockTargets.count(after + int64_t(rel)))
        continue;
      if (symbolizer.codeAt(after - 1).function != function)
        break; // out of the frame's function
      bool passesMutex = false;
      for (size_t back = 5; back <= 24 && back <= at && !passesMutex; ++back) {
        const uint8_t *insn = &code[at - back];
        uint64_t next = begin + at - back;
        int32_t disp;
        uint32_t imm32;
        uint64_t imm64;
        // lea rdi, [rip + disp32]; or lea rsi, for a guard's constructor
        // (`std::lock_guard g(m)`: rdi is the guard, rsi the mutex).
        if (back >= 7 && insn[0] == 0x48 && insn[1] == 0x8d &&
            (insn[2] == 0x3d || insn[2] == 0x35)) {
          memcpy(&disp, insn + 3, 4);
          passesMutex = next + 7 + int64_t(disp) == mutex;
        } else if (insn[0] == 0xbf) { // mov edi, imm32
          memcpy(&imm32, insn + 1, 4);
          passesMutex = imm32 == mutex;
        } else if (back >= 10 && insn[0] == 0x48 && insn[1] == 0xbf) {
          memcpy(&imm64, insn + 2, 8); // movabs rdi, imm64
          passesMutex = imm64 == mutex;
        }
      }
      if (!passesMutex)
        continue;
      Stack site;
      site.frames[0] = after;
      site.framePointers[0] = holder.framePointers[i];
      for (int j = i + 1, k = 1; j < MaxFrames && k < MaxFrames; ++j, ++k) {
        site.frames[k] = holder.frames[j];
        site.framePointers[k] = holder.framePointers[j];
      }
      return site;
    }
  }
  return Stack();
}

/// The finding: the threads in `involved`, what each waits for, the locks
/// the others wait for that each holds. The execution has no steps but the
/// creation of each thread (which names it by its start routine).
Finding findingOf(FindingKind kind, const std::vector<ThreadId> &involved,
                  const Analysis &a, const ProcessImage &image,
                  Symbolizer &symbolizer) {
  std::set<uint64_t> lockTargets = lockFunctions(a, image);
  auto ex = std::make_shared<Execution>();
  for (ThreadId t = 1; t < a.threads.size(); ++t) {
    Event created;
    created.thread = 0;
    created.result = int32_t(t);
    created.op.kind = OpKind::ThreadCreate;
    // The outermost frame in the program's own source (not a library
    // header's, such as std::thread's trampoline): the start routine.
    const Stack &s = a.threads[t].stack;
    // (A lambda's "operator()" names nothing.)
    for (const Frame &frame : symbolizer.frames(s))
      if (frame.user)
        created.op.arg = frame.location.function == "operator()" ? uint64_t(0)
                                                                 : frame.pc - 1;
    for (int i = 0; !created.op.arg && i < MaxFrames && s.frames[i]; ++i)
      if (inProgram(image, s.frames[i]))
        created.op.arg = s.frames[i] - 1; // without debug info
    ex->events.push_back(created);
  }
  ex->end = EndReason::Deadlock;
  Finding f;
  f.kind = kind;
  for (ThreadId t : involved) {
    const ThreadActivityView &v = a.threads[t];
    Involvement involvement;
    involvement.thread = t;
    for (ThreadId u = 0; u < a.threads.size(); ++u) {
      const ThreadActivityView &w = a.threads[u];
      if ((w.activity == ThreadActivity::Mutex ||
           w.activity == ThreadActivity::RwWrite ||
           w.activity == ThreadActivity::RwRead) &&
          w.holder == image.threads[t].tid &&
          std::none_of(
              involvement.holds.begin(), involvement.holds.end(),
              [&](const HeldLock &h) { return h.mutex == w.object; })) {
        // Where it locked it, as an event of its own (not a step: the
        // report shows no steps).
        uint32_t lockedAt = NoEvent;
        Stack site =
            lockSite(image, symbolizer, v.stack, w.object, lockTargets);
        if (!site.empty()) {
          Event locked;
          locked.thread = t;
          locked.op.kind = w.activity == ThreadActivity::Mutex
                               ? OpKind::MutexLock
                               : OpKind::RwWrLock;
          locked.op.object = w.object;
          locked.stack = site;
          lockedAt = uint32_t(ex->events.size());
          ex->events.push_back(locked);
        }
        involvement.holds.push_back({w.object, lockedAt});
      }
    }
    if (blocksForever(v)) {
      PendingOp pending;
      pending.thread = t;
      pending.op = pendingOperation(v, a);
      pending.stack = v.stack;
      ex->pending.push_back(pending);
      involvement.waitsFor = pending;
      f.locations.push_back(v.stack);
      if (!f.object && v.activity != ThreadActivity::Join &&
          v.activity != ThreadActivity::Child)
        f.object = v.object;
      // A joined thread is named by the wait itself; it "holds" nothing
      // but in a cycle.
      auto on = a.idOf.find(v.holder);
      if (waitsOnAThread(v.activity) && on != a.idOf.end() &&
          (v.activity != ThreadActivity::Join ||
           kind == FindingKind::DeadlockCycle))
        involvement.waitsOn = on->second;
      if (v.activity == ThreadActivity::Barrier) {
        uint32_t count =
            readOr<uint32_t>(image, v.object + BarrierCountOffset, 0);
        uint32_t in = readOr<uint32_t>(image, v.object, 0);
        uint32_t round =
            readOr<uint32_t>(image, v.object + BarrierRoundOffset, 0);
        involvement.barrierCount = count;
        involvement.barrierArrived = in - round;
      }
    }
    f.threads.push_back(std::move(involvement));
  }
  f.step = uint32_t(ex->events.size());
  f.execution = ex;
  return f;
}

std::string describeActivity(const ThreadActivityView &v) {
  switch (v.activity) {
  case ThreadActivity::Running:
    return "is running";
  case ThreadActivity::Sleeping:
    return "sleeps in " + syscallName(v.syscall) + ", which ends by itself";
  case ThreadActivity::Child:
    return "waits for child process " +
           (v.child > 0 ? std::to_string(v.child) : std::string("(any)")) +
           ", which is still alive (tangle attach " +
           (v.child > 0 ? std::to_string(v.child) : std::string("PID")) +
           " explains it if it hangs)";
  case ThreadActivity::Syscall:
    return "waits in " + syscallName(v.syscall) +
           ", which something outside the process may end";
  default:
    return "is blocked";
  }
}

/// "abba+0x4068": an address in a module, for a program without debug
/// info; "" outside every module.
std::string moduleOffset(const ProcessImage &image, uint64_t address) {
  const LoadedModule *m = moduleAt(image, address);
  if (!m)
    return "";
  char offset[32];
  snprintf(offset, sizeof offset, "+0x%llx",
           (unsigned long long)(address - m->loadBias));
  return m->path.substr(m->path.rfind('/') + 1) + offset;
}

/// Without debug info, what the explanation cannot name gets the module
/// and offset: a lock in the program's data (not "heap"), the call that
/// waits.
void addAddresses(Explanation &e, const Finding &f, const ProcessImage &image) {
  for (size_t i = 0; i < e.threads.size() && i < f.threads.size(); ++i) {
    InvolvedThread &view = e.threads[i];
    const Involvement &involvement = f.threads[i];
    for (size_t j = 0; j < view.holds.size() && j < involvement.holds.size();
         ++j) {
      ObjectName &object = view.holds[j].object;
      std::string at = moduleOffset(image, involvement.holds[j].mutex);
      if (!at.empty() && object.where == "heap")
        object.where = "in " + at;
      uint32_t locked = involvement.holds[j].acquiredAt;
      if (!view.holds[j].lockedAt.known() && f.execution &&
          locked < f.execution->events.size()) {
        std::string call = moduleOffset(
            image, f.execution->events[locked].stack.frames[0] - 1);
        if (!call.empty())
          object.where += (object.where.empty() ? "" : "; ") +
                          std::string("locked at ") + call;
      }
    }
    if (view.waits && !view.waits->at.known() && involvement.waitsFor) {
      std::string at =
          moduleOffset(image, involvement.waitsFor->stack.frames[0] - 1);
      if (!at.empty())
        view.waits->object += " (called at " + at + ")";
    }
  }
}

int fail(Console &console, int code, const std::string &message) {
  console.err << "tangle: error: " << message << "\n";
  return code;
}

} // namespace

int runAttach(const CommandLine &commandLine, Console &console) {
  auto started = std::chrono::steady_clock::now();
  std::string error;
  std::vector<Suppression> suppressions;
  if (!commandLine.suppressionsFile.empty() &&
      !readSuppressions(commandLine.suppressionsFile, suppressions, error))
    return fail(console, ExitUsage, error);
  std::unique_ptr<ProcessImage> image;
  SeizedProcess *live = nullptr;
  std::unique_ptr<Symbolizer> loaded;
  if (!commandLine.coreFile.empty()) {
    image = CoreImage::open(commandLine.coreFile,
                            commandLine.target.argv.front(), error);
  } else {
    // Load the debug info (glibc's can take a second) while the process
    // still runs: it stays stopped only for the reads.
    SeizedProcess running;
    readLiveModules(commandLine.attachPid, running);
    loaded = std::make_unique<Symbolizer>(running.modules);
    for (const ExecutableRange &range : running.code) {
      Stack at;
      at.frames[0] = range.begin + 1;
      loaded->frames(at);
    }
    auto seized = SeizedProcess::seize(commandLine.attachPid, error);
    live = seized.get();
    image = std::move(seized);
  }
  if (!image)
    return fail(console, ExitUsage, error);
  // (A library loaded in between is not symbolised: a rare race.)
  if (!loaded)
    loaded = std::make_unique<Symbolizer>(image->modules);
  Symbolizer &symbolizer = *loaded;
  // Every function at the address, inlined ones too: with glibc's debug
  // info installed, pthread_barrier_wait is the caller of an inlined
  // futex_wait.
  auto functionAt = [&](uint64_t address) {
    Stack at;
    at.frames[0] = address + 1; // frames() looks up the call before
    std::string names;
    for (const Frame &frame : symbolizer.frames(at))
      names += frame.location.function + " ";
    return names;
  };
  Analysis analysis;
  for (ThreadId t = 0; t < image->threads.size(); ++t) {
    analysis.idOf[image->threads[t].tid] = t;
    analysis.threads.push_back(
        readThreadActivity(*image, image->threads[t], functionAt));
    // A thread runnable at the moment tangle looked is running, whatever
    // call it was about to make.
    if (image->threads[t].state == 'R')
      analysis.threads.back().activity = ThreadActivity::Running;
  }
  // A waitpid for a child that is alive ends when the child does.
  std::vector<pid_t> children;
  if (live && std::any_of(analysis.threads.begin(), analysis.threads.end(),
                          [](const ThreadActivityView &v) {
                            return v.activity == ThreadActivity::Child;
                          }))
    children = live->liveChildren();
  for (ThreadActivityView &v : analysis.threads)
    if (v.activity == ThreadActivity::Child && live &&
        (v.child > 0 ? std::count(children.begin(), children.end(), v.child) > 0
                     : !children.empty()))
      v.childAlive = true;

  analysis.cycle = findCycle(analysis);
  std::vector<ThreadId> involved = analysis.cycle;
  FindingKind kind = FindingKind::DeadlockCycle;
  if (involved.empty()) {
    // What the threads that are not blocked do, threads doing the same
    // thing together: "threads 1, 2 are running".
    std::vector<std::pair<std::string, std::vector<ThreadId>>> notBlocked;
    for (ThreadId t = 0; t < analysis.threads.size(); ++t) {
      if (blocksForever(analysis.threads[t])) {
        involved.push_back(t);
        continue;
      }
      std::string what = describeActivity(analysis.threads[t]);
      auto same = std::find_if(notBlocked.begin(), notBlocked.end(),
                               [&](const auto &g) { return g.first == what; });
      if (same == notBlocked.end())
        notBlocked.push_back({what, {t}});
      else
        same->second.push_back(t);
    }
    if (!notBlocked.empty()) {
      std::string text;
      for (const auto &[what, threads] : notBlocked) {
        text += text.empty() ? "" : "; ";
        std::string names, tids;
        for (ThreadId t : threads) {
          names += names.empty() ? "" : ", ";
          names += t == 0 ? "main" : std::to_string(t);
          tids += tids.empty() ? "" : ", ";
          tids += std::to_string(image->threads[t].tid);
        }
        bool one = threads.size() == 1;
        if (one && threads[0] == 0)
          text += "the main thread";
        else
          text += (one ? "thread " : "threads ") + names;
        text += (one ? " (tid " : " (tids ") + tids + ") ";
        // "is running" -> "are running", "sleeps in" -> "sleep in"
        if (!one && what.rfind("is ", 0) == 0)
          text += "are " + what.substr(3);
        else if (!one)
          text +=
              what.substr(0, what.find(' ') - 1) + what.substr(what.find(' '));
        else
          text += what;
      }
      if (live)
        live->detach();
      console.out << "tangle: not hung: " << image->origin << ": " << text
                  << "\n";
      return ExitNotHung;
    }
    kind = FindingKind::DeadlockStall;
  }
  Finding finding = findingOf(kind, involved, analysis, *image, symbolizer);
  // Everything needed is read: let the process go on as it was.
  if (live)
    live->detach();
  ObjectNamer namer(symbolizer);
  Explanation e = explain(finding, symbolizer, namer, "");
  // No schedule and no steps: only the state tangle saw.
  e.schedule.clear();
  e.replayCommand.clear();
  e.steps.clear();
  e.blocked.clear();
  e.totalSteps = e.omittedSteps = 0;
  for (InvolvedThread &thread : e.threads)
    for (HeldLockView &held : thread.holds)
      held.step = 0;
  e.foundBy = "attach";
  addAddresses(e, finding, *image);
  std::vector<Explanation> explanations;
  size_t suppressed = 0;
  if (!suppressions.empty() && suppressing(suppressions, e))
    ++suppressed;
  else
    explanations.push_back(std::move(e));

  RunSummary summary;
  summary.program = image->origin;
  summary.command = "attach";
  summary.suppressed = suppressed;
  summary.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  summary.stats.executions = 0;
  summary.recorded.threads = image->threads.size();
  summary.verdict = explanations.empty() ? Verdict::NoHang : Verdict::Bugs;
  renderReport(console.out, commandLine.format, summary, explanations);
  console.out.flush();
  return exitCodeOf(summary.verdict);
}

} // namespace tangle
