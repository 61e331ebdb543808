// Lazy resolution of the real functions behind the interceptors.
#include "runtime/real_functions.h"

#include <dlfcn.h>

namespace tangle::rt {

namespace real {
#define TANGLE_DEFINE_REAL(name, type) type name = nullptr;
TANGLE_REAL_FUNCTIONS(TANGLE_DEFINE_REAL)
#undef TANGLE_DEFINE_REAL
} // namespace real

namespace {
__thread bool t_resolving = false;
}

void *resolveReal(const char *name) {
  if (t_resolving)
    return nullptr;
  t_resolving = true;
  void *f = dlsym(RTLD_NEXT, name);
  t_resolving = false;
  return f;
}

void resolveAllReal() {
#define TANGLE_RESOLVE_REAL(name, type) (void)REAL(name);
  TANGLE_REAL_FUNCTIONS(TANGLE_RESOLVE_REAL)
#undef TANGLE_RESOLVE_REAL
}

} // namespace tangle::rt
