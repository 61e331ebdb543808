// See record_watch.h.
#include "cli/record_watch.h"

#include "cli/blocked_thread.h"

#include "cli/live_program.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sstream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle {

namespace {

/// The scheduler state of an OS thread ('R', 'S', 'D', 'Z', ...); 0 when
/// it is gone.
char taskState(const rec::ThreadRecord &slot) {
  std::string stat =
      readSmallFile("/proc/" + std::to_string(slot.osPid) + "/task/" +
                    std::to_string(slot.osTid) + "/stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size())
    return 0;
  return stat[paren + 2];
}

/// How often the OS thread went to sleep (its voluntary context switches:
/// a blocking system call, a sleep, a wait), from its status file; false
/// when it is gone.
bool sleepsSoFar(const rec::ThreadRecord &slot, uint64_t &count) {
  std::string path = "/proc/" + std::to_string(slot.osPid) + "/task/" +
                     std::to_string(slot.osTid) + "/status";
  FILE *status = fopen(path.c_str(), "r");
  if (!status)
    return false;
  char line[256];
  bool found = false;
  while (!found && fgets(line, sizeof(line), status)) {
    unsigned long long value = 0;
    found = sscanf(line, "voluntary_ctxt_switches: %llu", &value) == 1;
    count = value;
  }
  fclose(status);
  return found;
}

/// Whether `address` lies in a shared mapping of process `pid` (a page that
/// a process outside the run may map too): /proc/PID/maps.
bool inSharedMapping(int32_t pid, uint64_t address) {
  std::string path = "/proc/" + std::to_string(pid) + "/maps";
  FILE *maps = fopen(path.c_str(), "r");
  if (!maps)
    return true; // unknown: assume the worst
  char line[512];
  bool shared = false;
  while (fgets(line, sizeof(line), maps)) {
    unsigned long begin = 0, end = 0;
    char perms[5] = {};
    if (sscanf(line, "%lx-%lx %4s", &begin, &end, perms) == 3 &&
        address >= begin && address < end) {
      shared = perms[3] == 's';
      break;
    }
  }
  fclose(maps);
  return shared;
}

} // namespace

bool lockKind(OpKind kind) {
  switch (kind) {
  case OpKind::MutexLock:
  case OpKind::MutexTimedLock:
  case OpKind::RwRdLock:
  case OpKind::RwWrLock:
  case OpKind::RwTimedRdLock:
  case OpKind::RwTimedWrLock:
    return true;
  default:
    return false;
  }
}

bool timedWait(const Operation &op) {
  switch (op.kind) {
  case OpKind::MutexTimedLock:
  case OpKind::SemTimedWait:
  case OpKind::RwTimedRdLock:
  case OpKind::RwTimedWrLock:
    return true;
  case OpKind::CondWait:
    return op.flags & CondTimed;
  case OpKind::FutexResume:
    return op.flags & FutexTimed;
  default:
    return false;
  }
}

uint64_t monotonicNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

void tellCoarseTime(const Region &region) {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  region.header->coarseNow.store(uint64_t(ts.tv_sec) * 1000000000ull +
                                     uint64_t(ts.tv_nsec),
                                 std::memory_order_relaxed);
}

uint32_t Region::threadCount() const {
  return std::min(header->threadCount.load(), header->maxNumbers);
}

size_t Region::processCount() const {
  std::vector<int32_t> pids(threadCount());
  for (uint32_t t = 0; t < pids.size(); ++t)
    pids[t] = infos()[t].osPid;
  return countProcesses(std::move(pids));
}

uint32_t Region::slotCount() const {
  return std::min(header->slotsUsed.load(), header->maxThreads);
}

rec::ThreadRecord *Region::slotOf(ThreadId t) const {
  if (t >= threadCount())
    return nullptr;
  uint32_t s = infos()[t].slot;
  if (s >= slotCount() || threads()[s].number.load() != t)
    return nullptr;
  return &threads()[s];
}

uint64_t Region::recordedOperations() const {
  // A slot's count is every event of the threads it held.
  uint64_t operations = 0;
  for (uint32_t s = 0; s < slotCount(); ++s) {
    const rec::ThreadRecord &slot = threads()[s];
    operations += slot.events.load();
    for (uint32_t i = 0; i < std::min(slot.heldCount, rec::MaxHeld); ++i)
      operations += slot.held[i].pending;
  }
  return operations;
}

Region::~Region() {
  if (header)
    munmap(header, size);
  if (fd >= 0)
    close(fd);
}

bool createRegion(Region &region, uint32_t keepChunks, std::string &error) {
  rec::Layout layout =
      rec::computeLayout(RecordThreads, RecordThreadNumbers, RecordChunks);
  region.fd = createMemfd("tangle-record", layout.size, error);
  if (region.fd < 0)
    return false;
  void *mem = mmap(nullptr, layout.size, PROT_READ | PROT_WRITE, MAP_SHARED,
                   region.fd, 0);
  if (mem == MAP_FAILED) {
    error = std::string("cannot map shared memory: ") + strerror(errno);
    return false;
  }
  region.header = static_cast<rec::Header *>(mem);
  region.size = layout.size;
  rec::Header &h = *region.header;
  h.magic = rec::Magic;
  h.version = rec::Version;
  h.headerSize = sizeof(rec::Header);
  h.regionSize = layout.size;
  h.maxThreads = RecordThreads;
  h.chunkCapacity = RecordChunks;
  h.threadsOffset = layout.threadsOffset;
  h.chunksOffset = layout.chunksOffset;
  h.maxNumbers = RecordThreadNumbers;
  h.infosOffset = layout.infosOffset;
  h.keepChunks = keepChunks;
  h.chunkFill = keepChunks ? rec::RingChunkEvents : rec::ChunkEvents;
  tellCoarseTime(region);
  return true;
}

bool adoptRegion(Region &region, int fd, std::string &error) {
  region.fd = fd;
  struct stat st;
  if (fstat(fd, &st) != 0 || size_t(st.st_size) < sizeof(rec::Header)) {
    error = "the record region handed over is not there";
    return false;
  }
  void *mem = mmap(nullptr, size_t(st.st_size), PROT_READ | PROT_WRITE,
                   MAP_SHARED, fd, 0);
  if (mem == MAP_FAILED) {
    error = std::string("cannot map shared memory: ") + strerror(errno);
    return false;
  }
  region.header = static_cast<rec::Header *>(mem);
  region.size = size_t(st.st_size);
  const rec::Header &h = *region.header;
  if (h.magic != rec::Magic || h.version != rec::Version ||
      h.regionSize != region.size) {
    error = "the record region handed over is not one of this tangle";
    return false;
  }
  return true;
}

Watchdog::Watchdog(const Region &region, double hangAfter)
    : region_(region), hangAfterNs_(uint64_t(hangAfter * 1e9)),
      lastChange_(monotonicNs()) {}

void Watchdog::noteProgress(uint64_t now) {
  // An event the region had no room for (a thread past its numbers, or no
  // chunk left) is progress all the same: a program whose later threads
  // run unrecorded is not stalled while they work.
  // A slot's counts never go back (a reuse keeps them): the sum moves with
  // every event of every thread. A timed wait's timeout is no progress
  // (idleEvents): a thread that waits again after each one, while nothing
  // else moves, moves nothing.
  uint64_t events = region_.header->dropped.load(std::memory_order_relaxed);
  uint64_t idle = 0;
  uint32_t count = region_.slotCount();
  if (timeoutsSeen_.size() < count) {
    timeoutsSeen_.resize(count, 0);
    timedOutAt_.resize(count, 0);
  }
  for (uint32_t t = 0; t < count; ++t) {
    const rec::ThreadRecord &slot = region_.threads()[t];
    // The events first: the runtime counts an idle event before it
    // publishes it, so this never reads an idle event it has not counted.
    events += slot.events.load(std::memory_order_acquire);
    idle += slot.idleEvents.load(std::memory_order_relaxed);
    uint64_t timeouts = slot.timeouts.load(std::memory_order_relaxed);
    if (timeouts != timeoutsSeen_[t]) {
      timeoutsSeen_[t] = timeouts;
      timedOutAt_[t] = now;
    }
  }
  // A read between the idle count and its events reads less: no progress.
  if (idle <= events && events - idle > lastProgress_) {
    lastProgress_ = events - idle;
    lastChange_ = now;
  }
}

bool Watchdog::look(WatchVerdict &out) {
  uint64_t now = monotonicNs();
  noteProgress(now);
  // Whether a thread's process still runs is a /proc read each: asked of
  // every listed thread only when a finding is in sight (a cycle among the
  // threads the region lists as alive, or nothing moved for hangAfter). A
  // look every 50 ms over a thousand idle threads of a pool read /proc
  // three thousand times: 15% of a CPU taken from the program.
  bool stalled = now - lastChange_ >= hangAfterNs_;
  WatchVerdict candidate;
  if (!stalled && !findCycle(listedThreads(), now, hangAfterNs_, candidate))
    return false;
  std::vector<Slot> alive = aliveThreads();
  // A cycle is a deadlock however busy the other threads are.
  if (findCycle(alive, now, hangAfterNs_, out))
    return toNumbers(out);
  if (!stalled || alive.empty())
    return false;
  std::vector<Slot> running;
  bool retrying = false, waiting = false;
  for (Slot t : alive) {
    switch (judge(t, now)) {
    case Judged::BetweenRetries:
      return false; // the next look sees it wait again
    case Judged::Retrying:
      retrying = true;
      break;
    case Judged::Waiting:
      waiting = true;
      break;
    case Judged::Running:
      running.push_back(t);
      break;
    case Judged::Blocked:
      break;
    }
  }
  // A retry loop may still give up by itself (three tries, then something
  // else): it is given as long as threads that may be lock-free code.
  if (retrying && now - lastChange_ < LivelockFactor * hangAfterNs_)
    return false;
  if (running.empty() && !waiting) {
    if (findCycle(alive, now, 0, out)) // nothing moved for hangAfter
      return toNumbers(out);
    // A stall says that no thread can move, which the watchdog cannot tell
    // of a thread or a process it does not see.
    if (unlistedThreadsAlive(alive, now))
      return false;
    out.kind = FindingKind::DeadlockStall;
    out.threads = alive;
    out.found = true;
    return toNumbers(out);
  }
  // A thread that runs without any recorded operation loops; one asleep
  // in a call tangle does not intercept (read, poll, sleep) waits for the
  // world outside, which is not a hang.
  Slot looping = NoThread;
  uint32_t loops = 0;
  for (Slot t : running) {
    if (!loopsOn(t))
      continue;
    ++loops;
    if (looping == NoThread)
      looping = t;
  }
  // A loop is a hang only while nothing else made progress, which the
  // watchdog cannot tell of a thread or a process it does not see -- nor,
  // at once, of a second thread that runs too: record mode records no
  // atomics and no plain memory, so lock-free code (broadcast's
  // publishers, each pushing 100,000 messages with compare-and-swap while
  // the subscribers poll for them) moves on without a recorded operation,
  // and the poller it was about to feed was reported as looping forever.
  // Two threads that spin on each other's flags for good (a livelock) are
  // a hang all the same: reported after LivelockFactor times as long.
  if (looping == NoThread || unlistedThreadsAlive(alive, now))
    return false;
  if (loops > 1 && now - lastChange_ < LivelockFactor * hangAfterNs_)
    return false;
  out.kind = FindingKind::ProgramHang;
  out.threads = {looping};
  out.loops = loops;
  out.found = true;
  return toNumbers(out);
}

bool Watchdog::endingProcess(Slot t) const {
  const rec::ThreadRecord &slot = region_.threads()[t];
  if (slot.currentChunk >= std::min(region_.header->chunksUsed.load(),
                                    region_.header->chunkCapacity))
    return false;
  const rec::Chunk &chunk = region_.chunks()[slot.currentChunk];
  uint32_t count = chunk.count.load(std::memory_order_acquire);
  auto number = numbers_.find(t);
  return number != numbers_.end() && chunk.thread == number->second &&
         count > 0 && count <= rec::ChunkEvents &&
         chunk.events[count - 1].op.kind == OpKind::ProcessExit;
}

Watchdog::Judged Watchdog::judge(Slot t, uint64_t now) const {
  const rec::ThreadRecord &slot = region_.threads()[t];
  // Its timeouts moved since anything else did: it only retries.
  bool timedOutSince = timedOutAt_[t] > lastChange_;
  if (slot.wait.waiting.load(std::memory_order_acquire)) {
    if (timedWait(slot.wait.op))
      return timedOutSince ? Judged::Retrying : Judged::Waiting;
    return blockedForGood(t) ? Judged::Blocked : Judged::Waiting;
  }
  if (timedOutSince && now - timedOutAt_[t] < hangAfterNs_)
    return Judged::BetweenRetries;
  return Judged::Running;
}

bool Watchdog::loopsOn(Slot t) {
  const rec::ThreadRecord &slot = region_.threads()[t];
  CpuSample &last = cpu_[numbers_[t]];
  uint64_t sleeps = 0;
  bool known = sleepsSoFar(slot, sleeps) && taskState(slot) == 'R';
  // Never asleep since the last look at it (50 ms at least), runnable now:
  // it only ran. A thread that wakes from a poll, a select or a sleep with
  // a timeout every millisecond to look again (an idle event loop) is
  // runnable at a look about as often as not on a loaded machine, and its
  // CPU time grows tick by tick, but it sleeps between its looks: it waits
  // for the world outside. One that just woke from a wait records its next
  // event before the next look.
  bool loops = known && last.sampled && sleeps == last.sleeps;
  last.sampled = known;
  last.sleeps = sleeps;
  return loops && !endingProcess(t);
}

bool Watchdog::blockedForGood(Slot t) const {
  const rec::ThreadRecord &slot = region_.threads()[t];
  const Operation &op = slot.wait.op;
  if (timedWait(op))
    return false;
  if (op.kind != OpKind::FutexResume)
    return true;
  return !(op.flags & FutexShared) || !inSharedMapping(slot.osPid, op.object);
}

std::vector<Watchdog::Slot> Watchdog::listedThreads() {
  std::vector<Slot> listed;
  numbers_.clear();
  for (Slot t = 0; t < region_.slotCount(); ++t) {
    const rec::ThreadRecord &slot = region_.threads()[t];
    // The number before and after: the state read is the same thread's.
    ThreadId number = slot.number.load(std::memory_order_acquire);
    if (number == NoThread ||
        slot.state.load(std::memory_order_acquire) !=
            uint32_t(rec::ThreadState::Alive) ||
        slot.osTid <= 0)
      continue;
    std::atomic_thread_fence(std::memory_order_acquire);
    if (slot.number.load(std::memory_order_relaxed) != number)
      continue;
    listed.push_back(t);
    numbers_[t] = number;
  }
  return listed;
}

bool Watchdog::toNumbers(WatchVerdict &out) const {
  // Every record the verdict rests on was read between the listing and
  // now: a slot that still holds the number it had then, alive, held the
  // same thread all along (a number is never handed out twice, and a slot
  // is unnumbered while free). Otherwise no verdict: the next look, 50 ms
  // on, reads the slots anew.
  std::atomic_thread_fence(std::memory_order_acquire);
  auto same = [&](Slot s) {
    auto n = numbers_.find(s);
    const rec::ThreadRecord &slot = region_.threads()[s];
    return n != numbers_.end() && slot.number.load() == n->second &&
           slot.state.load() == uint32_t(rec::ThreadState::Alive);
  };
  std::vector<ThreadId> threads;
  std::map<ThreadId, ThreadId> waitsOn;
  for (Slot s : out.threads) {
    if (!same(s))
      return out.found = false;
    threads.push_back(numbers_.at(s));
  }
  for (auto [from, to] : out.waitsOn) {
    if (!same(from) || !same(to))
      return out.found = false;
    waitsOn[numbers_.at(from)] = numbers_.at(to);
  }
  out.threads = threads;
  out.waitsOn = waitsOn;
  return true;
}

std::vector<Watchdog::Slot> Watchdog::aliveThreads() {
  std::vector<Slot> alive;
  for (Slot t : listedThreads()) {
    const rec::ThreadRecord &slot = region_.threads()[t];
    char state = taskState(slot);
    if (state == 0 || state == 'Z' || state == 'X')
      continue; // its process ended
    alive.push_back(t);
  }
  return alive;
}

bool Watchdog::unlistedThreadsAlive(const std::vector<Slot> &alive,
                                    uint64_t now) {
  // Asked only when a stall or a loop is in sight, and then at each look
  // while it stays so (a thread that computes for minutes beside a child
  // process): /proc is scanned once a second at most.
  if (unlistedCheckedAt_ && now - unlistedCheckedAt_ < 1000000000ull)
    return unlistedAlive_;
  unlistedCheckedAt_ = now;
  unlistedAlive_ = countUnlistedTasks(alive) > 0;
  return unlistedAlive_;
}

/// Live tasks of the program's processes that the region does not list
/// alive: threads past its numbers, a process that exec'd or was spawned
/// (it runs unrecorded), a thread a library started with clone.
size_t Watchdog::countUnlistedTasks(const std::vector<Slot> &alive) const {
  // The program's processes: its process group (the main process leads
  // it) and the processes of the threads listed (one that left the group).
  std::vector<pid_t> processes;
  for (Slot t : alive)
    if (!std::count(processes.begin(), processes.end(),
                    pid_t(region_.threads()[t].osPid)))
      processes.push_back(pid_t(region_.threads()[t].osPid));
  pid_t group = pid_t(region_.threads()[0].osPid);
  if (DIR *proc = opendir("/proc")) {
    while (dirent *entry = readdir(proc)) {
      char *end = nullptr;
      long pid = strtol(entry->d_name, &end, 10);
      if (pid <= 0 || *end ||
          std::count(processes.begin(), processes.end(), pid_t(pid)))
        continue;
      std::string stat =
          readSmallFile("/proc/" + std::string(entry->d_name) + "/stat");
      size_t paren = stat.rfind(')');
      int pgrp = 0;
      if (paren != std::string::npos &&
          sscanf(stat.c_str() + paren + 1, " %*c %*d %d", &pgrp) == 1 &&
          pgrp == group)
        processes.push_back(pid_t(pid));
    }
    closedir(proc);
  }
  // Their live tasks, against the threads the region lists.
  size_t tasks = 0;
  for (pid_t pid : processes) {
    std::string dir = "/proc/" + std::to_string(pid) + "/task";
    DIR *list = opendir(dir.c_str());
    if (!list)
      continue;
    while (dirent *entry = readdir(list)) {
      if (entry->d_name[0] == '.')
        continue;
      std::string stat = readSmallFile(dir + "/" + entry->d_name + "/stat");
      size_t paren = stat.rfind(')');
      if (paren != std::string::npos && paren + 2 < stat.size() &&
          stat[paren + 2] != 'Z' && stat[paren + 2] != 'X')
        ++tasks;
    }
    closedir(list);
  }
  return tasks > alive.size() ? tasks - alive.size() : 0;
}

/// The thread `t` waits on, if it waits for a lock someone holds or to
/// join a live thread.
std::vector<Watchdog::Slot>
Watchdog::holdersFor(Slot t, const std::vector<Slot> &alive) const {
  const rec::ThreadRecord &slot = region_.threads()[t];
  std::vector<Slot> result;
  const Operation &op = slot.wait.op;
  if (lockKind(op.kind)) {
    for (Slot u : alive) {
      const rec::ThreadRecord &other = region_.threads()[u];
      uint32_t n = std::min(other.heldCount, rec::MaxHeld);
      for (uint32_t i = 0; i < n; ++i)
        if (other.held[i].object == op.object)
          result.push_back(u);
    }
  } else if (op.kind == OpKind::ThreadJoin) {
    // The joined thread's number: its slot, when it is alive.
    for (Slot u : alive) {
      auto n = numbers_.find(u);
      if (n != numbers_.end() && n->second == ThreadId(op.object))
        result.push_back(u);
    }
  }
  return result;
}

/// A wait-for cycle among threads each waiting at least `minWait` ns.
bool Watchdog::findCycle(const std::vector<Slot> &alive, uint64_t now,
                         uint64_t minWait, WatchVerdict &out) const {
  std::map<Slot, std::vector<Slot>> edges;
  for (Slot t : alive) {
    const rec::ThreadRecord &slot = region_.threads()[t];
    // A timed wait ends by itself: no edge (a retry loop that cannot get
    // the lock is a stall, once it retried long enough: look).
    if (!slot.wait.waiting.load(std::memory_order_acquire) ||
        now - slot.wait.since < minWait || timedWait(slot.wait.op))
      continue;
    edges[t] = holdersFor(t, alive);
  }
  // Follow the first holder from each waiter until a thread repeats.
  for (auto &[start, _] : edges) {
    std::vector<Slot> path;
    Slot t = start;
    while (edges.count(t) && !edges[t].empty() &&
           std::find(path.begin(), path.end(), t) == path.end()) {
      path.push_back(t);
      t = edges[t].front();
    }
    auto at = std::find(path.begin(), path.end(), t);
    if (at == path.end())
      continue;
    std::vector<Slot> cycle(at, path.end());
    bool locksOnly = true;
    for (Slot u : cycle)
      locksOnly &= lockKind(region_.threads()[u].wait.op.kind);
    out.kind = cycle.size() == 1 ? FindingKind::LockSelfDeadlock
                                 : FindingKind::DeadlockCycle;
    if (!locksOnly)
      out.kind = FindingKind::DeadlockCycle; // a join in the cycle
    out.threads = cycle;
    for (size_t i = 0; i < cycle.size(); ++i)
      out.waitsOn[cycle[i]] = cycle[(i + 1) % cycle.size()];
    out.found = true;
    return true;
  }
  return false;
}

WatchOutcome watchProgram(const Region &region, pid_t pid, double hangAfter,
                          const std::atomic<int> &interrupt) {
  WatchOutcome outcome;
  outcome.pid = pid;
  Watchdog watchdog(region, hangAfter);
  // The program's end wakes tangle at once (a pidfd is readable when the
  // process exited), not at the next look of the watchdog.
  int pidfd = int(syscall(SYS_pidfd_open, pid, 0));
  for (;;) {
    tellCoarseTime(region);
    pid_t got = waitpid(pid, &outcome.status, WNOHANG);
    if (got == pid) {
      outcome.reaped = true;
      break;
    }
    if (int signal = interrupt.load()) {
      outcome.interruptSignal = signal;
      break;
    }
    if (watchdog.look(outcome.decided)) {
      // A wait-for verdict is read again from the region to be explained:
      // stopped, the program keeps the state the watchdog saw (a thread
      // that retries a timed wait would time out and wait again
      // meanwhile). A loop is sampled first, while it runs.
      if (outcome.decided.kind != FindingKind::ProgramHang) {
        kill(-pid, SIGSTOP);
        kill(pid, SIGSTOP);
      }
      break;
    }
    if (pidfd >= 0) {
      pollfd exited = {pidfd, POLLIN, 0};
      poll(&exited, 1, 50);
    } else {
      usleep(50 * 1000);
    }
  }
  if (pidfd >= 0)
    close(pidfd);
  return outcome;
}

/// Kills every process of the program and reaps the first.
void endProgram(pid_t pid, bool &reaped, int &status) {
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
  if (!reaped) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    reaped = true;
  }
}

// "1 fd started pid reaped status signal found kind t,t,.. a>b,a>b,.."
// (empty lists as "-").
std::string encodeHandoff(const RunHandoff &h) {
  const WatchOutcome &o = h.outcome;
  std::string threads, waits;
  for (ThreadId t : o.decided.threads)
    threads += (threads.empty() ? "" : ",") + std::to_string(t);
  for (auto [from, to] : o.decided.waitsOn)
    waits += (waits.empty() ? "" : ",") + std::to_string(from) + ">" +
             std::to_string(to);
  std::ostringstream out;
  out << "1 " << h.regionFd << " " << h.startedNs << " " << o.pid << " "
      << int(o.reaped) << " " << o.status << " " << o.interruptSignal << " "
      << int(o.decided.found) << " " << unsigned(o.decided.kind) << " "
      << (threads.empty() ? "-" : threads) << " "
      << (waits.empty() ? "-" : waits);
  return out.str();
}

bool decodeHandoff(const std::string &text, RunHandoff &h) {
  std::istringstream in(text);
  int version = 0, reaped = 0, found = 0;
  unsigned kind = 0;
  std::string threads, waits;
  WatchOutcome &o = h.outcome;
  if (!(in >> version >> h.regionFd >> h.startedNs >> o.pid >> reaped >>
        o.status >> o.interruptSignal >> found >> kind >> threads >> waits) ||
      version != 1 || h.regionFd < 0 || o.pid <= 0 ||
      kind >= allFindingKinds().size())
    return false;
  o.reaped = reaped != 0;
  o.decided.found = found != 0;
  o.decided.kind = FindingKind(kind);
  auto number = [](const std::string &word, ThreadId &out) {
    char *end = nullptr;
    unsigned long value = strtoul(word.c_str(), &end, 10);
    out = ThreadId(value);
    return !word.empty() && end && *end == 0;
  };
  std::istringstream list(threads == "-" ? "" : threads);
  for (std::string word; std::getline(list, word, ',');) {
    ThreadId t;
    if (!number(word, t))
      return false;
    o.decided.threads.push_back(t);
  }
  std::istringstream pairs(waits == "-" ? "" : waits);
  for (std::string word; std::getline(pairs, word, ',');) {
    size_t arrow = word.find('>');
    ThreadId from, to;
    if (arrow == std::string::npos || !number(word.substr(0, arrow), from) ||
        !number(word.substr(arrow + 1), to))
      return false;
    o.decided.waitsOn[from] = to;
  }
  return true;
}

} // namespace tangle
