// The modules loaded in the process (dl_iterate_phdr), written into a
// shared region for symbolisation: the fork server's and record mode's.
#include "runtime/modules.h"

#include <cstring>
#include <link.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

struct ModuleList {
  shm::ModuleRecord *modules;
  uint32_t moduleCount;
};

int moduleCallback(dl_phdr_info *info, size_t, void *data) {
  auto *h = static_cast<ModuleList *>(data);
  if (h->moduleCount >= shm::MaxModules)
    return 1;
  shm::ModuleRecord &m = h->modules[h->moduleCount];
  uint64_t begin = UINT64_MAX, end = 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD)
      continue;
    uint64_t b = info->dlpi_addr + ph.p_vaddr;
    begin = b < begin ? b : begin;
    end = b + ph.p_memsz > end ? b + ph.p_memsz : end;
  }
  if (end == 0)
    return 0;
  m.loadBias = info->dlpi_addr;
  m.begin = begin;
  m.end = end;
  m.path[0] = 0;
  if (h->moduleCount == 0) { // the executable: dl_iterate_phdr names it ""
    ssize_t n = readlink("/proc/self/exe", m.path, sizeof(m.path) - 1);
    m.path[n > 0 ? n : 0] = 0;
  } else if (info->dlpi_name) {
    strncpy(m.path, info->dlpi_name, sizeof(m.path) - 1);
    m.path[sizeof(m.path) - 1] = 0;
  }
  ++h->moduleCount;
  return 0;
}

} // namespace

void listModules(shm::ModuleRecord *modules, uint32_t &count) {
  ModuleList list = {modules, 0};
  dl_iterate_phdr(moduleCallback, &list);
  count = list.moduleCount;
}

} // namespace tangle::rt
