# lit configuration for tangle's end-to-end testcases: each file is a program
# with RUN: lines that drive tangle and CHECK: lines that pin its output.
import os
import lit.formats

config.name = "tangle"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tangle_bin_dir, "..", "testcases")
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in", "CMakeLists.txt"]

config.substitutions.append(("%tangle-lint", os.path.join(config.tangle_bin_dir, "tangle-lint")))
config.substitutions.append(("%tangle", os.path.join(config.tangle_bin_dir, "tangle")))
config.substitutions.append(("%rtlib", os.path.join(config.tangle_lib_dir, "libtangle_rt.so")))
config.substitutions.append(("%lintplugin", os.path.join(config.tangle_lib_dir, "libTangleLint.so")))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("FileCheck", config.filecheck))
config.substitutions.append(("%srcroot", config.tangle_source_dir))

# Keep the environment small and predictable.
config.environment["LC_ALL"] = "C"
# The whole suite with or without the reuse worker, or with fibers
# (docs/runtime.md, "The reuse worker", "Fibers").
for name in ("TANGLE_REUSE_PROCESS", "TANGLE_FIBERS"):
    if os.environ.get(name):
        config.environment[name] = os.environ[name]

# Features of this machine that some testcases need (REQUIRES: / UNSUPPORTED:).
import subprocess
if os.geteuid() == 0:
    config.available_features.add("root")
# The kernel exempts root from some limits (RLIMIT_NPROC): a testcase of such
# a limit runs tangle as nobody through %unprivileged when the tests run as
# root, and as the user itself otherwise.
import shutil
if os.geteuid() == 0 and shutil.which("setpriv"):
    config.substitutions.append(
        ("%unprivileged", "setpriv --reuid=65534 --regid=65534 --clear-groups"))
else:
    config.substitutions.append(("%unprivileged", ""))
try:
    # Unprivileged user namespaces: what `tangle check --sandbox` builds on.
    if subprocess.run(["unshare", "--user", "--map-root-user", "true"],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                      timeout=30).returncode == 0:
        config.available_features.add("userns")
except (OSError, subprocess.TimeoutExpired):
    pass
# gdb's gcore: the attach testcases dump a hung program's core with it.
if shutil.which("gcore"):
    config.available_features.add("gcore")
# ptrace: `tangle attach` stops a process with it; some containers refuse it
# (no CAP_SYS_PTRACE for a non-child, seccomp, Yama).
def _ptrace_allowed():
    import ctypes, signal as _signal, time as _time
    libc = ctypes.CDLL(None, use_errno=True)
    child = os.fork()
    if child == 0:
        _time.sleep(30)
        os._exit(0)
    try:
        PTRACE_SEIZE = 0x4206
        return libc.ptrace(ctypes.c_long(PTRACE_SEIZE), ctypes.c_int(child),
                           None, None) == 0
    finally:
        os.kill(child, _signal.SIGKILL)
        os.waitpid(child, 0)
try:
    if _ptrace_allowed():
        config.available_features.add("ptrace")
except OSError:
    pass
