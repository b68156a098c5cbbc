#include "infocert/report/report.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
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

// ---- table formats --------------------------------------------------------------------

namespace {
std::string cell_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

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

std::string table_latex(const check::Table& t) {
  std::string out = "\\begin{table}\n\\centering\n\\begin{tabular}{" + std::string(t.columns.size(), 'l') + "}\n\\hline\n";
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += (i ? " & " : "") + latex_escape(t.columns[i]);
  out += " \\\\\n\\hline\n";
  for (const auto& r : t.rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? " & " : "") + latex_escape(cell_text(r[i]));
    out += " \\\\\n";
  }
  out += "\\hline\n\\end{tabular}\n\\caption{" + latex_escape(t.caption) + "}\n\\label{tab:" + t.name + "}\n\\end{table}\n";
  return out;
}

std::string table_csv(const check::Table& t) {
  std::string out;
  for (std::size_t i = 0; i < t.columns.size(); ++i) out += (i ? "," : "") + csv_field(t.columns[i]);
  out += "\n";
  for (const auto& r : t.rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out += (i ? "," : "") + csv_field(cell_text(r[i]));
    out += "\n";
  }
  return out;
}

// ---- figures --------------------------------------------------------------------------

namespace {

const check::Table* find_table(const std::vector<check::CheckReport>& reports, const std::string& name) {
  for (const auto& r : reports)
    for (const auto& t : r.tables)
      if (t.name == name) return &t;
  return nullptr;
}

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

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

const char* kTerminal = "set encoding utf8\nset terminal svg size 720,440 dynamic enhanced font 'sans,13' background rgb 'white'\n";

struct Figure {
  std::string name, caption, data, script;
};

// Lemma A (a): E_M1[P(M1 | H_t)] by t, one line per case.
std::optional<Figure> posterior_figure(const check::Table& t) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> series;
  std::vector<std::string> order;
  for (const auto& r : t.rows) {
    std::string c = r[0].get<std::string>();
    if (!series.count(c)) order.push_back(c);
    series[c].push_back({r[1].dump(), r[2].get<std::string>()});
  }
  if (order.empty()) return std::nullopt;
  Figure f{"posterior", "Lemma A (a): the expected posterior of the true chain, E_M1[P(M1 | H_t)], grows with t.", "", ""};
  std::string plot;
  for (std::size_t i = 0; i < order.size(); ++i) {
    f.data += "# " + order[i] + "\n";
    for (const auto& [x, y] : series[order[i]]) f.data += x + " " + y + "\n";
    f.data += "\n\n";
    plot += std::string(i ? ", \\\n     " : "") + "'posterior.dat' index " + std::to_string(i) +
            " with linespoints lw 2 title '" + order[i] + "'";
  }
  f.script = std::string(kTerminal) + "set output 'posterior.svg'\nset title 'Lemma A (a): E_{M1}[P(M1 | H_t)] under M1'\n"
             "set xlabel 't (tokens seen)'\nset ylabel 'expected posterior of M1'\nset yrange [0:1]\nset key bottom right\n"
             "set grid\nplot " + plot + "\n";
  return f;
}

// Hypothesis B: eps(d, t) by d at the largest t of each case.
std::optional<Figure> excess_figure(const check::Table& t) {
  std::map<std::string, std::pair<long, std::vector<std::pair<std::string, std::string>>>> last;
  std::vector<std::string> order;
  for (const auto& r : t.rows) {
    std::string c = r[0].get<std::string>();
    long step = r[1].get<long>();
    if (!last.count(c)) order.push_back(c);
    auto& slot = last[c];
    if (step > slot.first) slot = {step, {}};
    if (step == slot.first) slot.second.push_back({r[2].dump(), r[3].get<std::string>()});
  }
  if (order.empty()) return std::nullopt;
  Figure f{"excess", "Hypothesis B: the expected excess loss of the horizon-d predictor falls as d grows.", "", ""};
  std::string plot;
  for (std::size_t i = 0; i < order.size(); ++i) {
    f.data += "# " + order[i] + " at t = " + std::to_string(last[order[i]].first) + "\n";
    for (const auto& [x, y] : last[order[i]].second) f.data += x + " " + y + "\n";
    f.data += "\n\n";
    plot += std::string(i ? ", \\\n     " : "") + "'excess.dat' index " + std::to_string(i) +
            " with linespoints lw 2 title '" + order[i] + " (t = " + std::to_string(last[order[i]].first) + ")'";
  }
  f.script = std::string(kTerminal) + "set output 'excess.svg'\nset title 'Hypothesis B: excess loss ε(d, t) by window length d'\n"
             "set xlabel 'window length d'\nset ylabel 'ε(d, t) (nats)'\nset logscale y\nset key top right\n"
             "set grid\nplot " + plot + "\n";
  return f;
}

// Theorem 3.5: the bound per token against the Monte Carlo estimates and ln d, by T.
std::optional<Figure> bound_figure(const check::Table& t) {
  auto col = [&](const char* name) {
    return static_cast<std::size_t>(std::find(t.columns.begin(), t.columns.end(), name) - t.columns.begin());
  };
  std::size_t cd = col("d"), ck = col("K"), cl = col("L"), cr = col("r"), ct = col("T"), cb = col("bound_per_token"),
              cln = col("ln_d"), clo = col("estimate_lo"), chi = col("estimate_hi");
  if (chi >= t.columns.size() || t.rows.empty()) return std::nullopt;
  std::map<std::string, std::string> data;
  std::vector<std::string> order;
  for (const auto& r : t.rows) {
    std::string key = "d=" + r[cd].dump() + " K=" + r[ck].dump() + " L=" + r[cl].dump() + " r=" + r[cr].dump();
    if (!data.count(key)) order.push_back(key);
    data[key] += r[ct].dump() + " " + r[cb].get<std::string>() + " " + r[cln].get<std::string>() + " " +
                 r[clo].get<std::string>() + " " + r[chi].get<std::string>() + "\n";
  }
  Figure f{"bound", "Theorem 3.5: the bound on the estimation error per token is far above ln d at these horizons, "
                    "while the Monte Carlo estimates of I(H_T; theta)/T stay small.", "", ""};
  std::string plot;
  for (std::size_t i = 0; i < order.size(); ++i) {
    f.data += "# " + order[i] + ": T bound ln_d estimate_lo estimate_hi\n" + data[order[i]] + "\n\n";
    std::string idx = std::to_string(i);
    plot += std::string(i ? ", \\\n     " : "") + "'bound.dat' index " + idx + " using 1:2 with linespoints lw 2 dt 1 lc " +
            std::to_string(i + 1) + " title 'bound, " + order[i] + "', \\\n     'bound.dat' index " + idx +
            " using 1:5 with linespoints lw 2 dt 2 lc " + std::to_string(i + 1) + " title 'estimate (upper), " + order[i] +
            "', \\\n     'bound.dat' index " + idx + " using 1:3 with lines lw 1 dt 3 lc " + std::to_string(i + 1) +
            " title 'ln d'";
  }
  f.script = std::string(kTerminal) + "set output 'bound.svg'\nset title 'Theorem 3.5: bound per token against the estimate'\n"
             "set xlabel 'T (tokens)'\nset ylabel 'nats per token'\nset logscale y\nset yrange [0.001:*]\n"
             "set key outside right top font 'sans,9'\nset grid\nplot " + plot + "\n";
  return f;
}

// The information diagram of H(X), H(Y), I(X;Y) for one case, with exact values.
std::optional<Figure> venn_figure(const check::Table& t) {
  if (t.rows.empty()) return std::nullopt;
  std::map<std::string, std::pair<std::string, std::string>> v;  // quantity -> exact, value
  for (const auto& r : t.rows) v[r[0].get<std::string>()] = {r[1].get<std::string>(), r[2].get<std::string>()};
  auto label = [&](const std::string& q) { return q + "\\n= " + v[q].first + "\\n~ " + v[q].second; };
  Figure f{"venn", "The information diagram of the worked example (data/cases/venn.json), exact values in nats.", "", ""};
  f.data = "# quantity exact value\n";
  for (const auto& [q, ev] : v) f.data += "\"" + q + "\" \"" + ev.first + "\" " + ev.second + "\n";
  f.script = std::string(kTerminal) +
             "set output 'venn.svg'\nset title 'H(X), H(Y) and I(X;Y) (nats)'\nunset border\nunset tics\nunset key\n"
             "set size ratio -1\nset xrange [-3.2:3.2]\nset yrange [-2:2]\n"
             "set object 1 circle at -0.8,0 size 1.6 fc rgb '#4a7bd0' fs transparent solid 0.25 border lc rgb '#4a7bd0'\n"
             "set object 2 circle at 0.8,0 size 1.6 fc rgb '#d07a4a' fs transparent solid 0.25 border lc rgb '#d07a4a'\n"
             "set label 1 \"" + label("H(X|Y)") + "\" at -1.5,0 center font 'sans,11'\n"
             "set label 2 \"" + label("I(X;Y)") + "\" at 0,0 center font 'sans,11'\n"
             "set label 3 \"" + label("H(Y|X)") + "\" at 1.5,0 center font 'sans,11'\n"
             "set label 4 \"H(X) = " + v["H(X)"].first + "\" at -0.8,1.8 center\n"
             "set label 5 \"H(Y) = " + v["H(Y)"].first + "\" at 0.8,-1.8 center\n"
             "plot NaN notitle\n";
  return f;
}

// The paragraphs of the index page, one per checker; {cite:key} becomes a citation.
const std::map<std::string, std::pair<std::string, std::string>>& family_text() {
  static const std::map<std::string, std::pair<std::string, std::string>> text = {
      {"definitions",
       {"Definitions",
        "The post defines conditional entropy as the expected entropy of X given Y = y and mutual information as "
        "H(X) - H(X|Y). On seeded random and degenerate rational joint distributions every identity of the "
        "information diagram holds exactly (the log-forms are equal term by term) {cite:latham2009}. Two "
        "formulas, read as typeset, say something else: the conditional entropy with the product sign missing, "
        "and E[-log2 X] for a numeric X; both are refuted with a counterexample."}},
      {"jeon_decomposition",
       {"Jeon et al. (2024) as retold",
        "The decomposition of the Bayes-optimal loss into the irreducible error and the estimation error "
        "I(H;theta) {cite:jeon2024information}, the sparse-mixture decomposition into a meta term and an "
        "intra-document term (Theorem 4.2, every step decided exactly), the in-context bound of Theorem 4.7, and "
        "the conditional independences the post uses. The post's restatement of Theorem 4.2 with M in place of T "
        "fails whenever M differs from T; the equivalence of the two conditional independences fails for general "
        "laws but both sides hold in the sparse-mixture model."}},
      {"lemma_a",
       {"Lemma A: mixtures of Markov chains have no finite horizon",
        "For two irreducible, not deterministically distinguishable chains the full-history predictor and every "
        "horizon-d predictor differ from some step on; the tables give the first such step, a witness pair of "
        "histories and the excess loss. Statement (a) of the proof, the Bayes step and statement (b) hold exactly; "
        "dropping a hypothesis admits mixtures that are finite-horizon processes, proved for every length. "
        "Hypothesis B is supported: the excess loss falls with the window length."}},
      {"corollary_a",
       {"The corollary: a bounded context cannot express a mixture",
        "A mixture of two distinct full-support horizon-2 models R and J is not a horizon-d1 process for any d1 "
        "checked: equal-length histories with the same last d1 tokens get different predictions. The reduction "
        "to window chains is exact, but those chains are not irreducible, so Lemma A does not apply to them as "
        "stated. Read literally (any n > 2 models, not necessarily different) the n-component version is false."}},
      {"transformer_bounds",
       {"The transformer bounds",
        "Theorem 3.5 bounds the estimation error of the transformer environment {cite:jeon2024information}. The "
        "implemented parameter count matches p = 2r^2(L-1) + dr + r^2; the bound per token stays above ln d, the "
        "trivial bound, until T reaches the crossover in the table, while Monte Carlo estimates of I(H_T; theta)/T "
        "for Gaussian weights are small. The post's Theorem 4.5 lacks the factor L of the paper's first term; "
        "both forms are evaluated."}},
      {"lemma_b",
       {"What the estimation error means",
        "One sequence law, many parametrisations: the constant table of next-token laws has estimation error 0 "
        "(Lemma B.1), encoding the whole sequence in theta gives H(H_T) (Lemma B.2), and encoding the first k "
        "tokens gives H(X_1..X_k) in between. The uniform (maximum-entropy) prior does not maximise the estimation "
        "error: the capacity-achieving prior beats it by a certified margin, and a correlated prior beats the "
        "product of its own marginals {cite:jeon2022information}."}},
  };
  return text;
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

}  // namespace

void check_output_folder(const std::string& out_dir) {
  const fs::path out = fs::path(out_dir).lexically_normal();
  if (out.empty() || out == "." || out == "/" || out.filename() == "..")
    throw InputError(out_dir + ": choose a new folder for --out");
  if (fs::exists(out) && (!fs::is_directory(out) || (!fs::is_empty(out) && !fs::exists(out / ".infocert-report"))))
    throw InputError(out_dir + ": exists and was not written by infocert report; choose another --out");
}

ReportSummary write_report(const std::string& out_dir, const std::vector<check::CheckReport>& reports,
                           const std::vector<std::pair<std::string, std::string>>& descriptions,
                           const std::string& format, const Bibliography& bibliography) {
  check_output_folder(out_dir);
  const fs::path out = fs::path(out_dir).lexically_normal();
  const fs::path tmp = out.parent_path() / (out.filename().string() + ".tmp");
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  ReportSummary summary;
  const bool full = format == "md" || format == "qmd";
  const std::string ext = format == "qmd" ? "qmd" : format;
  write_file(tmp / ".infocert-report", "written by infocert report\n");

  // The ledger, with links to the tables.
  auto rows = ledger(reports);
  if (format == "json") {
    write_file(tmp / "claims.json", ledger_json(rows).dump(2) + "\n");
  } else {
    check::Table claims{"claims", "The claims ledger: every claim of the catalogue with its status, scope and evidence.",
                        {"id", "claim", "status", "scope", "evidence", "tables", "counterexamples"}, {}};
    for (const auto& r : rows) {
      std::string links, ces;
      for (const auto& t : r.tables) links += (links.empty() ? "" : ", ") + (full ? "[" + t + "](tables/" + t + ".md)" : t);
      for (const auto& c : r.counterexamples)
        ces += (ces.empty() ? "" : ", ") + (full ? "[" + c + "](counterexamples/" + c + ")" : c);
      claims.rows.push_back({r.id, r.summary, r.status, r.scope, r.evidence, links, ces});
    }
    if (full) write_file(tmp / ("claims." + ext), "# Claims ledger\n\n" + table_markdown(claims));
    if (format == "tex") write_file(tmp / "claims.tex", table_latex(claims));
    if (format == "csv") write_file(tmp / "claims.csv", table_csv(claims));
  }

  // Tables.
  for (const auto& r : reports) {
    fs::create_directories(tmp / "tables" / r.checker);
    for (const auto& t : r.tables) {
      fs::path base = tmp / "tables" / r.checker / t.name;
      if (full || format == "md") write_file(base.string() + ".md", table_markdown(t));
      if (full || format == "tex") write_file(base.string() + ".tex", table_latex(t));
      if (full || format == "csv") write_file(base.string() + ".csv", table_csv(t));
      if (full || format == "json") write_file(base.string() + ".json", check::to_json(t).dump(2) + "\n");
      ++summary.tables;
    }
  }

  // Counterexamples.
  for (const auto& r : reports)
    for (const auto& c : r.counterexamples) {
      fs::create_directories(tmp / "counterexamples");
      write_file(tmp / "counterexamples" / c.file, c.content.dump(2) + "\n");
      ++summary.counterexamples;
    }

  std::vector<Figure> figures;
  if (full) {
    fs::create_directories(tmp / "figures");
    if (const auto* t = find_table(reports, "definitions_venn"))
      if (auto f = venn_figure(*t)) figures.push_back(*f);
    if (const auto* t = find_table(reports, "lemma_a_posterior"))
      if (auto f = posterior_figure(*t)) figures.push_back(*f);
    if (const auto* t = find_table(reports, "hypothesis_b_excess"))
      if (auto f = excess_figure(*t)) figures.push_back(*f);
    if (const auto* t = find_table(reports, "thm3.5_bound_vs_estimate"))
      if (auto f = bound_figure(*t)) figures.push_back(*f);
    std::string gnuplot = find_program("gnuplot");
    summary.figures_drawn = !gnuplot.empty();
    for (const auto& f : figures) {
      write_file(tmp / "figures" / (f.name + ".dat"), f.data);
      write_file(tmp / "figures" / (f.name + ".gp"), f.script);
      if (!gnuplot.empty()) {
        if (!run_gnuplot(gnuplot, tmp / "figures", f.name + ".gp"))
          throw std::runtime_error("gnuplot failed on figures/" + f.name + ".gp");
        ++summary.figures;
      }
    }
  }

  // The index page: front matter, one paragraph per claim family, its claims, tables, figures.
  if (full) {
    std::set<std::string> used;
    std::string idx = "---\ntitle: \"The claims of 'Some Information Theoretic Perspectives on LLM Theory', checked\"\n"
                      "description: \"Exact and certified computations behind every formal statement of the post\"\n";
    idx += format == "qmd" ? "bibliography: bibliography.json\n---\n\n" : "---\n\n";
    idx += "Every statement below was decided by exact computation: equalities of information quantities as "
           "exact log-forms, inequalities by certified intervals that exclude the boundary, refutations with a "
           "counterexample that `infocert verify` re-checks. A finite check is not a proof of a general "
           "statement; each claim lists the cases it covers. The full ledger is in [claims](claims." + ext + ").\n";
    for (const auto& r : reports) {
      auto it = family_text().find(r.checker);
      std::string title = it != family_text().end() ? it->second.first : r.checker;
      std::string paragraph = it != family_text().end() ? it->second.second : "";
      for (const auto& [name, d] : descriptions)
        if (name == r.checker && paragraph.empty()) paragraph = d;
      idx += "\n## " + title + "\n\n" + expand_citations(paragraph, bibliography, format, &used) + "\n\n";
      check::Table claims{"", "Claims (`infocert check " + r.checker + "`).", {"id", "status", "evidence"}, {}};
      for (const auto& v : r.claims) claims.rows.push_back({v.id, check::status_name(v.status), v.evidence});
      idx += table_markdown(claims);
      for (const auto& t : r.tables) idx += "\n### " + t.name + "\n\n" + table_markdown(t);
      for (const auto& f : figures) {
        bool mine = (f.name == "venn" && r.checker == "definitions") ||
                    ((f.name == "posterior" || f.name == "excess") && r.checker == "lemma_a") ||
                    (f.name == "bound" && r.checker == "transformer_bounds");
        if (!mine) continue;
        idx += summary.figures_drawn ? "\n![" + f.caption + "](figures/" + f.name + ".svg)\n"
                                     : "\n(Figure " + f.name + " not drawn: gnuplot is not installed; data and script are in "
                                       "figures/" + f.name + ".dat and .gp.)\n";
      }
    }
    if (format != "qmd") {
      idx += "\n## References\n\n";
      for (const auto& key : used) idx += "- " + bibliography.reference(key) + "\n";
    }
    write_file(tmp / ("index." + ext), idx);
  }
  summary.figures = figures.size();

  // Into place: the old tree aside, the new one in, the old one removed.
  const fs::path old = out.parent_path() / (out.filename().string() + ".old");
  fs::remove_all(old);
  if (fs::exists(out)) fs::rename(out, old);
  fs::rename(tmp, out);
  fs::remove_all(old);
  return summary;
}

}  // namespace infocert::report
