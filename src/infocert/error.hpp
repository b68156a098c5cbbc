#pragma once
/// Error types shared by the library and the command line.
#include <stdexcept>
#include <string>

namespace infocert {

/// Bad user input (a case file, a query, an option value). The message is one line that
/// names the file and the place; the command line prints it as is and exits with status 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

/// A computation refused because it would exceed a work budget (--max-work): the input is
/// fine, the answer is not known. The command line exits with status 3 (undecided).
class BudgetExceeded : public InputError {
 public:
  explicit BudgetExceeded(const std::string& message) : InputError(message) {}
};

/// Throws `e` again with `context` in front of its message, keeping its kind (a budget
/// stays a budget).
[[noreturn]] inline void rethrow_with_context(const InputError& e, const std::string& context) {
  if (dynamic_cast<const BudgetExceeded*>(&e)) throw BudgetExceeded(context + e.what());
  throw InputError(context + e.what());
}

}  // namespace infocert
