#pragma once
/// Budgets of one process: the largest computation (in elementary steps) and the largest
/// memory (in bytes) a computation may plan to use. Each computation estimates both before
/// it starts and refuses above them with one line that names the knob (--max-work,
/// --max-memory). The defaults keep every command under about a minute and 2 GiB on a
/// two-core machine (the benchmark notes give the measured rates).
#include <string>

namespace infocert {

/// Node-component steps of an enumeration, type-class steps, interval operations of a
/// transformer: about 80-120 ns each on the reference machine.
inline constexpr double kDefaultMaxWork = 5e8;
/// Bytes a single table or enumeration may plan to hold.
inline constexpr double kDefaultMaxMemory = 2.0 * 1024 * 1024 * 1024;

struct Limits {
  double work = kDefaultMaxWork;
  double memory = kDefaultMaxMemory;
};

/// The process's limits (the defaults until set_limits is called).
const Limits& limits();
/// Sets them; throws std::invalid_argument unless both are positive and finite. Set them
/// before computations start.
void set_limits(const Limits& l);

/// Throws BudgetExceeded when `bytes`, the estimated memory of `what`, exceeds the memory
/// limit; the line says how much it would take and names --max-memory.
void check_memory(double bytes, const std::string& what);
/// Throws BudgetExceeded when `steps` of `what` exceed `max_work`; the line gives `advice`
/// and names --max-work.
void check_work(double steps, double max_work, const std::string& what,
                const std::string& advice = "use a smaller horizon");

/// "1.2 GiB", "350 MiB", "12 KiB" (binary units, as --max-memory reads them).
std::string format_bytes(double bytes);

}  // namespace infocert
