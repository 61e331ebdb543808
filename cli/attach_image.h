// The image of a process that tangle did not start: its threads' registers,
// its mapped modules and a reader of its memory, taken either from the live
// process, stopped with ptrace for the time of the look and left exactly as
// it was, or from an ELF core file (gcore) post mortem.
#pragma once

#include "cli/live_program.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>
#include <sys/user.h>
#include <vector>

namespace tangle {

/// One thread as it was stopped.
struct ImageThread {
  pid_t tid = 0;
  /// The scheduler state from /proc ('R', 'S', 'D'...); 0 for a core file.
  char state = 0;
  user_regs_struct regs{};
  /// The system call it is in (orig_rax), or -1 when it runs user code.
  long syscall() const { return long(regs.orig_rax); }
};

/// A range of executable code, for telling return addresses from data.
struct ExecutableRange {
  uint64_t begin = 0, end = 0;
};

class ProcessImage {
public:
  virtual ~ProcessImage() = default;
  /// Reads `size` bytes at `address`; false when they are not there.
  virtual bool read(uint64_t address, void *buffer, size_t size) const = 0;
  template <typename T> bool readValue(uint64_t address, T &value) const {
    return read(address, &value, sizeof value);
  }

  pid_t pid = 0;
  std::vector<ImageThread> threads;  // the main thread (tid == pid) first
  std::vector<LoadedModule> modules; // the executable first
  std::vector<ExecutableRange> code;
  /// Where the image came from, for the report: "process 1234", "core.1234".
  std::string origin;

  bool isCode(uint64_t address) const;
  /// Whether `returnAddress` follows a call instruction (a word on the
  /// stack that points into code may be any pointer to a function).
  bool followsCall(uint64_t returnAddress) const;
};

/// A live process stopped with PTRACE_SEIZE + PTRACE_INTERRUPT (no signal
/// sent); the destructor detaches every thread, delivering nothing but a
/// signal that arrived while it was stopped.
class SeizedProcess : public ProcessImage {
public:
  ~SeizedProcess() override;
  bool read(uint64_t address, void *buffer, size_t size) const override;

  /// Stops every thread of `pid` and reads its registers and modules; on
  /// failure, one line in `error` and nothing is left stopped.
  static std::unique_ptr<SeizedProcess> seize(pid_t pid, std::string &error);

  /// Resumes every thread as it was; the destructor calls it too.
  void detach();

  /// The process's children that have not ended (for a thread in waitpid).
  std::vector<pid_t> liveChildren() const;

private:
  struct Stopped {
    pid_t tid;
    int pendingSignal; // a signal that stopped it first, to deliver again
  };
  std::vector<Stopped> stopped_;
  int memFd_ = -1;
};

/// A core file with the executable it came from: NT_PRSTATUS for each
/// thread, NT_FILE for the mapped files, PT_LOAD for the memory.
class CoreImage : public ProcessImage {
public:
  bool read(uint64_t address, void *buffer, size_t size) const override;

  /// Reads `corePath`; `binaryPath` stands for the executable it names.
  static std::unique_ptr<CoreImage> open(const std::string &corePath,
                                         const std::string &binaryPath,
                                         std::string &error);

private:
  struct Segment {
    uint64_t address, size, fileOffset, fileSize;
  };
  std::string bytes_;
  std::vector<Segment> segments_;
  /// Files mapped read-only and left out of the core: read from the file.
  struct FileMapping {
    uint64_t begin, end, offset;
    std::string path;
  };
  std::vector<FileMapping> files_;
};

/// The modules and code ranges of live process `pid`, from
/// /proc/PID/maps (tangle reads them before stopping the process too, to
/// load their debug info while it runs).
void readLiveModules(pid_t pid, ProcessImage &image);

/// The load bias and code ranges of the ELF file `path` mapped with its
/// offset-0 page at `mapStart`; false when it is not an ELF file.
bool describeModule(const std::string &path, uint64_t mapStart, uint64_t mapEnd,
                    LoadedModule &module, std::vector<ExecutableRange> &code);

} // namespace tangle
