#include "infocert/report/report.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "infocert/cases/case_file.hpp"
#include "infocert/error.hpp"
#include "infocert/report/render.hpp"

namespace infocert::report {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- bibliography ---------------------------------------------------------------------

Bibliography Bibliography::load(const std::string& file) {
  json doc = read_json_file(file);
  if (!doc.is_array()) throw InputError(file + ": expected a CSL-JSON array of references");
  Bibliography b;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const json& e = doc[i];
    if (!e.is_object() || !e.contains("id") || !e["id"].is_string())
      throw InputError(file + ": [" + std::to_string(i) + "]: expected a reference with a string \"id\"");
    if (!b.entries_.emplace(e["id"].get<std::string>(), e).second)
      throw InputError(file + ": [" + std::to_string(i) + "]: duplicate id " + json_quote(e["id"].get<std::string>()));
  }
  return b;
}

std::string Bibliography::cite(const std::string& key, const std::string& format) const {
  if (!has(key)) throw InputError("bibliography: unknown citation key " + json_quote(key));
  return format == "qmd" ? "[@" + key + "]" : "{{< cite \"" + key + "\" >}}";
}

std::string Bibliography::reference(const std::string& key) const {
  if (!has(key)) throw InputError("bibliography: unknown citation key " + json_quote(key));
  const json& e = entries_.at(key);
  std::string authors;
  for (const auto& a : e.value("author", json::array())) {
    std::string name = a.contains("literal") ? a["literal"].get<std::string>() : a.value("family", "");
    authors += (authors.empty() ? "" : ", ") + name;
  }
  std::string year;
  if (e.contains("issued") && e["issued"].contains("date-parts")) year = std::to_string(e["issued"]["date-parts"][0][0].get<int>());
  std::string out = authors + " (" + year + "). " + e.value("title", "") + ".";
  if (e.contains("container-title")) out += " " + e["container-title"].get<std::string>() + ".";
  if (e.contains("note")) out += " " + e["note"].get<std::string>() + ".";
  return out;
}

nlohmann::json Bibliography::items(const std::set<std::string>& keys) const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& key : keys) {
    if (!has(key)) throw InputError("bibliography: unknown citation key " + json_quote(key));
    out.push_back(entries_.at(key));
  }
  return out;
}

// ---- table formats --------------------------------------------------------------------

namespace {
std::string latex_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}': out += std::string("\\") + c; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      default: out += c;
    }
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

namespace {
// LaTeX text for a cell or heading: the special characters escaped, and the symbols that
// the default (OT1) fonts would print wrongly in text mode set in math mode: | (H(X|Y) would
// show "H(X—Y)"), <, >, <=, >=.
// With `breakable`, a line may also break after / _ . , - (long ids and file names).
bool break_after(char c) { return c == '/' || c == '_' || c == '.' || c == ',' || c == '-'; }

std::string latex_text(const std::string& s, bool breakable = false) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (breakable && i > 0 && break_after(s[i - 1]) && c != ' ') out += "\\allowbreak{}";
    const bool eq = i + 1 < s.size() && s[i + 1] == '=';
    if (c == '<' && eq) out += "$\\le$", ++i;
    else if (c == '>' && eq) out += "$\\ge$", ++i;
    else if (c == '!' && eq) out += "$\\ne$", ++i;
    else if (c == '<') out += "$<$";
    else if (c == '>') out += "$>$";
    else if (c == '|') out += "$\\mid$";
    else out += latex_escape(std::string(1, c));
  }
  return out;
}

bool numeric_kind(check::Cell::Kind k) {
  using K = check::Cell::Kind;
  return k == K::integer || k == K::rational || k == K::value || k == K::enclosure || k == K::estimate;
}
}  // namespace

std::string table_latex(const check::Table& t, unsigned digits) {
  // A longtable (it breaks across pages) in \footnotesize with booktabs rules; every column a
  // paragraph column whose width is a share of \linewidth, so the table fits the line: numbers
  // right-aligned at their full width, text columns sharing the rest (at least their longest
  // unbreakable run) and wrapping. Widths are estimated from the number of characters.
  const std::size_t n = t.columns.size();
  std::vector<std::string> heads(n);
  std::vector<std::vector<std::string>> cells(t.rows.size(), std::vector<std::string>(n));
  std::vector<double> longest(n, 0), longest_word(n, 0);
  std::vector<bool> numbers(n, !t.rows.empty());
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (std::size_t i = 0; i < n && i < t.rows[r].size(); ++i) {
      cells[r][i] = cell_text(t.rows[r][i], digits);
      if (t.rows[r][i].kind() != check::Cell::Kind::empty && !numeric_kind(t.rows[r][i].kind())) numbers[i] = false;
    }
  // The longest text and the longest unbreakable run of each column.
  auto measure = [&](std::size_t i, const std::string& text, bool whole) {
    if (whole) longest[i] = std::max(longest[i], static_cast<double>(text.size()));
    std::size_t word = 0;
    for (std::size_t k = 0; k < text.size(); ++k) {
      const bool breaks = text[k] == ' ' || (!numbers[i] && k > 0 && break_after(text[k - 1]));
      word = breaks ? (text[k] == ' ' ? 0 : 1) : word + 1;
      longest_word[i] = std::max(longest_word[i], static_cast<double>(word));
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    heads[i] = t.columns[i].heading;
    measure(i, heads[i], false);
    for (const auto& row : cells) measure(i, row[i], true);
  }
  // Layouts tried in turn: portrait, then landscape, then landscape in \scriptsize (a4 with
  // 2 cm margins: lines of 482 pt and 729 pt; characters of about 4.6 pt, 3.9 pt in
  // \scriptsize; 12 pt between columns). The first whose columns fit is taken.
  struct Layout {
    bool landscape;
    const char* size;
    double line, character;
  };
  const Layout layouts[] = {{false, "\\footnotesize", 482, 4.6}, {true, "\\footnotesize", 729, 4.6}, {true, "\\scriptsize", 729, 3.9}};
  std::vector<double> width(n);
  const Layout* chosen = nullptr;
  for (const Layout& layout : layouts) {
    chosen = &layout;
    const double k_char = layout.character / layout.line, k_sep = 12 / layout.line;
    double fixed = 0, wish = 0, floor_sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (numbers[i]) {
        width[i] = std::max(longest[i], longest_word[i]) * k_char + k_sep;
        fixed += width[i];
      } else {
        width[i] = std::max(std::min(longest[i], 48.0), longest_word[i]) * k_char + k_sep;
        wish += width[i];
        floor_sum += longest_word[i] * k_char + k_sep;
      }
    }
    // 3% of the line kept free: the widths are estimates.
    if (fixed + wish > 0.97) {
      // Shrink the text columns to the room left, none below its longest unbreakable run.
      const double room = std::max(0.97 - fixed, floor_sum);
      for (std::size_t i = 0; i < n; ++i)
        if (!numbers[i]) {
          const double least = longest_word[i] * k_char + k_sep;
          width[i] = least + (width[i] - least) * (room - floor_sum) / std::max(wish - floor_sum, 1e-9);
        }
    }
    if (fixed + floor_sum <= 0.97) break;
  }
  std::string spec;
  char buffer[96];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buffer, sizeof buffer, "p{\\dimexpr %.3f\\linewidth-2\\tabcolsep\\relax}", width[i]);
    spec += std::string(numbers[i] ? ">{\\raggedleft\\arraybackslash}" : ">{\\raggedright\\arraybackslash}") + buffer;
  }
  std::string head;
  for (std::size_t i = 0; i < n; ++i) head += (i ? " & " : "") + latex_text(heads[i], !numbers[i]);
  head += " \\\\\n";
  std::string out = std::string("% needs \\usepackage{array,booktabs,longtable,lscape}\n") +
                    (chosen->landscape ? "\\begin{landscape}\n" : "") + "\\begingroup\n" + chosen->size +
                    "\n\\begin{longtable}{" + spec + "}\n\\caption{" + latex_text(t.caption) +
                    "}\\label{tab:" + t.name + "}\\\\\n\\toprule\n" + head + "\\midrule\n\\endfirsthead\n\\toprule\n" + head +
                    "\\midrule\n\\endhead\n\\bottomrule\n\\endlastfoot\n";
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < n; ++i) out += (i ? " & " : "") + latex_text(row[i], !numbers[i]);
    out += " \\\\\n";
  }
  out += "\\end{longtable}\n\\endgroup\n";
  if (chosen->landscape) out += "\\end{landscape}\n";
  return out;
}

std::string table_csv(const check::Table& t, unsigned digits) {
  std::string out;
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += (i ? "," : "") + csv_field(t.columns[i].heading);
  out += "\n";
  for (const auto& r : t.rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + csv_field(cell_text(r[i], digits));
    out += "\n";
  }
  return out;
}

// ---- figures --------------------------------------------------------------------------

namespace {

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string d; std::getline(dirs, d, ':');) {
    fs::path p = fs::path(d) / name;
    if (!d.empty() && access(p.c_str(), X_OK) == 0) return p.string();
  }
  return "";
}

// Runs `gnuplot script` inside dir (no shell); true on success.
bool run_gnuplot(const std::string& gnuplot, const fs::path& dir, const std::string& script) {
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    std::freopen("/dev/null", "w", stderr);
    execl(gnuplot.c_str(), gnuplot.c_str(), script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A file of the report could not be written (a full disk, a vanished folder).
struct WriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw WriteError("cannot write " + p.string() + ": " + std::strerror(errno));
}

const char* kTerminal = "set encoding utf8\nset terminal svg size 720,440 dynamic enhanced font 'sans,13' background rgb 'white'\n";

struct FigureFiles {
  std::string name, caption, data, script;
};

std::string gnuplot_quote(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out;
}

// One line per series: each declared y column against the x column.
std::optional<FigureFiles> lines_figure(const check::Figure& f, const check::Table& t, unsigned digits) {
  std::size_t cx = t.column(f.x), clast = f.last_of.empty() ? t.columns.size() : t.column(f.last_of);
  std::vector<std::size_t> cs, cy;
  for (const auto& s : f.series) cs.push_back(t.column(s));
  for (const auto& l : f.lines) cy.push_back(t.column(l.column));
  auto missing = [&](std::size_t c) { return c >= t.columns.size(); };
  if (missing(cx) || (!f.last_of.empty() && missing(clast)) || std::any_of(cs.begin(), cs.end(), missing) ||
      std::any_of(cy.begin(), cy.end(), missing))
    throw std::logic_error("figure " + f.name + ": a column it names is not in table " + t.name);
  std::vector<std::string> order;
  std::map<std::string, std::vector<const std::vector<check::Cell>*>> rows;
  for (const auto& r : t.rows) {
    std::string name;
    for (std::size_t i = 0; i < cs.size(); ++i)
      name += (i ? " " : "") + (cs.size() > 1 ? f.series[i] + "=" : std::string()) + cell_text(r[cs[i]], digits);
    if (!rows.count(name)) order.push_back(name);
    rows[name].push_back(&r);
  }
  if (order.empty()) return std::nullopt;
  FigureFiles out{f.name, f.caption, "", ""};
  std::string plot;
  for (std::size_t i = 0; i < order.size(); ++i) {
    auto& rs = rows[order[i]];
    std::string suffix;
    if (!f.last_of.empty()) {
      long long last = 0;
      for (const auto* r : rs) last = std::max(last, (*r)[clast].integer());
      std::erase_if(rs, [&](const auto* r) { return (*r)[clast].integer() != last; });
      suffix = " (" + f.last_of + " = " + std::to_string(last) + ")";
    }
    out.data += "# " + order[i] + suffix + ": " + f.x;
    for (const auto& l : f.lines) out.data += " " + l.column;
    out.data += "\n";
    for (const auto* r : rs) {
      out.data += cell_text((*r)[cx], digits);
      for (std::size_t c : cy) out.data += " " + cell_text((*r)[c], digits);
      out.data += "\n";
    }
    out.data += "\n\n";
    for (std::size_t j = 0; j < f.lines.size(); ++j) {
      std::string title = f.lines[j].label.empty() ? order[i] + suffix : f.lines[j].label + ", " + order[i] + suffix;
      plot += std::string(plot.empty() ? "" : ", \\\n     ") + "'" + f.name + ".dat' index " + std::to_string(i) +
              " using 1:" + std::to_string(j + 2) + " with linespoints lw 2 dt " + std::to_string(f.lines[j].dash) +
              " lc " + std::to_string(i + 1) + " title '" + gnuplot_quote(title) + "'";
    }
  }
  out.script = std::string(kTerminal) + "set output '" + f.name + ".svg'\nset title '" + gnuplot_quote(f.title) + "'\n" +
               "set xlabel '" + gnuplot_quote(f.xlabel) + "'\nset ylabel '" + gnuplot_quote(f.ylabel) + "'\n" +
               (f.log_y ? "set logscale y\n" : "") + (f.y_range.empty() ? "" : "set yrange " + f.y_range + "\n") +
               "set key " + f.key + "\nset grid\nplot " + plot + "\n";
  return out;
}

// The information diagram of H(X), H(Y), I(X;Y): rows quantity / exact form / value.
std::optional<FigureFiles> information_diagram(const check::Figure& f, const check::Table& t, unsigned digits) {
  if (t.rows.empty() || f.lines.empty()) return std::nullopt;
  std::size_t ce = t.column(f.unit_column), cv = t.column(f.lines.front().column);
  if (ce >= t.columns.size() || cv >= t.columns.size())
    throw std::logic_error("figure " + f.name + ": a column it names is not in table " + t.name);
  std::map<std::string, std::pair<std::string, std::string>> v;  // quantity -> exact, value
  for (const auto& r : t.rows) v[cell_text(r[0], digits)] = {cell_text(r[ce], digits), cell_text(r[cv], digits)};
  auto label = [&](const std::string& q) { return q + "\\n= " + v[q].first + "\\n~ " + v[q].second; };
  FigureFiles out{f.name, f.caption, "# quantity exact value\n", ""};
  for (const auto& [q, ev] : v) out.data += "\"" + q + "\" \"" + ev.first + "\" " + ev.second + "\n";
  out.script = std::string(kTerminal) + "set output '" + f.name + ".svg'\nset title '" + gnuplot_quote(f.title) + "'\n" +
               "unset border\nunset tics\nunset key\n"
               "set size ratio -1\nset xrange [-3.2:3.2]\nset yrange [-2:2]\n"
               "set object 1 circle at -0.8,0 size 1.6 fc rgb '#4a7bd0' fs transparent solid 0.25 border lc rgb '#4a7bd0'\n"
               "set object 2 circle at 0.8,0 size 1.6 fc rgb '#d07a4a' fs transparent solid 0.25 border lc rgb '#d07a4a'\n"
               "set label 1 \"" + label("H(X|Y)") + "\" at -1.5,0 center font 'sans,11'\n"
               "set label 2 \"" + label("I(X;Y)") + "\" at 0,0 center font 'sans,11'\n"
               "set label 3 \"" + label("H(Y|X)") + "\" at 1.5,0 center font 'sans,11'\n"
               "set label 4 \"H(X) = " + v["H(X)"].first + "\" at -0.8,1.8 center\n"
               "set label 5 \"H(Y) = " + v["H(Y)"].first + "\" at 0.8,-1.8 center\n"
               "plot NaN notitle\n";
  return out;
}

std::optional<FigureFiles> figure_files(const check::Figure& f, const check::CheckReport& r, unsigned digits) {
  for (const auto& t : r.tables)
    if (t.name == f.table)
      return f.kind == check::Figure::Kind::lines ? lines_figure(f, t, digits) : information_diagram(f, t, digits);
  throw std::logic_error("figure " + f.name + ": checker " + r.checker + " has no table " + f.table);
}

std::string expand_citations(std::string s, const Bibliography& b, const std::string& format, std::set<std::string>* used) {
  for (std::size_t pos; (pos = s.find("{cite:")) != std::string::npos;) {
    std::size_t end = s.find('}', pos);
    std::string key = s.substr(pos + 6, end - pos - 6);
    used->insert(key);
    s.replace(pos, end - pos + 1, b.cite(key, format));
  }
  return s;
}

// The opening of the index page, generated from the ledger: how many claims have each
// status, and what each status means.
std::string verdict_overview(const std::vector<check::CheckReport>& reports, const std::string& ext) {
  std::map<check::Status, std::size_t> count;
  std::size_t total = 0;
  for (const auto& r : reports)
    for (const auto& v : r.claims) ++count[v.status], ++total;
  std::string out = "Each claim of the post that infocert checks is listed below with what was computed. Of the " +
                    std::to_string(total) + " claims here, ";
  std::string parts;
  for (check::Status s : check::all_statuses())
    if (count[s]) parts += (parts.empty() ? "" : ", ") + std::to_string(count[s]) + " " + check::status_name(s);
  out += parts + ". What the statuses mean:\n\n";
  for (check::Status s : check::all_statuses())
    if (count[s]) out += "- **" + std::string(check::status_name(s)) + "**: " + check::status_meaning(s) + ".\n";
  out += "\nA finite check is not a proof of a general statement; each claim's scope says what it covers. The full "
         "ledger is at the end of this page, in [the claims ledger](#claims-ledger) (also claims." + ext + ").\n";
  return out;
}

// One sentence per family, generated from its verdicts: the claims by status.
std::string family_verdicts(const check::CheckReport& r) {
  std::string out;
  for (check::Status s : check::all_statuses()) {
    std::string ids;
    for (const auto& v : r.claims)
      if (v.status == s) ids += (ids.empty() ? "`" : ", `") + v.id + "`";
    if (!ids.empty()) out += (out.empty() ? "Verdicts: " : "; ") + std::string(check::status_name(s)) + ": " + ids;
  }
  return out.empty() ? "No claim of this family was exercised." : out + ".";
}

}  // namespace

namespace {

constexpr const char* kManifest = ".infocert-report";

// The folder named by --out, trailing separators removed.
fs::path output_path(const std::string& out_dir) {
  std::string d = out_dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return fs::path(d).lexically_normal();
}

fs::path parent_of(const fs::path& out) { return out.has_parent_path() ? out.parent_path() : fs::path("."); }

// Whether `rel` (a path inside a report folder) is where a report puts its files: the
// layout of reports written before the manifest listed its files.
bool report_layout(const fs::path& rel) {
  const std::string first = rel.begin()->string();
  if (first == "tables" || first == "figures" || first == "counterexamples" || first == "certificates") return true;
  const std::string stem = rel.stem().string();
  return std::distance(rel.begin(), rel.end()) == 1 &&
         (stem == "claims" || stem == "index" || rel == "bibliography.json" || rel == kManifest);
}

// The first file or link in `out` that an earlier report did not write, or "" when every
// file is one of the report's own (listed in its manifest).
std::string stranger_in(const fs::path& out) {
  std::set<std::string> listed;
  bool has_list = false;
  {
    std::ifstream in(out / kManifest);
    std::string line;
    std::getline(in, line);  // "written by infocert report"
    while (std::getline(in, line))
      if (!line.empty()) listed.insert(line), has_list = true;
  }
  std::error_code ec;
  for (fs::recursive_directory_iterator it(out, fs::directory_options::none, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path rel = it->path().lexically_relative(out);
    if (it->is_symlink()) return rel.string();
    if (it->is_directory()) continue;
    if (rel == kManifest) continue;
    if (has_list ? !listed.count(rel.generic_string()) : !report_layout(rel)) return rel.string();
  }
  if (ec) return "(unreadable: " + ec.message() + ")";
  return "";
}

// Holds an exclusive lock on the folder that will hold the report while it is written, so
// that two runs into one place wait for each other; released when the process ends.
class ParentLock {
 public:
  explicit ParentLock(const fs::path& parent) : fd_(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~ParentLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  ParentLock(const ParentLock&) = delete;
  ParentLock& operator=(const ParentLock&) = delete;

 private:
  int fd_;
};

// A new, empty folder beside `out` with a name no other run uses.
fs::path unique_folder(const fs::path& parent, const fs::path& out, const char* role) {
  std::string name = (parent / ("." + out.filename().string() + ".infocert-" + role + "-XXXXXX")).string();
  if (!::mkdtemp(name.data()))
    throw InputError(out.string() + ": cannot create a folder in " + parent.string() + ": " + std::strerror(errno));
  return name;
}

}  // namespace

void check_output_folder(const std::string& out_dir) {
  const fs::path out = output_path(out_dir);
  if (out.empty() || out == "." || out == "/" || out.filename() == ".." || out.filename() == ".")
    throw InputError(out_dir + ": choose a new folder for --out");
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(out, ec)))
    throw InputError(out_dir + ": is a symbolic link; give the folder itself as --out");
  const fs::path parent = parent_of(out);
  if (!fs::is_directory(parent, ec)) throw InputError(out_dir + ": the folder " + parent.string() + " does not exist");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw InputError(out_dir + ": cannot write in " + parent.string() + ": " + std::strerror(errno));
  // A folder can be made beside the target (checked now, before any computation).
  fs::remove(unique_folder(parent, out, "probe"), ec);
  if (!fs::exists(fs::symlink_status(out, ec))) return;
  if (!fs::is_directory(out, ec) || (!fs::is_empty(out, ec) && !fs::exists(out / kManifest, ec)))
    throw InputError(out_dir + ": exists and was not written by infocert report; choose another --out");
  if (fs::exists(out / kManifest, ec)) {
    const std::string stranger = stranger_in(out);
    if (!stranger.empty())
      throw InputError(out_dir + ": holds " + stranger + ", which infocert report did not write; move it or choose "
                                 "another --out");
  }
}

namespace {
// The family's title, or the checker's name when it declares none.
std::string family_title(const std::vector<Family>& families, const std::string& checker) {
  for (const auto& f : families)
    if (f.checker == checker && !f.title.empty()) return f.title;
  return checker;
}

// A text as a quoted shortcode argument (Hugo): its double quotes as &quot;.
std::string hugo_attribute(std::string text) {
  for (std::size_t at; (at = text.find('"')) != std::string::npos;) text.replace(at, 1, "&quot;");
  return text;
}

ReportSummary write_into(const fs::path& tmp, const fs::path& out, const std::vector<check::CheckReport>& reports,
                         const std::vector<Family>& families, const std::string& format,
                         const Bibliography& bibliography, unsigned digits, bool* moved);
}  // namespace

ReportSummary write_report(const std::string& out_dir, const std::vector<check::CheckReport>& reports,
                           const std::vector<Family>& families, const std::string& format,
                           const Bibliography& bibliography, unsigned digits) {
  const fs::path out = output_path(out_dir);
  const fs::path parent = parent_of(out);
  ParentLock lock(parent);
  check_output_folder(out_dir);  // again, under the lock
  const fs::path tmp = unique_folder(parent, out, "new");
  // Whatever fails while writing, nothing of this run is left behind.
  struct RemoveUnlessKept {
    fs::path path;
    bool keep = false;
    ~RemoveUnlessKept() {
      std::error_code ec;
      if (!keep) fs::remove_all(path, ec);
    }
  } guard{tmp};
  try {
    return write_into(tmp, out, reports, families, format, bibliography, digits, &guard.keep);
  } catch (const fs::filesystem_error& e) {
    throw InputError(out_dir + ": " + e.code().message() + " (" + e.path1().string() + ")");
  } catch (const WriteError& e) {
    throw InputError(out_dir + ": " + e.what());
  }
}

namespace {

ReportSummary write_into(const fs::path& tmp, const fs::path& out, const std::vector<check::CheckReport>& reports,
                         const std::vector<Family>& families, const std::string& format,
                         const Bibliography& bibliography, unsigned digits, bool* moved) {
  ReportSummary summary;
  const bool full = format == "md" || format == "qmd";
  const std::string ext = format == "qmd" ? "qmd" : format;
  write_file(tmp / ".infocert-report", "written by infocert report\n");

  // The ledger, with links to the tables.
  auto rows = ledger(reports);
  std::string ledger_table;  // the ledger as markdown, for the end of the index page
  if (format == "json") {
    write_file(tmp / "claims.json", ledger_json(rows).dump(2) + "\n");
  } else {
    check::Table claims{"claims", "Claims ledger",
                        "The claims ledger: every claim of the catalogue with its status, scope and evidence.",
                        {"id", "claim", "status", "scope", "evidence", "tables", "counterexamples", "certificates"}, {}};
    for (const auto& r : rows) {
      std::string links, ces, certs;
      for (const auto& t : r.tables) links += (links.empty() ? "" : ", ") + (full ? "[" + t + "](tables/" + t + ".md)" : t);
      for (const auto& c : r.counterexamples)
        ces += (ces.empty() ? "" : ", ") + (full ? "[" + c + "](counterexamples/" + c + ")" : c);
      for (const auto& c : r.certificates)
        certs += (certs.empty() ? "" : ", ") + (full ? "[" + c + "](certificates/" + c + ")" : c);
      claims.rows.push_back({r.id, r.summary, r.status, r.scope, r.evidence, links, ces, certs});
    }
    if (full) {
      ledger_table = table_markdown(claims, digits);
      write_file(tmp / ("claims." + ext), "# Claims ledger\n\n" + ledger_table);
    }
    if (format == "tex") write_file(tmp / "claims.tex", table_latex(claims, digits));
    if (format == "csv") write_file(tmp / "claims.csv", table_csv(claims, digits));
  }

  // Tables.
  for (const auto& r : reports) {
    fs::create_directories(tmp / "tables" / r.checker);
    for (const auto& t : r.tables) {
      fs::path base = tmp / "tables" / r.checker / t.name;
      if (full || format == "md") write_file(base.string() + ".md", table_markdown(t, digits));
      if (full || format == "tex") write_file(base.string() + ".tex", table_latex(t, digits));
      if (full || format == "csv") write_file(base.string() + ".csv", table_csv(t, digits));
      if (full || format == "json") write_file(base.string() + ".json", to_json(t, digits).dump(2) + "\n");
      ++summary.tables;
    }
  }

  // The standalone LaTeX document: every table, by checker, after the ledger.
  if (format == "tex") {
    std::string doc =
        "\\documentclass[11pt]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[a4paper,margin=2cm]{geometry}\n"
        "\\usepackage{array,booktabs,longtable,lscape}\n\\setlength{\\LTcapwidth}{\\linewidth}\n"
        "\\title{The claims of `Some Information Theoretic Perspectives on LLM Theory', checked}\n"
        "\\author{infocert report}\n\\date{}\n\\begin{document}\n\\maketitle\n"
        "\\section*{Claims ledger}\n\\input{claims.tex}\n";
    for (const auto& r : reports) {
      if (r.tables.empty()) continue;
      doc += "\\section*{" + latex_text(family_title(families, r.checker)) + "}\n";
      for (const auto& t : r.tables) doc += "\\input{tables/" + r.checker + "/" + t.name + ".tex}\n";
    }
    doc += "\\end{document}\n";
    write_file(tmp / "report.tex", doc);
  }

  // Counterexamples.
  for (const auto& r : reports)
    for (const auto& c : r.counterexamples) {
      fs::create_directories(tmp / "counterexamples");
      write_file(tmp / "counterexamples" / c.file, c.content);
      ++summary.counterexamples;
    }

  // Certificates of the proofs (infocert certcheck re-checks each).
  for (const auto& r : reports)
    for (const auto& c : r.certificates) {
      fs::create_directories(tmp / "certificates");
      write_file(tmp / "certificates" / c.file, c.content);
      ++summary.certificates;
    }

  // Figures: whatever the checkers declare, drawn from their tables.
  std::map<std::string, std::vector<FigureFiles>> figures;  // by checker
  std::size_t figure_count = 0;
  if (full) {
    fs::create_directories(tmp / "figures");
    std::string gnuplot = find_program("gnuplot");
    summary.figures_drawn = !gnuplot.empty();
    for (const auto& r : reports)
      for (const auto& decl : r.figures) {
        auto f = figure_files(decl, r, digits);
        if (!f) continue;
        write_file(tmp / "figures" / (f->name + ".dat"), f->data);
        write_file(tmp / "figures" / (f->name + ".gp"), f->script);
        if (!gnuplot.empty() && !run_gnuplot(gnuplot, tmp / "figures", f->name + ".gp"))
          throw std::runtime_error("gnuplot failed on figures/" + f->name + ".gp");
        figures[r.checker].push_back(*f);
        ++figure_count;
      }
  }

  // The index page: front matter, one section per claim family with its paragraph, claims,
  // tables and figures, as the checkers declare them.
  if (full) {
    std::set<std::string> used;
    std::string idx = "---\ntitle: \"The claims of 'Some Information Theoretic Perspectives on LLM Theory', checked\"\n"
                      "description: \"Exact and certified computations behind every formal statement of the post\"\n";
    // The bibliography beside the page: pandoc's (and Quarto's) bibliography, hugo-cite's bibFile.
    idx += format == "qmd" ? "bibliography: bibliography.json\n---\n\n" : "bibFile: bibliography.json\n---\n\n";
    idx += verdict_overview(reports, ext);
    for (const auto& r : reports) {
      const std::string title = family_title(families, r.checker);
      std::string paragraph, command = "infocert check " + r.checker;
      for (const auto& f : families)
        if (f.checker == r.checker) {
          paragraph = f.summary.empty() ? f.description : f.summary;
          if (!f.command.empty()) command = f.command;
        }
      idx += "\n## " + title + "\n\n" + expand_citations(paragraph, bibliography, format, &used) + "\n\n" +
             family_verdicts(r) + "\n\n";
      check::Table claims{"", "", "Claims (`" + command + "`).", {"id", "status", "evidence"}, {}};
      for (const auto& v : r.claims) claims.rows.push_back({v.id, check::status_name(v.status), v.evidence});
      idx += table_markdown(claims, digits);
      for (const auto& t : r.tables)
        idx += "\n### " + (t.title.empty() ? t.name : t.title) + "\n\n" + table_markdown(t, digits);
      // Figures with visible captions: Hugo's figure shortcode; in Quarto (and pandoc) an image
      // alone in its paragraph is a figure captioned by its text, labelled {#fig-NAME}.
      for (const auto& f : figures[r.checker])
        idx += summary.figures_drawn
                   ? (format == "qmd" ? "\n![" + f.caption + "](figures/" + f.name + ".svg){#fig-" + f.name + "}\n"
                                      : "\n{{< figure src=\"figures/" + f.name + ".svg\" caption=\"" +
                                            hugo_attribute(f.caption) + "\" >}}\n")
                                     : "\n(Figure " + f.name + " not drawn: gnuplot is not installed; data and script are in "
                                       "figures/" + f.name + ".dat and .gp.)\n";
    }
    idx += "\n## Claims ledger\n\n" + ledger_table;
    if (format == "qmd") {
      idx += "\n## References\n\n::: {#refs}\n:::\n";  // where pandoc puts the cited references
    } else {
      idx += "\n## References\n\n";
      for (const auto& key : used) idx += "- " + bibliography.reference(key) + "\n";
    }
    write_file(tmp / ("index." + ext), idx);
    write_file(tmp / "bibliography.json", bibliography.items(used).dump(2) + "\n");
  }
  summary.figures = figure_count;

  // The manifest: every file of this report, so that a later run replaces only these.
  std::string manifest = "written by infocert report\n";
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(tmp))
    if (e.is_regular_file() && e.path().filename() != kManifest)
      files.push_back(e.path().lexically_relative(tmp).generic_string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) manifest += f + "\n";
  write_file(tmp / kManifest, manifest);

  // Into place: swapped atomically with an earlier report (which then sits in tmp and is
  // removed), or renamed when there is none.
  if (fs::exists(fs::symlink_status(out))) {
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0)
      throw WriteError("cannot replace the earlier report: " + std::string(std::strerror(errno)));
  } else {
    fs::rename(tmp, out);
    *moved = true;
  }
  return summary;
}

}  // namespace

}  // namespace infocert::report
