#pragma once
/// JSON paths for error messages: pmf["0 1"], transition.a, variables[1].
#include <cstddef>
#include <string>
#include <string_view>

namespace infocert {

class JsonPath {
 public:
  JsonPath() = default;
  /// The member `key` of this object: ".key" for names, ["key"] otherwise.
  JsonPath key(std::string_view k) const;
  /// The member `key` of this object, always in brackets: pmf["c"] (for data keys).
  JsonPath entry(std::string_view k) const;
  /// The element `i` of this array.
  JsonPath index(std::size_t i) const;
  const std::string& str() const { return path_; }
  bool empty() const { return path_.empty(); }

 private:
  std::string path_;
};

/// A JSON string literal for s (quotes and escapes).
std::string json_quote(std::string_view s);

}  // namespace infocert
