// What tangle was given, read before anything runs: each kind of file that
// cannot be checked has its own line (cli/program_file.h).
#include "cli/program_file.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <elf.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace tangle {
namespace {

class ProgramFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/tangle-program-file-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + dir_ + "'";
    (void)system(cmd.c_str());
  }
  /// An executable file holding `bytes`.
  std::string file(const std::string &name, const std::string &bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    chmod(path.c_str(), 0755);
    return path;
  }
  /// A 64-bit ELF header (and program headers, `interp` says whether one
  /// of them is PT_INTERP).
  std::string elf64(uint16_t type, uint16_t machine, bool interp) {
    Elf64_Ehdr h = {};
    memcpy(h.e_ident, ELFMAG, SELFMAG);
    h.e_ident[EI_CLASS] = ELFCLASS64;
    h.e_ident[EI_DATA] = ELFDATA2LSB;
    h.e_ident[EI_VERSION] = EV_CURRENT;
    h.e_type = type;
    h.e_machine = machine;
    h.e_phoff = sizeof(h);
    h.e_phentsize = sizeof(Elf64_Phdr);
    h.e_phnum = 2;
    Elf64_Phdr ph[2] = {};
    ph[0].p_type = PT_LOAD;
    ph[1].p_type = interp ? PT_INTERP : PT_NOTE;
    return std::string(reinterpret_cast<const char *>(&h), sizeof(h)) +
           std::string(reinterpret_cast<const char *>(ph), sizeof(ph));
  }
  std::string dir_;
};

TEST_F(ProgramFileTest, ADynamicallyLinkedProgramIsAccepted) {
  EXPECT_EQ(checkProgramBinary("/bin/sh"), "");
  EXPECT_EQ(checkProgramBinary(file("pie", elf64(ET_DYN, EM_X86_64, true))),
            "");
}

TEST_F(ProgramFileTest, EachKindOfWrongFileIsNamed) {
  auto why = [&](const std::string &name, const std::string &bytes) {
    return checkProgramBinary(file(name, bytes));
  };
  EXPECT_NE(why("script", "#!/bin/sh\necho hi\n").find("is a script"),
            std::string::npos);
  EXPECT_NE(why("text", "hello world, not a program").find("not an ELF"),
            std::string::npos);
  EXPECT_NE(why("short", "\x7f"
                         "E")
                .find("too short"),
            std::string::npos);
  std::string elf32 = elf64(ET_EXEC, EM_386, true);
  elf32[EI_CLASS] = ELFCLASS32;
  EXPECT_NE(why("elf32", elf32).find("is a 32-bit program"), std::string::npos);
  EXPECT_NE(why("arm", elf64(ET_DYN, EM_AARCH64, true))
                .find("is built for aarch64; tangle runs programs built for "
                      "x86-64"),
            std::string::npos);
  EXPECT_NE(
      why("object", elf64(ET_REL, EM_X86_64, false)).find("is an object file"),
      std::string::npos);
  EXPECT_NE(why("static", elf64(ET_EXEC, EM_X86_64, false))
                .find("is statically linked"),
            std::string::npos);
  EXPECT_NE(
      why("static-pie", elf64(ET_DYN, EM_X86_64, false)).find("static-pie"),
      std::string::npos);
  // A damaged header: program headers past the end of the file.
  std::string cut =
      elf64(ET_DYN, EM_X86_64, true).substr(0, sizeof(Elf64_Ehdr));
  EXPECT_NE(why("cut", cut).find("statically linked"), std::string::npos);
  for (const char *name : {"script", "text", "short", "elf32", "object"})
    EXPECT_EQ(why(name, "#!").find('\n'), std::string::npos) << "one line";
}

TEST_F(ProgramFileTest, SourceFiles) {
  std::string source = file("ok.c", "int main(void) { return 0; }\n");
  EXPECT_EQ(checkSourceFile(source), "");
  EXPECT_EQ(checkSourceFile(dir_ + "/missing.c"),
            "no such file: " + dir_ + "/missing.c");
  std::string folder = dir_ + "/folder.c";
  ASSERT_EQ(mkdir(folder.c_str(), 0700), 0);
  EXPECT_EQ(checkSourceFile(folder),
            folder + " is a directory, not a source file");
  EXPECT_NE(checkSourceFile("/dev/null").find("not a regular file"),
            std::string::npos);
}

} // namespace
} // namespace tangle
