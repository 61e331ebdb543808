// The image of a process tangle did not start (attach_image.h): ptrace for a
// live one, the ELF notes and segments of a core file for a dead one.
#include "cli/attach_image.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/procfs.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace tangle {

namespace {

std::string readText(const std::string &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The state letter of /proc/.../stat ('R', 'S', 'Z'...), or 0.
char procState(const std::string &statPath) {
  std::string stat = readText(statPath);
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size())
    return 0;
  return stat[paren + 2];
}

std::vector<pid_t> taskIds(pid_t pid) {
  std::vector<pid_t> tids;
  std::string dir = "/proc/" + std::to_string(pid) + "/task";
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *entry = readdir(d))
      if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9')
        tids.push_back(pid_t(atoi(entry->d_name)));
    closedir(d);
  }
  std::sort(tids.begin(), tids.end());
  return tids;
}

/// The main thread first, then the others by thread id (creation order,
/// unless ids wrapped around).
void orderThreads(std::vector<ImageThread> &threads, pid_t pid) {
  std::stable_sort(threads.begin(), threads.end(),
                   [pid](const ImageThread &a, const ImageThread &b) {
                     if ((a.tid == pid) != (b.tid == pid))
                       return a.tid == pid;
                     return a.tid < b.tid;
                   });
}

/// One file's mappings: the offset-0 mapping's start and the end of the
/// last.
struct MappedFile {
  uint64_t begin = UINT64_MAX, end = 0;
  bool offsetZeroSeen = false;
};

void addModules(const std::map<std::string, MappedFile> &files,
                const std::string &executable, ProcessImage &image) {
  std::vector<LoadedModule> modules;
  for (const auto &[path, file] : files) {
    if (!file.offsetZeroSeen)
      continue;
    LoadedModule module;
    if (!describeModule(path, file.begin, file.end, module, image.code))
      continue;
    if (path == executable)
      modules.insert(modules.begin(), module);
    else
      modules.push_back(module);
  }
  image.modules = std::move(modules);
}

std::string ptraceRefusal(pid_t pid) {
  std::string scope = readText("/proc/sys/kernel/yama/ptrace_scope");
  std::string text = "cannot attach to process " + std::to_string(pid) +
                     ": ptrace was refused (not a process of yours, or you "
                     "lack CAP_SYS_PTRACE";
  if (!scope.empty() && scope[0] != '0')
    text += "; /proc/sys/kernel/yama/ptrace_scope is " +
            std::string(1, scope[0]) +
            ", which allows attaching to descendants only: run tangle as "
            "root or set it to 0";
  return text + ")";
}

} // namespace

bool ProcessImage::isCode(uint64_t address) const {
  for (const ExecutableRange &range : code)
    if (address >= range.begin && address < range.end)
      return true;
  return false;
}

bool ProcessImage::followsCall(uint64_t returnAddress) const {
  uint8_t b[8];
  if (returnAddress < 8 || !isCode(returnAddress - 8) ||
      !read(returnAddress - 8, b, sizeof b))
    return false;
  if (b[8 - 5] == 0xE8) // call rel32
    return true;
  // call r/m64: FF /2, with or without a REX prefix, ModRM, SIB and
  // displacement: 2 to 7 bytes.
  for (int k = 2; k <= 7; ++k)
    if (b[8 - k] == 0xFF && ((b[8 - k + 1] >> 3) & 7) == 2)
      return true;
  return false;
}

bool describeModule(const std::string &path, uint64_t mapStart, uint64_t mapEnd,
                    LoadedModule &module, std::vector<ExecutableRange> &code) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  Elf64_Ehdr eh;
  bool ok = pread(fd, &eh, sizeof eh, 0) == ssize_t(sizeof eh) &&
            memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
            eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_phnum < 256 &&
            eh.e_phentsize == sizeof(Elf64_Phdr);
  std::vector<Elf64_Phdr> phdrs(ok ? eh.e_phnum : 0);
  ok = ok &&
       pread(fd, phdrs.data(), phdrs.size() * sizeof(Elf64_Phdr),
             off_t(eh.e_phoff)) == ssize_t(phdrs.size() * sizeof(Elf64_Phdr));
  close(fd);
  if (!ok)
    return false;
  const Elf64_Phdr *first = nullptr;
  for (const Elf64_Phdr &ph : phdrs)
    if (ph.p_type == PT_LOAD && !first)
      first = &ph;
  if (!first)
    return false;
  uint64_t page = 4096;
  module.path = path;
  module.loadBias = mapStart - (first->p_vaddr & ~(page - 1));
  module.begin = mapStart;
  module.end = mapEnd;
  for (const Elf64_Phdr &ph : phdrs)
    if (ph.p_type == PT_LOAD && (ph.p_flags & PF_X))
      code.push_back({module.loadBias + ph.p_vaddr,
                      module.loadBias + ph.p_vaddr + ph.p_memsz});
  return true;
}

// ---- a live process -------------------------------------------------------

SeizedProcess::~SeizedProcess() { detach(); }

void SeizedProcess::detach() {
  for (const Stopped &s : stopped_)
    ptrace(PTRACE_DETACH, s.tid, nullptr,
           reinterpret_cast<void *>(intptr_t(s.pendingSignal)));
  stopped_.clear();
  if (memFd_ >= 0)
    close(memFd_);
  memFd_ = -1;
}

bool SeizedProcess::read(uint64_t address, void *buffer, size_t size) const {
  return memFd_ >= 0 &&
         pread(memFd_, buffer, size, off_t(address)) == ssize_t(size);
}

std::vector<pid_t> SeizedProcess::liveChildren() const {
  std::vector<pid_t> children;
  DIR *d = opendir("/proc");
  if (!d)
    return children;
  while (dirent *entry = readdir(d)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
      continue;
    std::string stat =
        readText(std::string("/proc/") + entry->d_name + "/stat");
    size_t paren = stat.rfind(')');
    char state = 0;
    int parent = 0;
    if (paren == std::string::npos ||
        sscanf(stat.c_str() + paren + 1, " %c %d", &state, &parent) != 2)
      continue;
    if (parent == pid && state != 'Z' && state != 'X')
      children.push_back(pid_t(atoi(entry->d_name)));
  }
  closedir(d);
  return children;
}

std::unique_ptr<SeizedProcess> SeizedProcess::seize(pid_t pid,
                                                    std::string &error) {
  std::string dir = "/proc/" + std::to_string(pid);
  struct stat st;
  if (pid <= 0 || stat(dir.c_str(), &st) != 0) {
    error = "no process " + std::to_string(pid);
    return nullptr;
  }
  char state = procState(dir + "/stat");
  if (state == 'Z' || state == 'X') {
    error = "process " + std::to_string(pid) +
            " is a zombie: it has ended, and only waits for its parent to "
            "reap it";
    return nullptr;
  }
  // A process under a debugger cannot be traced twice.
  std::istringstream status(readText(dir + "/status"));
  for (std::string line; std::getline(status, line);)
    if (line.rfind("TracerPid:", 0) == 0 && atoi(line.c_str() + 10) != 0) {
      error = "process " + std::to_string(pid) + " is already traced by " +
              "process " + std::to_string(atoi(line.c_str() + 10)) +
              " (a debugger): detach it first";
      return nullptr;
    }
  if (pid == getpid() || pid == getppid()) {
    error = "process " + std::to_string(pid) + " is tangle or its caller";
    return nullptr;
  }
  auto image = std::make_unique<SeizedProcess>();
  image->pid = pid;
  image->origin = "process " + std::to_string(pid);
  std::map<pid_t, char> stateBefore;
  // Threads may start while the first ones stop: list again until every
  // listed thread is stopped.
  std::set<pid_t> seen;
  for (bool more = true; more;) {
    more = false;
    for (pid_t tid : taskIds(pid)) {
      if (seen.count(tid))
        continue;
      seen.insert(tid);
      more = true;
      stateBefore[tid] =
          procState(dir + "/task/" + std::to_string(tid) + "/stat");
      if (ptrace(PTRACE_SEIZE, tid, nullptr, nullptr) != 0) {
        if (errno == ESRCH)
          continue; // it ended meanwhile
        error = errno == EPERM
                    ? ptraceRefusal(pid)
                    : "cannot attach to process " + std::to_string(pid) + ": " +
                          strerror(errno);
        return nullptr; // the destructor detaches those already stopped
      }
      image->stopped_.push_back({tid, 0});
      ptrace(PTRACE_INTERRUPT, tid, nullptr, nullptr);
      // A thread in uninterruptible sleep stops when it leaves it: wait a
      // bounded time.
      int status = 0;
      auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(5);
      pid_t got = 0;
      while ((got = waitpid(tid, &status, __WALL | WNOHANG)) == 0 &&
             std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      if (got == 0) {
        error = "cannot stop thread " + std::to_string(tid) + " of process " +
                std::to_string(pid) +
                " within 5 s (it is in an uninterruptible sleep)";
        return nullptr;
      }
      if (got < 0 || !WIFSTOPPED(status)) { // it ended meanwhile
        image->stopped_.pop_back();
        continue;
      }
      // A signal that reached it first is delivered again at detach.
      if ((status >> 16) != PTRACE_EVENT_STOP)
        image->stopped_.back().pendingSignal = WSTOPSIG(status);
    }
  }
  for (const Stopped &s : image->stopped_) {
    ImageThread thread;
    thread.tid = s.tid;
    thread.state = stateBefore[s.tid];
    if (ptrace(PTRACE_GETREGS, s.tid, nullptr, &thread.regs) != 0) {
      error = "cannot read the registers of thread " + std::to_string(s.tid) +
              ": " + strerror(errno);
      return nullptr;
    }
    image->threads.push_back(thread);
  }
  if (image->threads.empty()) {
    error = "process " + std::to_string(pid) + " ended before tangle saw it";
    return nullptr;
  }
  orderThreads(image->threads, pid);
  image->memFd_ = open((dir + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
  if (image->memFd_ < 0) {
    error = "cannot read the memory of process " + std::to_string(pid) + ": " +
            strerror(errno);
    return nullptr;
  }
  readLiveModules(pid, *image);
  return image;
}

void readLiveModules(pid_t pid, ProcessImage &image) {
  std::string dir = "/proc/" + std::to_string(pid);
  char exe[4096];
  ssize_t n = readlink((dir + "/exe").c_str(), exe, sizeof exe - 1);
  std::string executable = n > 0 ? std::string(exe, size_t(n)) : "";
  std::map<std::string, MappedFile> files;
  std::istringstream maps(readText(dir + "/maps"));
  for (std::string line; std::getline(maps, line);) {
    unsigned long long begin, end, offset;
    char perms[8];
    int pathAt = 0;
    if (sscanf(line.c_str(), "%llx-%llx %7s %llx %*s %*s %n", &begin, &end,
               perms, &offset, &pathAt) < 4 ||
        pathAt <= 0 || size_t(pathAt) >= line.size() || line[pathAt] != '/')
      continue;
    MappedFile &file = files[line.substr(size_t(pathAt))];
    if (offset == 0 && !file.offsetZeroSeen) {
      file.offsetZeroSeen = true;
      file.begin = begin;
    }
    file.end = std::max<uint64_t>(file.end, end);
  }
  addModules(files, executable, image);
}

// ---- a core file ----------------------------------------------------------

bool CoreImage::read(uint64_t address, void *buffer, size_t size) const {
  // Piece by piece: a range may span segments (code and read-only data).
  auto *out = static_cast<char *>(buffer);
  while (size > 0) {
    size_t piece = 0;
    for (const Segment &s : segments_)
      if (address >= s.address && address < s.address + s.fileSize) {
        piece = std::min<uint64_t>(size, s.address + s.fileSize - address);
        memcpy(out, bytes_.data() + s.fileOffset + (address - s.address),
               piece);
        break;
      }
    // Code the core left out: it is the same as in the file.
    for (size_t i = 0; !piece && i < files_.size(); ++i) {
      const FileMapping &f = files_[i];
      if (address < f.begin || address >= f.end)
        continue;
      size_t want = std::min<uint64_t>(size, f.end - address);
      int fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0)
        return false;
      bool ok = pread(fd, out, want, off_t(f.offset + address - f.begin)) ==
                ssize_t(want);
      close(fd);
      if (!ok)
        return false;
      piece = want;
    }
    if (!piece)
      return false;
    out += piece;
    address += piece;
    size -= piece;
  }
  return true;
}

std::unique_ptr<CoreImage> CoreImage::open(const std::string &corePath,
                                           const std::string &binaryPath,
                                           std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(corePath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error = "cannot read " + corePath + ": " + buffer.getError().message();
    return nullptr;
  }
  if (access(binaryPath.c_str(), R_OK) != 0) {
    error = "cannot read " + binaryPath + ": " + strerror(errno);
    return nullptr;
  }
  auto image = std::make_unique<CoreImage>();
  image->bytes_ = (*buffer)->getBuffer().str();
  const std::string &bytes = image->bytes_;
  auto corrupt = [&](const std::string &what) {
    error = corePath + " is not a readable core file: " + what;
    return nullptr;
  };
  auto within = [&](uint64_t offset, uint64_t size) {
    return offset <= bytes.size() && size <= bytes.size() - offset;
  };
  Elf64_Ehdr eh;
  if (!within(0, sizeof eh))
    return corrupt("too short for an ELF header");
  memcpy(&eh, bytes.data(), sizeof eh);
  if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
    return corrupt("no ELF header");
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64)
    return corrupt("not an x86-64 file");
  if (eh.e_type != ET_CORE)
    return corrupt("an ELF file, but not a core dump");
  if (eh.e_phentsize != sizeof(Elf64_Phdr) ||
      !within(eh.e_phoff, uint64_t(eh.e_phnum) * sizeof(Elf64_Phdr)))
    return corrupt("its program headers lie outside the file");
  std::string executableInCore;
  std::map<std::string, MappedFile> files;
  std::string binaryName = binaryPath.substr(binaryPath.rfind('/') + 1);
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    memcpy(&ph, bytes.data() + eh.e_phoff + i * sizeof ph, sizeof ph);
    if (ph.p_type == PT_LOAD) {
      if (!within(ph.p_offset, ph.p_filesz))
        return corrupt("a memory segment lies outside the file (truncated?)");
      image->segments_.push_back(
          {ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz});
      continue;
    }
    if (ph.p_type != PT_NOTE)
      continue;
    if (!within(ph.p_offset, ph.p_filesz))
      return corrupt("its notes lie outside the file (truncated?)");
    uint64_t at = ph.p_offset, end = ph.p_offset + ph.p_filesz;
    while (at + sizeof(Elf64_Nhdr) <= end) {
      Elf64_Nhdr nh;
      memcpy(&nh, bytes.data() + at, sizeof nh);
      uint64_t nameAt = at + sizeof nh;
      uint64_t descAt = nameAt + ((uint64_t(nh.n_namesz) + 3) & ~3ull);
      uint64_t next = descAt + ((uint64_t(nh.n_descsz) + 3) & ~3ull);
      if (next > end)
        return corrupt("a note runs past its segment");
      const char *desc = bytes.data() + descAt;
      if (nh.n_type == NT_PRSTATUS && nh.n_descsz >= sizeof(elf_prstatus)) {
        elf_prstatus status;
        memcpy(&status, desc, sizeof status);
        ImageThread thread;
        thread.tid = status.pr_pid;
        static_assert(sizeof(status.pr_reg) == sizeof(user_regs_struct));
        memcpy(&thread.regs, &status.pr_reg, sizeof thread.regs);
        image->threads.push_back(thread);
      } else if (nh.n_type == NT_PRPSINFO &&
                 nh.n_descsz >= sizeof(elf_prpsinfo)) {
        elf_prpsinfo info;
        memcpy(&info, desc, sizeof info);
        image->pid = info.pr_pid;
      } else if (nh.n_type == NT_FILE && nh.n_descsz >= 16) {
        uint64_t count, pageSize;
        memcpy(&count, desc, 8);
        memcpy(&pageSize, desc + 8, 8);
        if (count > nh.n_descsz / 24)
          return corrupt("its file table is inconsistent");
        const char *names = desc + 16 + count * 24;
        const char *namesEnd = desc + nh.n_descsz;
        for (uint64_t k = 0; k < count; ++k) {
          uint64_t triple[3];
          memcpy(triple, desc + 16 + k * 24, sizeof triple);
          const char *nul =
              static_cast<const char *>(memchr(names, 0, namesEnd - names));
          if (!nul)
            return corrupt("its file table is inconsistent");
          std::string path(names, nul);
          names = nul + 1;
          // The executable is wherever the user keeps it now.
          if (path.substr(path.rfind('/') + 1) == binaryName) {
            executableInCore = path;
            path = binaryPath;
          }
          image->files_.push_back(
              {triple[0], triple[1], triple[2] * pageSize, path});
          MappedFile &file = files[path];
          if (triple[2] == 0 && !file.offsetZeroSeen) {
            file.offsetZeroSeen = true;
            file.begin = triple[0];
          }
          file.end = std::max(file.end, triple[1]);
        }
      }
      at = next;
    }
  }
  if (image->threads.empty())
    return corrupt("no thread in it (no NT_PRSTATUS note)");
  if (files.empty())
    return corrupt("no mapped files in it (no NT_FILE note)");
  if (executableInCore.empty()) {
    error = corePath + " does not map " + binaryName +
            ": give the executable the core was dumped from";
    return nullptr;
  }
  if (!image->pid)
    image->pid = image->threads.front().tid;
  orderThreads(image->threads, image->pid);
  image->origin = corePath;
  addModules(files, binaryPath, *image);
  return image;
}

} // namespace tangle
