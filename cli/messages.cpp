// The current language and the lookup of a text in its catalog.
#include "cli/messages.h"

#include "llvm/ADT/StringMap.h"

#include <cstdlib>

namespace tangle {
namespace {

Language language = Language::English;

const llvm::StringMap<const char *> &chineseTable() {
  static const llvm::StringMap<const char *> table = [] {
    llvm::StringMap<const char *> map;
    for (const CatalogEntry &entry : chineseCatalog())
      map[entry.english] = entry.translation;
    return map;
  }();
  return table;
}

} // namespace

void setLanguage(Language value) { language = value; }
Language currentLanguage() { return language; }

bool parseLanguage(llvm::StringRef value, Language &result) {
  // "zh_CN.UTF-8@modifier": the language is what comes before '_', '.', '@'.
  llvm::StringRef code = value.take_until(
      [](char c) { return c == '_' || c == '.' || c == '@' || c == '-'; });
  if (code.equals_insensitive("zh")) {
    result = Language::Chinese;
    return true;
  }
  if (code.equals_insensitive("en") || value == "C" || value == "POSIX") {
    result = Language::English;
    return true;
  }
  return false;
}

bool chooseLanguage(const std::string &value) {
  Language result = Language::English;
  if (!parseLanguage(value, result))
    return false;
  setLanguage(result);
  return true;
}

Language languageFromEnvironment() {
  for (const char *variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char *value = std::getenv(variable);
    if (!value || !*value)
      continue;
    Language result = Language::English;
    parseLanguage(value, result);
    return result;
  }
  return Language::English;
}

const char *tr(const char *english) {
  if (language == Language::English)
    return english;
  const auto &table = chineseTable();
  auto it = table.find(english);
  return it == table.end() ? english : it->second;
}

} // namespace tangle
