#include "lemmas/registry.hpp"

#include <cstdlib>

#include "infocert_version.hpp"

namespace infocert::lemmas {

std::string builtin_case(const std::string& name) {
  const char* dir = std::getenv("INFOCERT_DATA_DIR");
  return std::string(dir && *dir ? dir : INFOCERT_DATA_DIR) + "/cases/" + name;
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
