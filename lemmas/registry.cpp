#include "lemmas/registry.hpp"

namespace infocert::check {

const std::vector<Checker>& checkers() {
  static const std::vector<Checker> all = {lemmas::definitions_checker()};
  return all;
}

}  // namespace infocert::check
