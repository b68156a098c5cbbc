#include "lemmas/registry.hpp"

#include <cstdlib>

#include "infocert_version.hpp"

namespace infocert::lemmas {

std::string builtin_case(const std::string& name) {
  const char* dir = std::getenv("INFOCERT_DATA_DIR");
  return std::string(dir && *dir ? dir : INFOCERT_DATA_DIR) + "/cases/" + name;
}

}  // namespace infocert::lemmas

namespace infocert::check {

const std::vector<Checker>& checkers() {
  static const std::vector<Checker> all = {lemmas::definitions_checker(), lemmas::jeon_decomposition_checker(),
                                           lemmas::lemma_a_checker(), lemmas::corollary_a_checker(),
                                           lemmas::lemma_b_checker(), lemmas::transformer_bounds_checker()};
  return all;
}

}  // namespace infocert::check
