// The scratch folder goes away on every exit path: with its owner's
// destructor, and through its guard when the owner dies without one.
#include "cli/scratch_directory.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace tangle {
namespace {

bool exists(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

/// Polls (bounded) until `path` is gone: the guard works on its own time.
bool goneWithin(const std::string &path, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (exists(path)) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

TEST(ScratchDirectory, TheDestructorRemovesItAndReapsTheGuard) {
  std::string path;
  pid_t guard;
  {
    ScratchDirectory dir;
    std::string error;
    ASSERT_TRUE(dir.create(error)) << error;
    path = dir.path();
    guard = dir.guardPid();
    ASSERT_GT(guard, 0);
    std::ofstream(path + "/file") << "x";
    ASSERT_EQ(mkdir((path + "/locked").c_str(), 0700), 0);
    std::ofstream(path + "/locked/inside") << "y";
    ASSERT_EQ(chmod((path + "/locked").c_str(), 0), 0); // as a program may
    EXPECT_TRUE(exists(path));
  }
  EXPECT_FALSE(exists(path));
  // Reaped: no zombie of ours is left.
  EXPECT_EQ(waitpid(guard, nullptr, WNOHANG), -1);
}

TEST(ScratchDirectory, TheGuardRemovesItWhenItsOwnerIsKilled) {
  int report[2];
  ASSERT_EQ(pipe(report), 0);
  pid_t owner = fork();
  if (owner == 0) {
    // The owner: creates the folder, says where, and dies without
    // running any destructor.
    ScratchDirectory dir;
    std::string error;
    if (!dir.create(error))
      _exit(1);
    std::ofstream(dir.path() + "/program") << "binary";
    std::string path = dir.path() + "\n";
    (void)!write(report[1], path.data(), path.size());
    raise(SIGKILL);
  }
  close(report[1]);
  char buffer[512] = {};
  ssize_t n = read(report[0], buffer, sizeof(buffer) - 1);
  close(report[0]);
  ASSERT_GT(n, 1);
  std::string path(buffer, size_t(n - 1));
  int status;
  ASSERT_EQ(waitpid(owner, &status, 0), owner);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_TRUE(goneWithin(path, std::chrono::seconds(30))) << path;
}

TEST(ScratchDirectory, RemoveTreeDoesNotFollowLinks) {
  char outside[] = "/tmp/tangle-outside-XXXXXX";
  ASSERT_NE(mkdtemp(outside), nullptr);
  std::string kept = std::string(outside) + "/kept";
  std::ofstream(kept) << "keep me";
  ScratchDirectory dir;
  std::string error;
  ASSERT_TRUE(dir.create(error)) << error;
  ASSERT_EQ(symlink(outside, (dir.path() + "/link").c_str()), 0);
  removeTree(dir.path().c_str());
  EXPECT_FALSE(exists(dir.path()));
  EXPECT_TRUE(exists(kept));
  unlink(kept.c_str());
  rmdir(outside);
}

} // namespace
} // namespace tangle
