#pragma once
/// Where infocert's data lives (cases, claims, checker declarations, the bibliography).
#include <string>

namespace infocert {

/// The data folder: $INFOCERT_DATA_DIR when set; else `../share/infocert` beside the running
/// executable when it holds claim files (an installed or relocated binary); else the source
/// tree's data/ when it still exists (a build tree); else the installed data folder.
std::string data_dir();

}  // namespace infocert
