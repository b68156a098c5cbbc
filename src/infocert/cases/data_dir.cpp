#include "infocert/cases/data_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "infocert_paths.hpp"

namespace infocert {

std::string data_dir() {
  if (const char* dir = std::getenv("INFOCERT_DATA_DIR"); dir && *dir) return dir;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = exe.parent_path().parent_path() / "share" / "infocert";
    if (fs::is_directory(beside / "claims", ec)) return beside.string();
  }
  if (fs::is_directory(fs::path(INFOCERT_SOURCE_DATA_DIR) / "claims", ec)) return INFOCERT_SOURCE_DATA_DIR;
  return INFOCERT_INSTALLED_DATA_DIR;
}

}  // namespace infocert
