// A snapshot of the process's private memory, and its rewind: the memory
// part of a worker that runs many executions in one process instead of a
// fork each (docs/runtime.md, "The snapshot and its rewind").
//
// take() records, like setjmp, the calling thread's registers and signal
// mask, then the process's private mappings (their ranges, protections and
// the file behind each), the break, and the bytes of every page present at
// that moment in the private mappings with contents (writable ones, and
// readable anonymous ones). rewind() puts all of that back and returns
// into take() a second time. Other threads are not stopped: they must be
// blocked in the kernel (a futex on excluded memory) both when take()
// records and when rewind() restores, at the same point of their code, so
// that their stacks and thread-local blocks, put back, match their
// registers in the kernel.
//
// No malloc, no C++ runtime allocation, system calls made directly (the
// runtime's file interceptors do not see /proc being read): the module's
// store is mmap'd by itself and excluded from the snapshot. x86-64 only.
#pragma once

#include <cstdint>

namespace tangle::rt::snapshot {

struct Range {
  uintptr_t begin, end;
};

/// Memory that take() does not record and rewind() neither restores nor
/// unmaps nor re-creates: the runtime's own stacks and shared regions, the
/// pooled threads' park stacks, a worker's bookkeeping. Rounded out to
/// whole pages. Can be called before or after take(); ranges added after
/// take() are left alone from the next rewind() on. Holds 256 ranges;
/// returns false when the table is full, and the range is then recorded and
/// restored like any other memory.
bool exclude(Range r);

/// Records the snapshot and returns 0; each later rewind() returns here
/// again with 1 (the stack of take()'s caller as it was: its locals have
/// their recorded values). Returns -1 if it cannot record (more than 1024
/// mappings or 8192 runs of present pages, no memory for the copies;
/// lastError() says which); a snapshot taken earlier is then gone. A
/// second take() replaces the first. Opens two descriptors for the rewinds
/// and keeps them (releaseDescriptors, below).
[[gnu::returns_twice, gnu::noinline]] int take();

/// On the thread that called take(), from any depth or from a signal
/// handler running on that thread: switches to a stack of the module's own
/// and puts memory back as it was at take():
/// - the pages present then get their recorded bytes (compared first,
///   copied only where they differ); pages made present since in the
///   recorded mappings are zeroed, still mapped;
/// - mappings made since are unmapped (not main's [stack], which the kernel
///   grows: its pages below the recorded ones are left as they are); those
///   unmapped or replaced since are mapped again (anonymous, private) with
///   their recorded bytes; protections changed since are set back, and the
///   pages of a PROT_NONE reservation opened since are discarded;
/// - the break is set back.
/// Then take() returns 1 with the recorded signal mask; rewind() does not
/// return. Pages of an anonymous PROT_NONE mapping are never read.
///
/// It returns, having changed nothing, when it cannot put memory back:
/// no snapshot; a shared mapping made, unmapped or replaced since; a
/// read-only file mapping (code) unmapped, replaced or made writable since;
/// the break cannot be set back; too many mappings. lastError() says which;
/// the process should then be abandoned. If a system call fails midway
/// (out of memory), it returns with memory half restored, and lastError()
/// says so: the process must end.
void rewind();

/// take() keeps /proc/self/maps and /proc/self/pagemap open for the
/// rewinds, at the top of the descriptors the process may have (below
/// RLIMIT_NOFILE and 1024), out of the way of the program's own, numbered
/// from the lowest free. This closes them, for a process that will not
/// rewind (a tainted reuse worker): the program then has every descriptor
/// below its limit, as in a process of its own. A later rewind() opens the
/// files each time.
void releaseDescriptors();

/// Counts from now on the calls of this process that can change its
/// mappings (mmap, munmap, mprotect, brk, mremap, madvise, shmat, ... : a
/// tracepoint counter of the system calls' entries, filtered by number,
/// inherited by every thread made after), so that a rewind after an
/// execution that made none reuses the mappings the last rewind saw instead
/// of reading /proc/self/maps (17 us of a 50 us rewind on this kind of VM);
/// and, if the process took no page fault either (getrusage), the pages
/// present the last rewind found instead of asking the kernel again.
/// Call it while the process has one thread: threads made before are not
/// counted. False when the kernel does not allow it (perf_event_paranoid
/// for a user without CAP_PERFMON, a container, no tracefs): every rewind
/// then reads the mappings. Its descriptor is kept below take()'s two, and
/// released with them.
bool watchMappingCalls();

/// Opens take()'s two descriptors now (take() then keeps them), for a
/// process that will have threads by the time it takes its snapshot: the
/// first descriptor numbered near the top grows the process's table of
/// descriptors, and while another thread shares the table the kernel waits
/// for an RCU grace period to free the old one (10-30 ms on this kind of
/// VM: every `tangle check` paid it once, most of a 31-execution run).
/// Call it while the process has one thread.
void keepDescriptors();

/// Why take() or rewind() last failed ("" if they did not).
const char *lastError();

/// Counts of one rewind(), or summed over all since the first take().
struct Stats {
  uint64_t rewinds;
  uint64_t pagesCompared;      // present then and now: read in both
  uint64_t pagesCopied;        // written back (differed, or absent now)
  uint64_t pagesZeroed;        // absent then, present now, not zero
  uint64_t mappingsUnmapped;   // made since
  uint64_t mappingsRecreated;  // unmapped or replaced since
  uint64_t protectionsReset;   // ranges whose protection had changed
  uint64_t mapsReads;          // readings of /proc/self/maps
  uint64_t mapsKept;           // not read: no mapping call since (below)
  uint64_t mapsNanoseconds;    // time spent reading and parsing it
  uint64_t pageScans;          // PAGEMAP_SCAN ioctls (mincore calls)
  uint64_t scansKept;          // none: no fault, no mapping call since
  uint64_t scanNanoseconds;    // finding the pages present
  uint64_t contentsNanoseconds; // comparing, copying and zeroing pages
  uint64_t nanoseconds;        // time in rewind(), up to the jump back
};

/// What take() recorded: mappings and pages copied.
struct Recorded {
  uint32_t mappings;
  uint64_t pages;
};

Stats lastRewind();
Stats allRewinds();
Recorded recorded();

/// Copy every recorded page back without comparing it first (false, the
/// default, compares). For the benchmark: writing a page shared
/// copy-on-write with a parent costs a fault even if its bytes are equal.
void setCopyWithoutCompare(bool on);

/// Find the pages present with mincore, a byte per page of the recorded
/// mappings, as on kernels before 6.7 (which lack the PAGEMAP_SCAN ioctl,
/// one call for runs of present pages; mincore is then used anyway). For
/// the tests and the benchmark.
void setPresenceByMincore(bool on);

} // namespace tangle::rt::snapshot
