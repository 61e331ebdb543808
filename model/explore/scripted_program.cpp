// Scripted programs: the Machine and Scheduler alone, no processes. Their
// "stacks" are synthetic: frames[0] identifies (script, operation index).
#include "model/explore/scripted_program.h"

#include "model/explore/scheduler.h"
#include "model/machine.h"
#include "model/objects/futex.h"

#include <map>
#include <unordered_map>

namespace tangle {

uint32_t applyAtomic(const AtomicInstruction &i, uint32_t value) {
  const auto operand = uint32_t(i.operand);
  switch (i.kind) {
  case AtomicInstruction::Load:
    return value;
  case AtomicInstruction::Store:
  case AtomicInstruction::Exchange:
    return operand;
  case AtomicInstruction::Update:
    break;
  }
  switch (i.update) {
  case AtomicUpdate::Add:
    return value + operand;
  case AtomicUpdate::Or:
    return value | operand;
  case AtomicUpdate::And:
    return value & operand;
  case AtomicUpdate::Xor:
    return value ^ operand;
  case AtomicUpdate::None:
    break;
  }
  return value;
}

void ScriptedProgram::runAtomic(
    Operation &op, std::unordered_map<ObjectAddr, uint32_t> &values) const {
  const AtomicInstruction &i = script_.atomics.at(op.arg);
  uint32_t &value = values[op.object];
  uint32_t before = value;
  value = applyAtomic(i, before);
  op.reserved = before;
  bool changed = isBlindUpdate(op) ? blindUpdateChanges(i.update, i.operand, 4)
                                   : before != value;
  op.flags =
      uint16_t((op.flags & ~AtomicChanged) | (changed ? AtomicChanged : 0));
}

void ScriptedProgram::compareFutexWord(
    Machine &machine, ThreadId t,
    std::unordered_map<ObjectAddr, uint32_t> &values) const {
  Operation op = machine.pending(t);
  if (op.kind != OpKind::FutexWait || (op.flags & FutexValueChanged) ||
      values[op.object] == futexExpected(op))
    return;
  op.flags |= FutexValueChanged;
  machine.post(t, op);
}

Execution ScriptedProgram::run(const ExecutionRequest &request) {
  Execution out;
  Machine machine;
  Scheduler scheduler(request.prefix.data(), request.prefix.size(),
                      request.sleeping.data(), request.sleeping.size());
  scheduler.setRetryBound(request.retryBound);
  scheduler.setPolicy(request.policy);
  scheduler.setHint(request.hint.data(), request.hint.size());
  if (!request.recordedKinds.empty()) {
    std::vector<ThreadId> kinds;
    for (OpKind k : request.recordedKinds)
      kinds.push_back(ThreadId(k));
    scheduler.setRecordedKinds(kinds.data(), kinds.size());
  }
  machine.setSpuriousWakeups(request.spuriousWakeups);
  std::vector<size_t> scriptOf{0}, position{0};
  std::vector<Stack> pendingStack(1);
  std::vector<bool> processMain{true};             // ends with a ProcessExit
  std::unordered_map<ObjectAddr, uint32_t> values; // atomics, from 0
  // The script's names for threads and processes (places in creation or
  // fork order, and handles) -> the Machine's numbers.
  std::vector<ThreadId> threadPlaces{0};
  std::vector<ProcessId> processPlaces{0};
  std::map<uint64_t, ThreadId> threadHandles;
  std::map<uint64_t, ProcessId> processHandles;
  auto translate = [](uint64_t name, const auto &places, const auto &handles) {
    if (name & scripts::HandleBit) {
      auto it = handles.find(name);
      return it == handles.end() ? name : uint64_t(it->second);
    }
    return name < places.size() ? uint64_t(places[name]) : name;
  };

  // Posts t's next operation: its script's, then an implicit end (main
  // ends the process, other threads exit).
  // A cancelled thread runs its cleanup handlers, then exits.
  std::vector<int> cleaning{-1}; // per thread: place in its cleanup, or -1
  auto advance = [&](ThreadId t) {
    const auto &ops = script_.threads[scriptOf[t]];
    Operation op;
    if (cleaning[t] >= 0) {
      auto it = script_.cleanup.find(scriptOf[t]);
      size_t k = size_t(cleaning[t]++);
      if (it != script_.cleanup.end() && k < it->second.size())
        op = it->second[k];
      else
        op.kind = OpKind::ThreadExit;
    } else {
      size_t pc = position[t]++;
      if (pc < ops.size())
        op = ops[pc];
      else if (pc == ops.size())
        op.kind = processMain[t] ? OpKind::ProcessExit : OpKind::ThreadExit;
      else
        return;
    }
    if (op.kind == OpKind::ThreadJoin || op.kind == OpKind::ThreadDetach ||
        op.kind == OpKind::ThreadCancel)
      op.object = translate(op.object, threadPlaces, threadHandles);
    if ((op.kind == OpKind::ProcessWait && op.object != AnyProcess) ||
        op.kind == OpKind::ProcessKill)
      op.object = translate(op.object, processPlaces, processHandles);
    Stack stack;
    stack.frames[0] = ((scriptOf[t] + 1) << 20) |
                      (cleaning[t] >= 0 ? (1 << 19) + size_t(cleaning[t])
                                        : position[t]);
    pendingStack[t] = stack;
    machine.post(t, op);
  };

  advance(0);
  ThreadId current = NoThread;
  while (true) {
    Choice choice = scheduler.choose(machine, current);
    if (choice.kind != ChoiceKind::Run) {
      out.end = endReasonOf(choice.kind);
      break;
    }
    if (out.events.size() >= request.maxSteps) {
      out.end = EndReason::StepLimit;
      break;
    }
    ThreadId t = choice.thread;
    scheduler.willStep(machine, t);
    if (!script_.atomics.empty())
      compareFutexWord(machine, t, values);
    Event event;
    event.thread = t;
    event.op = machine.pending(t);
    event.stack = pendingStack[t];
    Outcome outcome = machine.step(t);
    event.result = outcome.result;
    if (isAtomicOp(event.op.kind)) {
      if (!script_.atomics.empty())
        runAtomic(event.op, values);
      // Without values, the script says whether the atomic changes it.
      machine.completeAtomic(t, event.op, event.op.flags & AtomicChanged);
      if (!script_.atomics.empty() &&
          script_.atomics.at(event.op.arg).endsThreadOnZero &&
          event.op.reserved == 0 && cleaning[t] < 0)
        position[t] = script_.threads[scriptOf[t]].size();
      // A spin loop's turn that did not see what it waits for: again.
      if (!script_.atomics.empty() &&
          event.op.reserved < script_.atomics.at(event.op.arg).spinWhileBelow)
        --position[t];
    }
    out.events.push_back(event);
    if (outcome.result == CancelActed)
      cleaning[t] = 0;
    bool forked = event.op.kind == OpKind::ProcessFork;
    if (forked && outcome.result >= 0) // as the runtime records it
      out.events.back().op.reserved =
          machine.processOf(ThreadId(outcome.result));
    if ((event.op.kind == OpKind::ThreadCreate || forked) &&
        outcome.result >= 0) {
      ThreadId child = static_cast<ThreadId>(outcome.result);
      threadPlaces.push_back(child);
      if (event.op.object & scripts::HandleBit)
        threadHandles[event.op.object] = child;
      if (forked) {
        processPlaces.push_back(machine.processOf(child));
        if (event.op.object & scripts::HandleBit)
          processHandles[event.op.object] = machine.processOf(child);
      }
      scriptOf.resize(child + 1, 0);
      position.resize(child + 1, 0);
      pendingStack.resize(child + 1);
      cleaning.resize(child + 1, -1);
      cleaning[child] = -1;
      processMain.resize(child + 1, false);
      processMain[child] = forked;
      position[child] = 0; // the number may be a joined thread's
      scriptOf[child] = event.op.arg;
      Stack start;
      start.frames[0] = (event.op.arg + 1) << 20;
      pendingStack[child] = start;
    }
    if (machine.live(t) && !machine.processEnded())
      advance(t);
    current = t;
  }
  for (ThreadId t = 0; t < machine.threadCount(); ++t)
    if (machine.live(t) && machine.hasPending(t))
      out.pending.push_back({t, 0, machine.pending(t), pendingStack[t]});
  return out;
}

namespace scripts {

Operation lock(ObjectAddr m) {
  return {OpKind::MutexLock, 0, 0, m,
          static_cast<uint64_t>(MutexType::Default)};
}
Operation unlock(ObjectAddr m) {
  return {OpKind::MutexUnlock, 0, 0, m,
          static_cast<uint64_t>(MutexType::Default)};
}
Operation tryLock(ObjectAddr m) {
  return {OpKind::MutexTryLock, 0, 0, m,
          static_cast<uint64_t>(MutexType::Default)};
}
Operation create(size_t scriptIndex, uint64_t name) {
  return {OpKind::ThreadCreate, 0, 0, name, scriptIndex};
}
Operation join(uint64_t t) { return {OpKind::ThreadJoin, 0, 0, t, 0}; }
Operation detach(uint64_t t) { return {OpKind::ThreadDetach, 0, 0, t, 0}; }
Operation cancel(uint64_t t) { return {OpKind::ThreadCancel, 0, 0, t, 0}; }
Operation testCancel() { return {OpKind::CancelTest, 0, 0, 0, 0}; }
Operation sleepPoint() { return {OpKind::Yield, YieldSleep, 0, 0, 0}; }
Operation setCancel(bool state, bool on) {
  return {OpKind::CancelSet, state ? CancelSetState : CancelSetType, 0, 0,
          on ? 1u : 0u};
}
Operation condWait(ObjectAddr c, ObjectAddr m, bool timed) {
  return {OpKind::CondWait, timed ? CondTimed : uint16_t(0), 0, c, m};
}
Operation condWake(ObjectAddr c, ObjectAddr m) {
  return {OpKind::CondWake, 0, 0, c, m};
}
Operation condSignal(ObjectAddr c) { return {OpKind::CondSignal, 0, 0, c, 0}; }
Operation condBroadcast(ObjectAddr c) {
  return {OpKind::CondBroadcast, 0, 0, c, 0};
}
Operation semInit(ObjectAddr s, uint64_t value) {
  return {OpKind::SemInit, 0, 0, s, value};
}
Operation semWait(ObjectAddr s) { return {OpKind::SemWait, 0, 0, s, 0}; }
Operation semTryWait(ObjectAddr s) { return {OpKind::SemTryWait, 0, 0, s, 0}; }
Operation semPost(ObjectAddr s) { return {OpKind::SemPost, 0, 0, s, 0}; }
Operation barrierInit(ObjectAddr b, uint32_t count) {
  return {OpKind::BarrierInit, 0, 0, b, count};
}
Operation barrierWait(ObjectAddr b) {
  return {OpKind::BarrierWait, 0, 0, b, 0};
}
Operation barrierLeave(ObjectAddr b) {
  return {OpKind::BarrierLeave, 0, 0, b, 0};
}
Operation rdLock(ObjectAddr rw) { return {OpKind::RwRdLock, 0, 0, rw, 0}; }
Operation wrLock(ObjectAddr rw) { return {OpKind::RwWrLock, 0, 0, rw, 0}; }
Operation rwUnlock(ObjectAddr rw) { return {OpKind::RwUnlock, 0, 0, rw, 0}; }
Operation fork(size_t scriptIndex, uint64_t name) {
  return {OpKind::ProcessFork, 0, 0, name, scriptIndex};
}
Operation waitFor(uint64_t process, uint16_t flags) {
  return {OpKind::ProcessWait, flags, 0, process, 0};
}
Operation kill(ProcessId process, int signal) {
  return {OpKind::ProcessKill, 0, 0, process, uint64_t(signal)};
}
Operation pipeCreate(ObjectAddr p) { return {OpKind::PipeCreate, 0, 0, p, 0}; }
Operation pipeRead(ObjectAddr p, uint64_t bytes) {
  return {OpKind::PipeRead, 0, 0, p, bytes};
}
Operation pipeWrite(ObjectAddr p, uint64_t bytes) {
  return {OpKind::PipeWrite, 0, 0, p, bytes};
}
Operation pipeClose(ObjectAddr p, uint64_t end) {
  return {OpKind::PipeClose, 0, 0, p, end};
}
Operation mqOpen(ObjectAddr q, uint16_t flags, uint32_t capacity) {
  return {OpKind::MqOpen, uint16_t(flags | MqForSend | MqForReceive), 0, q,
          capacity};
}
Operation mqSend(ObjectAddr q, uint32_t priority, uint16_t flags) {
  return {OpKind::MqSend, uint16_t(flags | MqForSend | MqForReceive), 0, q,
          priority};
}
Operation mqReceive(ObjectAddr q, uint16_t flags) {
  return {OpKind::MqReceive, uint16_t(flags | MqForSend | MqForReceive), 0, q,
          0};
}

namespace {
Operation atomicOp(Script &s, OpKind kind, ObjectAddr a, AtomicInstruction i,
                   uint16_t flags = 0) {
  s.atomics.push_back(i);
  return {kind, uint16_t(4 | flags), 0, a, s.atomics.size() - 1};
}
} // namespace

Operation futexWait(ObjectAddr f, bool timed, uint32_t bitset) {
  return {OpKind::FutexWait, uint16_t(timed ? FutexTimed : 0), 0, f, bitset};
}
Operation futexResume(ObjectAddr f, bool timed) {
  return {OpKind::FutexResume, uint16_t(timed ? FutexTimed : 0), 0, f, 0};
}
Operation futexWaitChanged(ObjectAddr f) {
  return {OpKind::FutexWait, FutexValueChanged, 0, f, 0xffffffff};
}
Operation futexWake(ObjectAddr f, uint32_t count, uint32_t bitset) {
  return {OpKind::FutexWake, 0, 0, f, bitset | uint64_t(count) << 32};
}
Operation atomicLoad(Script &s, ObjectAddr a) {
  return atomicOp(s, OpKind::AtomicLoad, a, {AtomicInstruction::Load});
}
Operation atomicSpin(Script &s, ObjectAddr a, uint32_t below, bool pure) {
  AtomicInstruction spin{AtomicInstruction::Load};
  spin.spinWhileBelow = below;
  return atomicOp(s, OpKind::AtomicLoad, a, spin,
                  uint16_t(pure ? AtomicSpinTurn : 0));
}
Operation atomicStore(Script &s, ObjectAddr a, uint64_t value) {
  return atomicOp(s, OpKind::AtomicStore, a,
                  {AtomicInstruction::Store, AtomicUpdate::None, value});
}
Operation atomicExchange(Script &s, ObjectAddr a, uint64_t value) {
  return atomicOp(s, OpKind::AtomicRmw, a,
                  {AtomicInstruction::Exchange, AtomicUpdate::None, value});
}
Operation atomicUpdate(Script &s, ObjectAddr a, AtomicUpdate update,
                       uint64_t operand, bool blind) {
  return atomicOp(
      s, OpKind::AtomicRmw, a, {AtomicInstruction::Update, update, operand},
      uint16_t(atomicUpdateFlags(update) | (blind ? AtomicBlind : 0)));
}

Script withMain(std::vector<std::vector<Operation>> workers,
                std::vector<Operation> before) {
  Script s;
  s.threads.emplace_back(std::move(before));
  for (size_t i = 0; i < workers.size(); ++i)
    s.threads[0].push_back(create(i + 1));
  for (size_t i = 0; i < workers.size(); ++i)
    s.threads[0].push_back(join(static_cast<ThreadId>(i + 1)));
  for (auto &w : workers)
    s.threads.push_back(std::move(w));
  return s;
}

Script ownLocks(int n) {
  std::vector<std::vector<Operation>> workers;
  for (int i = 0; i < n; ++i)
    workers.push_back({lock(0x1000 + 64 * i), unlock(0x1000 + 64 * i)});
  return withMain(std::move(workers));
}

Script sharedLock(int n, int k) {
  std::vector<std::vector<Operation>> workers(n);
  for (auto &w : workers)
    for (int j = 0; j < k; ++j) {
      w.push_back(lock(0x1000));
      w.push_back(unlock(0x1000));
    }
  return withMain(std::move(workers));
}

Script philosophers(int n, int rounds, bool ordered) {
  std::vector<std::vector<Operation>> workers(n);
  for (int i = 0; i < n; ++i) {
    ObjectAddr left = 0x1000 + 64 * i, right = 0x1000 + 64 * ((i + 1) % n);
    ObjectAddr first = left, second = right;
    if (ordered && second < first)
      std::swap(first, second);
    for (int r = 0; r < rounds; ++r) {
      workers[i].push_back(lock(first));
      workers[i].push_back(lock(second));
      workers[i].push_back(unlock(second));
      workers[i].push_back(unlock(first));
    }
  }
  return withMain(std::move(workers));
}

} // namespace scripts
} // namespace tangle
