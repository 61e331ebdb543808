// The message catalog: every English text the source wraps in tr() or msg()
// has a Chinese entry, every entry still has its text in the source, the
// placeholders agree, and the language comes from --lang or the locale.
#include "cli/explain.h"
#include "cli/messages.h"
#include "cli/static_checks.h"
#include "model/file_identity.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <set>

using namespace tangle;

namespace {

/// The C string literal starting at text[i] (a '"'), unescaped; i ends
/// after its closing quote.
std::string readLiteral(llvm::StringRef text, size_t &i) {
  std::string value;
  for (++i; i < text.size() && text[i] != '"'; ++i) {
    if (text[i] != '\\') {
      value += text[i];
      continue;
    }
    char escaped = text[++i];
    value += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
  }
  ++i;
  return value;
}

/// The texts `source` wraps: tr("...") and msg("..."), adjacent literals
/// joined, as the compiler joins them.
std::vector<std::string> wrappedTexts(llvm::StringRef source) {
  std::vector<std::string> texts;
  for (llvm::StringRef call : {"tr(", "msg("}) {
    for (size_t at = source.find(call); at != llvm::StringRef::npos;
         at = source.find(call, at + 1)) {
      if (at > 0 && (isalnum(source[at - 1]) || source[at - 1] == '_'))
        continue; // str(, ... not a call of tr
      size_t i = at + call.size();
      std::string text;
      bool literal = false;
      while (true) {
        while (i < source.size() && isspace(source[i]))
          ++i;
        if (i >= source.size() || source[i] != '"')
          break;
        text += readLiteral(source, i);
        literal = true;
      }
      if (literal && !text.empty())
        texts.push_back(text);
    }
  }
  return texts;
}

/// Every wrapped text in cli/*.cpp and in the static checks' sources
/// (analyzer/, analyzer/checks/, whose msg() builds analyzer::Sentence),
/// with the file it is in.
std::map<std::string, std::string> sourceTexts() {
  std::map<std::string, std::string> texts;
  for (const char *folder : {"/cli", "/analyzer", "/analyzer/checks"}) {
    std::error_code error;
    std::string dir = std::string(TANGLE_SOURCE_DIR) + folder;
    for (llvm::sys::fs::directory_iterator it(dir, error), end;
         it != end && !error; it.increment(error)) {
      llvm::StringRef path = it->path();
      if (!path.endswith(".cpp") || path.endswith("messages_zh.cpp"))
        continue;
      auto buffer = llvm::MemoryBuffer::getFile(path);
      if (!buffer)
        continue;
      for (const std::string &text : wrappedTexts((*buffer)->getBuffer()))
        texts.emplace(text, llvm::sys::path::filename(path).str());
    }
  }
  return texts;
}

/// The wrapped texts of one file of the source tree.
std::vector<std::string> textsOf(const char *file) {
  auto buffer =
      llvm::MemoryBuffer::getFile(std::string(TANGLE_SOURCE_DIR) + "/" + file);
  return buffer ? wrappedTexts((*buffer)->getBuffer())
                : std::vector<std::string>();
}

/// Texts shown through tr() that are chosen outside cli/: the verbs of file
/// operations (model/file_identity.cpp).
std::set<std::string> modelTexts() {
  std::set<std::string> texts;
  for (uint16_t op = 0; op <= uint16_t(FileOp::StdioWrite); ++op)
    texts.insert(fileOpVerb(FileOp(op)));
  return texts;
}

std::set<std::string> placeholders(llvm::StringRef text) {
  std::set<std::string> found;
  static const std::regex placeholder("\\{[0-9]+\\}");
  std::string s = text.str();
  for (std::sregex_iterator it(s.begin(), s.end(), placeholder), end; it != end;
       ++it)
    found.insert(it->str());
  return found;
}

llvm::StringMap<const char *> chinese() {
  llvm::StringMap<const char *> map;
  for (const CatalogEntry &entry : chineseCatalog())
    map[entry.english] = entry.translation;
  return map;
}

TEST(Messages, TheExtractorFindsWrappedTexts) {
  // So that the tests below cannot pass by finding nothing.
  std::vector<std::string> texts = wrappedTexts(
      "x = tr(\"a {0} \"\n   \"b\", 1); y = msg(\"c\\\"d\"); z = str(\"no\");");
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_EQ(texts[0], "a {0} b");
  EXPECT_EQ(texts[1], "c\"d");
  EXPECT_GT(sourceTexts().size(), 300u);
}

TEST(Messages, TheExtractorReadsTheStaticChecks) {
  // The analyzer's msg() calls are found too, or their entries would be
  // reported stale and their missing entries go unseen.
  std::vector<std::string> texts =
      textsOf("analyzer/checks/LockOrderInversionCheck.cpp");
  EXPECT_NE(std::find(texts.begin(), texts.end(),
                      "{0} locks '{1}' while holding '{2}'"),
            texts.end());
  EXPECT_FALSE(textsOf("analyzer/Reporter.cpp").empty());
}

TEST(Messages, StaticWarningsAreWordedInTheCurrentLanguage) {
  using analyzer::msg;
  analyzer::Sentence thread = msg("thread '{0}'", std::string("philosopher"));
  analyzer::Sentence cycle = msg(
      "lock-order cycle: {0}; the {1} threads can deadlock, each waiting "
      "for the next",
      msg("{0}, and {1}",
          msg("{0}, {1}",
              msg("{0} locks '{1}' while holding '{2}'",
                  msg("{0} with argument {1}", thread, 0), std::string("b"),
                  std::string("a")),
              msg("{0} locks '{1}' while holding '{2}'", thread,
                  std::string("c"), std::string("b"))),
          msg("{0} locks '{1}' while holding '{2}'", thread, std::string("a"),
              std::string("c"))),
      3u);
  // English is said the way the checks always said it.
  EXPECT_EQ(cycle.str(),
            "lock-order cycle: thread 'philosopher' with argument 0 locks 'b' "
            "while holding 'a', thread 'philosopher' locks 'c' while holding "
            "'b', and thread 'philosopher' locks 'a' while holding 'c'; the 3 "
            "threads can deadlock, each waiting for the next");
  setLanguage(Language::Chinese);
  std::string chinese = reportLanguage(cycle);
  setLanguage(Language::English);
  EXPECT_EQ(chinese,
            "加锁顺序成环：线程 'philosopher'（参数为 0） 在持有 'a' 时对 'b' "
            "加锁，线程 'philosopher' 在持有 'b' 时对 'c' 加锁，以及线程 "
            "'philosopher' 在持有 'c' 时对 'a' 加锁；这 3 个线程可能死锁，每个"
            "都在等待下一个");
  EXPECT_EQ(reportLanguage(cycle), cycle.str());
  // A verbatim piece is never looked up, even when it reads like a key.
  EXPECT_EQ(msg("{0} #{1}", std::string("main thread"), 2).str(
                [](const char *) { return "{0}!"; }),
            "main thread!");
}

TEST(Messages, EveryTextInTheSourceHasAChineseEntry) {
  llvm::StringMap<const char *> table = chinese();
  for (const auto &[text, file] : sourceTexts())
    EXPECT_TRUE(table.count(text))
        << file << ": \"" << text << "\" has no entry in cli/messages_zh.cpp";
  for (const std::string &text : modelTexts())
    EXPECT_TRUE(table.count(text))
        << "\"" << text << "\" (model/) has no entry in cli/messages_zh.cpp";
}

TEST(Messages, EveryOperationVerbHasAChineseEntry) {
  llvm::StringMap<const char *> table = chinese();
  for (uint16_t kind = 0; kind < uint16_t(OpKind::Count_); ++kind)
    EXPECT_TRUE(table.count(operationVerb(OpKind(kind))))
        << operationVerb(OpKind(kind));
}

TEST(Messages, EveryChineseEntryIsUsedOnceAndKeepsItsPlaceholders) {
  std::map<std::string, std::string> texts = sourceTexts();
  std::set<std::string> model = modelTexts();
  llvm::StringSet<> seen;
  for (const CatalogEntry &entry : chineseCatalog()) {
    EXPECT_TRUE(seen.insert(entry.english).second)
        << "twice in the catalog: " << entry.english;
    EXPECT_TRUE(texts.count(entry.english) || model.count(entry.english))
        << "no longer in the source: \"" << entry.english << "\"";
    EXPECT_EQ(placeholders(entry.english), placeholders(entry.translation))
        << entry.english << " -> " << entry.translation;
    // formatv reads any other brace as a placeholder.
    std::string rest =
        std::regex_replace(entry.translation, std::regex("\\{[0-9]+\\}"), "");
    EXPECT_EQ(rest.find_first_of("{}"), std::string::npos) << entry.translation;
  }
}

TEST(Messages, TranslatesInTheCurrentLanguage) {
  setLanguage(Language::Chinese);
  EXPECT_STREQ(tr("main thread"), "主线程");
  EXPECT_EQ(tr("thread {0} of process {1}", 3, 2), "进程 2 的线程 3");
  EXPECT_STREQ(tr("no such text"), "no such text");
  setLanguage(Language::English);
  EXPECT_STREQ(tr("main thread"), "main thread");
  EXPECT_EQ(tr("thread {0} of process {1}", 3, 2), "thread 3 of process 2");
}

TEST(Messages, LanguageFromTheLocale) {
  Language language = Language::English;
  EXPECT_TRUE(parseLanguage("zh_CN.UTF-8", language));
  EXPECT_EQ(language, Language::Chinese);
  EXPECT_TRUE(parseLanguage("C", language));
  EXPECT_EQ(language, Language::English);
  EXPECT_FALSE(parseLanguage("fr_FR.UTF-8", language));

  // POSIX order: LC_ALL, then LC_MESSAGES, then LANG; empty ones skipped.
  auto with = [](const char *all, const char *messages, const char *lang) {
    for (auto [name, value] :
         {std::pair{"LC_ALL", all}, {"LC_MESSAGES", messages}, {"LANG", lang}})
      value ? setenv(name, value, 1) : unsetenv(name);
    return languageFromEnvironment();
  };
  EXPECT_EQ(with(nullptr, nullptr, "zh_CN.UTF-8"), Language::Chinese);
  EXPECT_EQ(with("", "zh_TW", "en_US"), Language::Chinese);
  EXPECT_EQ(with("C", nullptr, "zh_CN.UTF-8"), Language::English);
  EXPECT_EQ(with(nullptr, nullptr, "fr_FR"), Language::English);
  EXPECT_EQ(with(nullptr, nullptr, nullptr), Language::English);
  unsetenv("LANG");
}

} // namespace
