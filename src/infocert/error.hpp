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

}  // namespace infocert
