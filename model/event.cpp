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
  case OpKind::Count_:
    break;
  }
  return "?";
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
