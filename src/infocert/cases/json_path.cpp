#include "infocert/cases/json_path.hpp"

#include <cctype>
#include <cstdio>

namespace infocert {

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {
bool is_name(std::string_view k) {
  if (k.empty() || std::isdigit(static_cast<unsigned char>(k.front()))) return false;
  for (char c : k)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}
}  // namespace

JsonPath JsonPath::key(std::string_view k) const {
  JsonPath p = *this;
  if (is_name(k))
    p.path_ += (p.path_.empty() ? "" : ".") + std::string(k);
  else
    p.path_ += "[" + json_quote(k) + "]";
  return p;
}

JsonPath JsonPath::entry(std::string_view k) const {
  JsonPath p = *this;
  p.path_ += "[" + json_quote(k) + "]";
  return p;
}

JsonPath JsonPath::index(std::size_t i) const {
  JsonPath p = *this;
  p.path_ += "[" + std::to_string(i) + "]";
  return p;
}

}  // namespace infocert
