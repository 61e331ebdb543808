// Names of the event vocabulary, as shown in reports and traces.
#include "model/event.h"

namespace tangle {

const char *opKindName(OpKind kind) {
  switch (kind) {
  case OpKind::ThreadStart:
    return "start";
  case OpKind::ThreadExit:
    return "exit";
  case OpKind::ThreadCreate:
    return "create";
  case OpKind::ThreadJoin:
    return "join";
  case OpKind::ThreadDetach:
    return "detach";
  case OpKind::ProcessExit:
    return "process-exit";
  case OpKind::MutexInit:
    return "init";
  case OpKind::MutexDestroy:
    return "destroy";
  case OpKind::MutexLock:
    return "lock";
  case OpKind::MutexTryLock:
    return "trylock";
  case OpKind::MutexTimedLock:
    return "timedlock";
  case OpKind::MutexUnlock:
    return "unlock";
  case OpKind::CondInit:
    return "cond-init";
  case OpKind::CondDestroy:
    return "cond-destroy";
  case OpKind::CondWait:
    return "cond-wait";
  case OpKind::CondWake:
    return "cond-wake";
  case OpKind::CondSignal:
    return "cond-signal";
  case OpKind::CondBroadcast:
    return "cond-broadcast";
  case OpKind::SemInit:
    return "sem-init";
  case OpKind::SemDestroy:
    return "sem-destroy";
  case OpKind::SemWait:
    return "sem-wait";
  case OpKind::SemTryWait:
    return "sem-trywait";
  case OpKind::SemTimedWait:
    return "sem-timedwait";
  case OpKind::SemPost:
    return "sem-post";
  case OpKind::SemGetValue:
    return "sem-getvalue";
  case OpKind::BarrierInit:
    return "barrier-init";
  case OpKind::BarrierDestroy:
    return "barrier-destroy";
  case OpKind::BarrierWait:
    return "barrier-wait";
  case OpKind::BarrierLeave:
    return "barrier-leave";
  case OpKind::RwInit:
    return "rwlock-init";
  case OpKind::RwDestroy:
    return "rwlock-destroy";
  case OpKind::RwRdLock:
    return "rdlock";
  case OpKind::RwTryRdLock:
    return "tryrdlock";
  case OpKind::RwTimedRdLock:
    return "timedrdlock";
  case OpKind::RwWrLock:
    return "wrlock";
  case OpKind::RwTryWrLock:
    return "trywrlock";
  case OpKind::RwTimedWrLock:
    return "timedwrlock";
  case OpKind::RwUnlock:
    return "rwlock-unlock";
  case OpKind::OnceEnter:
    return "once";
  case OpKind::OnceDone:
    return "once-done";
  case OpKind::Yield:
    return "yield";
  case OpKind::ProcessFork:
    return "fork";
  case OpKind::ProcessWait:
    return "wait";
  case OpKind::PipeCreate:
    return "pipe";
  case OpKind::PipeRead:
    return "pipe-read";
  case OpKind::PipeWrite:
    return "pipe-write";
  case OpKind::PipeClose:
    return "pipe-close";
  case OpKind::PipeDup:
    return "pipe-dup";
  case OpKind::ProcessExec:
    return "exec";
  case OpKind::FileLock:
    return "file-lock";
  case OpKind::FileTryLock:
    return "file-trylock";
  case OpKind::FileUnlock:
    return "file-unlock";
  case OpKind::FileTestLock:
    return "file-testlock";
  case OpKind::MqOpen:
    return "mq-open";
  case OpKind::MqSend:
    return "mq-send";
  case OpKind::MqReceive:
    return "mq-receive";
  case OpKind::MqClose:
    return "mq-close";
  case OpKind::MqUnlink:
    return "mq-unlink";
  case OpKind::MqGetAttr:
    return "mq-getattr";
  case OpKind::ProcessKill:
    return "kill";
  case OpKind::ProcessSpawn:
    return "spawn";
  case OpKind::AtomicLoad:
    return "atomic-load";
  case OpKind::AtomicStore:
    return "atomic-store";
  case OpKind::AtomicRmw:
    return "atomic-rmw";
  case OpKind::FutexWait:
    return "futex-wait";
  case OpKind::FutexResume:
    return "futex-resume";
  case OpKind::FutexWake:
    return "futex-wake";
  case OpKind::ThreadCancel:
    return "thread-cancel";
  case OpKind::CancelSet:
    return "cancel-set";
  case OpKind::CancelTest:
    return "cancel-test";
  case OpKind::Count_:
    break;
  }
  return "?";
}

bool hasObjectAddress(OpKind kind) {
  return (kind >= OpKind::MutexInit && kind < OpKind::Yield) ||
         (kind >= OpKind::PipeCreate && kind <= OpKind::PipeDup) ||
         (kind >= OpKind::FileLock && kind <= OpKind::FileTestLock) ||
         (kind >= OpKind::MqOpen && kind <= OpKind::MqGetAttr) ||
         (kind >= OpKind::AtomicLoad && kind <= OpKind::AtomicRmw) ||
         (kind >= OpKind::FutexWait && kind <= OpKind::FutexWake);
}

const char *mutexTypeName(MutexType type) {
  switch (type) {
  case MutexType::Normal:
    return "normal";
  case MutexType::Recursive:
    return "recursive";
  case MutexType::ErrorCheck:
    return "errorcheck";
  case MutexType::Default:
    return "default";
  }
  return "?";
}

} // namespace tangle
