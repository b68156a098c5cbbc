#include "lemmas/registry.hpp"

namespace infocert::lemmas {

const std::vector<check::Checker>& checkers() {
  static const std::vector<check::Checker> all = {definitions_checker(), jeon_decomposition_checker(),
                                                  lemma_a_checker(),     corollary_a_checker(),
                                                  lemma_b_checker(),     transformer_bounds_checker()};
  load_builtin_claims(all);
  return all;
}

}  // namespace infocert::lemmas
