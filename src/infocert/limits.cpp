#include "infocert/limits.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "infocert/error.hpp"

namespace infocert {
namespace {
Limits current;
}

const Limits& limits() { return current; }

void set_limits(const Limits& l) {
  if (!std::isfinite(l.work) || l.work <= 0) throw std::invalid_argument("--max-work must be a positive finite number");
  if (!std::isfinite(l.memory) || l.memory <= 0)
    throw std::invalid_argument("--max-memory must be a positive finite number of bytes");
  current = l;
}

std::string format_bytes(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024 && u < 5) {
    bytes /= 1024;
    ++u;
  }
  char buf[48];
  if (u == 0)
    std::snprintf(buf, sizeof buf, "%.0f bytes", bytes);
  else
    std::snprintf(buf, sizeof buf, bytes < 10 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
  return buf;
}

void check_memory(double bytes, const std::string& what) {
  if (!(bytes <= current.memory))
    throw BudgetExceeded(what + " would need about " + format_bytes(bytes) + " of memory, over the limit of " +
                         format_bytes(current.memory) + "; use a smaller horizon or raise --max-memory");
}

void check_work(double steps, double max_work, const std::string& what, const std::string& advice) {
  if (!(steps <= max_work)) {
    char buf[128];
    std::snprintf(buf, sizeof buf, " needs about %.3g steps, over the limit of %.3g", steps, max_work);
    throw BudgetExceeded(what + buf + "; " + advice + " or raise --max-work");
  }
}

}  // namespace infocert
