#pragma once
/// The blog report: claims ledger, tables in several formats, figures, counterexamples and
/// an index page, written atomically and byte for byte reproducibly.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <set>

#include "infocert/check/claims.hpp"

namespace infocert::report {

/// CSL-JSON bibliography; cite() rejects unknown keys.
class Bibliography {
 public:
  /// Loads data/bibliography.json (an array of CSL items with "id"). Throws InputError.
  static Bibliography load(const std::string& file);
  bool has(const std::string& key) const { return entries_.count(key) > 0; }
  /// The citation in the style of the format: md {{< cite "key" >}}, qmd [@key].
  std::string cite(const std::string& key, const std::string& format) const;
  /// "Jeon, Lee, Lei, Van Roy (2024). Title. Container." for a reference list.
  std::string reference(const std::string& key) const;
  /// The CSL-JSON items of `keys` (in key order): the bibliography file written beside the
  /// page, for hugo-cite's bibFile and pandoc --citeproc.
  nlohmann::json items(const std::set<std::string>& keys) const;

 private:
  std::map<std::string, nlohmann::json> entries_;
};

/// Table renderings at `digits` decimal places.
std::string table_latex(const check::Table& t, unsigned digits);
std::string table_csv(const check::Table& t, unsigned digits);

/// What the report says of one claim family (from its checker).
struct Family {
  std::string checker, title, summary, description;
  std::string command = "";  ///< the command that checks the family; empty: infocert check CHECKER
};

struct ReportSummary {
  std::size_t tables = 0, figures = 0, counterexamples = 0, certificates = 0;
  bool figures_drawn = false;  ///< false when gnuplot is not installed (data and scripts written)
};

/// Throws InputError unless `out_dir` is new, empty, or an earlier report (to be replaced).
void check_output_folder(const std::string& out_dir);

/// Writes the report into `out_dir` (replacing it): format md or qmd writes everything;
/// tex, csv or json writes the claims and the tables in that format only. The tree is
/// built in a temporary directory beside out_dir and renamed into place.
ReportSummary write_report(const std::string& out_dir, const std::vector<check::CheckReport>& reports,
                           const std::vector<Family>& families, const std::string& format,
                           const Bibliography& bibliography, unsigned digits);

}  // namespace infocert::report
