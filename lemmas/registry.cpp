#include "lemmas/registry.hpp"

#include <cstdlib>
#include <map>
#include <mutex>

#include "infocert/cases/read_declarations.hpp"
#include "infocert_version.hpp"

namespace infocert::lemmas {

namespace {
std::string data_dir() {
  const char* dir = std::getenv("INFOCERT_DATA_DIR");
  return dir && *dir ? dir : INFOCERT_DATA_DIR;
}
}  // namespace

std::string builtin_case(const std::string& name) { return data_dir() + "/cases/" + name; }

const check::Declarations& declarations(const std::string& checker) {
  static std::mutex lock;
  static std::map<std::string, check::Declarations> read;
  std::lock_guard<std::mutex> guard(lock);
  auto it = read.find(checker);
  if (it == read.end())
    it = read.emplace(checker, read_declarations(data_dir() + "/checkers/" + checker + ".json", checker)).first;
  return it->second;
}

check::Checker declared_checker(const std::string& name, std::function<check::CheckReport(const check::CheckOptions&)> run) {
  const check::Declarations& d = declarations(name);
  return {name, d.description, d.title, d.summary, std::move(run)};
}

check::CheckReport declared_report(check::Declarations d) {
  check::CheckReport r;
  r.checker = d.checker;
  r.tables = std::move(d.tables);
  r.figures = std::move(d.figures);
  return r;
}

const std::vector<check::Checker>& checkers() {
  static const std::vector<check::Checker> all = {definitions_checker(), jeon_decomposition_checker(),
                                                  lemma_a_checker(),     corollary_a_checker(),
                                                  lemma_b_checker(),     transformer_bounds_checker()};
  return all;
}

const check::Checker* find_checker(std::string_view name) {
  for (const auto& c : checkers())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace infocert::lemmas
