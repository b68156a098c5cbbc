// The `infocert` command: the only place that reads argv and prints for users.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "infocert/cases/case_file.hpp"
#include "infocert/cases/certcheck.hpp"
#include "infocert/cases/proof_files.hpp"
#include "infocert/prove/shannon.hpp"
#include "infocert/cases/data_dir.hpp"
#include "infocert/check/claims.hpp"
#include "lemmas/registry.hpp"
#include "infocert/cases/post.hpp"
#include "infocert/cases/read_declarations.hpp"
#include "infocert/cases/verify.hpp"
#include "infocert/distribution/channel.hpp"
#include "infocert/measure/measure.hpp"
#include "infocert/query/query.hpp"
#include "infocert/cases/open.hpp"
#include "infocert/error.hpp"
#include "infocert/progress.hpp"
#include "infocert/exact/decide.hpp"
#include "infocert/exact/enclosure.hpp"
#include "infocert/report/output.hpp"
#include "infocert/report/render.hpp"
#include "infocert/report/report.hpp"
#include "infocert_version.hpp"

namespace {

// One line on stderr for a task that has run longer than two seconds: what it is doing, how
// far it is, and the time left at the rate so far; cleared when the task ends.
class StderrProgress : public infocert::ProgressReporter {
 public:
  StderrProgress() {
    // INFOCERT_PROGRESS_AFTER: seconds before the line appears (default 2).
    if (const char* s = std::getenv("INFOCERT_PROGRESS_AFTER")) after_ = std::max(0.0, std::strtod(s, nullptr));
  }
  void update(const std::string& task, double done, double total, double seconds) override {
    if (!(seconds >= after_)) return;
    std::string line = "infocert: " + task;
    if (total > 0 && done > 0) {
      const double part = std::min(done / total, 1.0);
      char pct[32];
      std::snprintf(pct, sizeof pct, ": %.0f%%", 100 * part);
      line += pct + (part < 1 ? ", about " + duration(seconds * (1 - part) / part) + " left" : std::string());
    } else {
      line += ": " + duration(seconds) + " so far";
    }
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }
  void end(const std::string&, double) override {
    if (!drawn_) return;
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  static std::string duration(double s) {
    const long t = std::lround(s);
    if (t < 60) return std::to_string(t) + " s";
    if (t < 3600) return std::to_string(t / 60) + " min " + std::to_string(t % 60) + " s";
    return std::to_string(t / 3600) + " h " + std::to_string(t % 3600 / 60) + " min";
  }
  bool drawn_ = false;
  double after_ = 2;
};

using namespace infocert;

constexpr int kExitFalse = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitUndecided = 3;
constexpr int kExitInternal = 70;
constexpr unsigned kMaxDigits = 10000;

/// A usage error: printed as "infocert <command>: message", exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Edit distance (insertions, deletions, substitutions), for "did you mean".
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// The closest of `known` to `word` when it is close (at most 2 edits, and fewer than half
/// its length), else "".
std::string closest(const std::string& word, const std::vector<std::string>& known) {
  std::string best;
  std::size_t best_d = 3;
  for (const auto& k : known) {
    std::size_t d = edit_distance(word, k);
    if (d < best_d && 2 * d < std::max<std::size_t>(word.size(), 2)) {
      best = k;
      best_d = d;
    }
  }
  return best;
}

/// " (did you mean --digits?)" for the first word of `message` starting with "-" that is not
/// an option of `sub` but is close to one.
std::string option_suggestion(const std::string& message, const CLI::App* sub) {
  std::vector<std::string> names;
  for (const CLI::Option* o : sub->get_options()) {
    for (const auto& l : o->get_lnames()) names.push_back("--" + l);
    for (const auto& sn : o->get_snames()) names.push_back("-" + sn);
  }
  std::size_t start = 0;
  while ((start = message.find('-', start)) != std::string::npos) {
    if (start > 0 && message[start - 1] != ' ') {
      ++start;
      continue;
    }
    std::size_t end = message.find_first_of(" ,:", start);
    std::string word = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (word.size() > 2 && std::find(names.begin(), names.end(), word) == names.end()) {
      std::string best = closest(word, names);
      if (!best.empty()) return " (did you mean " + best + "?)";
    }
    start = end == std::string::npos ? message.size() : end;
  }
  return "";
}

void check_format(const std::string& format, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed)
    if (format == a) return;
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw UsageError("--format must be one of " + list + ", not \"" + format + "\"");
}

/// --max-memory: bytes, or a number with K, M, G or T (powers of 1024), e.g. 4G.
double memory_option(const std::string& text) {
  const std::string bad = "--max-memory must be a positive number of bytes, or one with K, M, G or T (e.g. 4G), not \"" +
                          text + "\"";
  if (text.empty() || text.size() > 40) throw UsageError(bad);
  std::string digits = text;
  double scale = 1;
  switch (digits.back()) {
    case 'K': case 'k': scale = 1024.0; break;
    case 'M': case 'm': scale = 1024.0 * 1024; break;
    case 'G': case 'g': scale = 1024.0 * 1024 * 1024; break;
    case 'T': case 't': scale = 1024.0 * 1024 * 1024 * 1024; break;
    default: break;
  }
  if (scale != 1) digits.pop_back();
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char ch) { return (ch >= '0' && ch <= '9') || ch == '.'; }) ||
      std::count(digits.begin(), digits.end(), '.') > 1 || digits == ".")
    throw UsageError(bad);
  const double v = std::strtod(digits.c_str(), nullptr) * scale;
  if (!(v > 0) || !std::isfinite(v)) throw UsageError(bad);
  return v;
}

void check_digits(unsigned digits) {
  if (digits < 1 || digits > kMaxDigits)
    throw UsageError("--digits must be between 1 and " + std::to_string(kMaxDigits));
}

std::string value_text(const std::string& query, const CertifiedValue& v, bool exact_shown = true) {
  std::string out = query + " = " + (exact_shown ? v.exact : v.exact.empty() ? "(no exact form: an enclosure)" : "(an exact form too long to show)") + "\n";
  if (v.is_zero) return out + "  exactly zero\n";
  out += "  value " + v.value + "\n";
  out += "  in    [" + v.lo + ", " + v.hi + "]\n";
  return out;
}

/// A measurement as printed: digits happen here, at the edge.
std::string value_text(const std::string& query, const Measurement& m, unsigned digits) {
  return value_text(query, certified(m, digits), m.exact_readable());
}

/// Options shared by measure and decide.
struct CaseArgs {
  std::string file;
  bool bits = false;
  unsigned digits = 40;
  std::string format = "text";
  std::string horizon_text;
  unsigned documents = 0, incontext = 0;

  /// --horizon: T, FIRST..LAST or T1,T2,...; empty when not given.
  std::vector<unsigned> horizons() const {
    std::vector<unsigned> out;
    if (horizon_text.empty()) return out;
    // Each horizon up to 10^7 (the case kind then sets its own limit: 1000 tokens for the
    // enumerated sequence models, more for a Dirichlet prior), at most 1000 of them.
    const std::string bad = "--horizon must be T, FIRST..LAST or a list T1,T2,..., each from 1 to 10000000 and at most "
                            "1000 of them, not \"" + horizon_text + "\"";
    auto number = [&](const std::string& t) {
      if (t.empty() || t.size() > 8 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw UsageError(bad);
      unsigned v = static_cast<unsigned>(std::stoul(t));
      if (v < 1 || v > 10000000) throw UsageError(bad);
      return v;
    };
    if (auto dots = horizon_text.find(".."); dots != std::string::npos) {
      unsigned a = number(horizon_text.substr(0, dots)), b = number(horizon_text.substr(dots + 2));
      if (a > b || b - a >= 1000) throw UsageError(bad);
      for (unsigned t = a; t <= b; ++t) out.push_back(t);
    } else {
      std::size_t start = 0;
      while (true) {
        std::size_t comma = horizon_text.find(',', start);
        out.push_back(number(horizon_text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (out.size() > 1000) throw UsageError(bad);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    return out;
  }

  /// The horizons to run at: those of --horizon, or the case's own (nullopt).
  std::vector<std::optional<unsigned>> sweep() const {
    std::vector<std::optional<unsigned>> out;
    for (unsigned t : horizons()) out.push_back(t);
    if (out.empty()) out.push_back(std::nullopt);
    return out;
  }

  HorizonOptions horizon_options(std::optional<unsigned> horizon) const {
    HorizonOptions h;
    if (horizon) h.tokens = *horizon;
    if (documents) h.documents = documents;
    if (incontext) h.incontext = incontext;
    return h;
  }
  MeasureOptions measure_options() const {
    MeasureOptions o;
    o.digits = digits;
    o.unit = bits ? Unit::bit : Unit::nat;
    return o;
  }
  void add_to(CLI::App* app) {
    app->add_option("CASE", file, "case file (JSON)")->required();
    app->add_flag("--bits", bits, "values in bits; rational constants in queries are bits");
    app->add_option("--digits", digits, "certified digits after the point (default 40)");
    app->add_option("--format", format, "text or json (default text)");
    app->add_option("--horizon", horizon_text,
                    "sequence models: tokens per document T; a sweep FIRST..LAST or T1,T2,... prints a table "
                    "(queries may use T)");
    app->add_option("--documents", documents, "sequence models: number of documents M")->check(CLI::Range(1u, 1000u));
    app->add_option("--incontext", incontext, "sparse mixtures: tokens tau of the in-context document M+1")
        ->check(CLI::Range(1u, 1000u));
  }
};

/// Runs f; an InputError from it (an unknown variable, an enclosure that cannot be made
/// narrow enough) is reported against the case file.
template <class F>
auto on_case(const std::string& file, F f) {
  try {
    return f();
  } catch (const InputError& e) {
    rethrow_with_context(e, file + ": ");
  }
}

/// Parses a command-line query or claim; its errors name the command, not a file.
template <class Parse>
auto parse_argument(const std::string& text, Parse parse) {
  try {
    return parse(text);
  } catch (const InputError& e) {
    throw UsageError(e.what());
  }
}

// ---- measure ------------------------------------------------------------------------

struct MeasureArgs : CaseArgs {
  std::vector<std::string> queries;
};

int run_measure(const MeasureArgs& a) {
  check_format(a.format, {"text", "json"});
  check_digits(a.digits);
  const std::vector<std::optional<unsigned>> sweep = a.sweep();
  // Queries are checked once before any computation (T = 1 stands in for the horizon).
  for (const auto& q : a.queries) parse_argument(q, [](const std::string& t) { return parse_query(t, {{"T", Rational(1)}}); });
  const MeasureOptions options = a.measure_options();
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, Measurement>>>> rows;
  std::vector<std::string> notes;
  Progress progress("measuring at " + std::to_string(sweep.size()) + " horizons", static_cast<double>(sweep.size()), 1);
  for (const auto& t : sweep) {
    auto c = open_case(a.file, a.horizon_options(t));
    const QuerySymbols symbols = c->symbols();
    std::vector<Query> queries;
    for (const auto& q : a.queries) queries.push_back(parse_argument(q, [&](const std::string& x) { return parse_query(x, symbols); }));
    if (queries.empty()) queries = c->default_queries();
    QueryEvaluator eval(c->source());
    std::vector<std::pair<std::string, Measurement>> results;
    for (const auto& q : queries) results.emplace_back(q.text, on_case(a.file, [&] { return measure(eval, q, options); }));
    rows.emplace_back(t ? std::to_string(*t) : "", std::move(results));
    notes = c->notes();
  }
  std::string out;
  if (sweep.size() == 1) {
    const auto& results = rows.front().second;
    if (a.format == "json") {
      out = report::measure_json(a.file, options.unit, a.digits, results, notes);
    } else {
      out = "case " + a.file + " (unit: " + unit_name(options.unit) + ", " + std::to_string(a.digits) + " digits)\n";
      for (const auto& n : notes) out += "note: " + n + "\n";
      for (const auto& [text, m] : results) out += value_text(text, m, a.digits);
    }
  } else if (a.format == "json") {
    out = report::measure_sweep_json(a.file, options.unit, a.digits, rows);
  } else {
    // One row per horizon: each value correctly rounded to the digits asked.
    out = "case " + a.file + " (unit: " + unit_name(options.unit) + ", " + std::to_string(a.digits) +
          " digits; each value certified to the digits shown)\nT";
    for (const auto& [text, m] : rows.front().second) out += "\t" + text;
    out += "\n";
    for (const auto& [t, results] : rows) {
      out += t;
      for (const auto& [text, m] : results) out += "\t" + certified(m, a.digits).value;
      out += "\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

// ---- decide -------------------------------------------------------------------------

struct DecideArgs : CaseArgs {
  std::string claim;
};

int run_decide(const DecideArgs& a) {
  check_format(a.format, {"text", "json"});
  check_digits(a.digits);
  parse_argument(a.claim, [](const std::string& t) { return parse_claim(t, {{"T", Rational(1)}}); });
  const std::vector<std::optional<unsigned>> sweep = a.sweep();
  std::vector<std::pair<std::string, std::pair<ClaimExpr, ClaimDecision>>> rows;
  Progress progress("deciding at " + std::to_string(sweep.size()) + " horizons", static_cast<double>(sweep.size()), 1);
  for (const auto& t : sweep) {
    auto c = open_case(a.file, a.horizon_options(t));
    const QuerySymbols symbols = c->symbols();
    ClaimExpr claim = parse_argument(a.claim, [&](const std::string& x) { return parse_claim(x, symbols); });
    QueryEvaluator eval(c->source());
    ClaimDecision d = on_case(a.file, [&] { return decide(eval, claim, a.measure_options()); });
    rows.emplace_back(t ? std::to_string(*t) : "", std::make_pair(claim, d));
  }
  bool any_false = false, any_undecided = false;
  for (const auto& [t, cd] : rows) {
    any_false = any_false || (cd.second.decided() && !cd.second.holds);
    any_undecided = any_undecided || !cd.second.decided();
  }
  std::string out;
  auto verdict = [](const ClaimDecision& d) { return !d.decided() ? "undecided" : d.holds ? "holds" : "does not hold"; };
  if (sweep.size() == 1) {
    const auto& [claim, d] = rows.front().second;
    if (a.format == "json") {
      out = report::decide_json(claim, d, a.digits);
    } else {
      std::string how = d.decided() ? d.how() : d.reason;
      out = claim.text + ": " + verdict(d) + " (" + how + ")\n";
      out += value_text(claim.lhs.text, d.lhs, a.digits) + value_text(claim.rhs.text, d.rhs, a.digits);
    }
  } else if (a.format == "json") {
    std::vector<std::pair<std::string, std::string>> docs;
    for (const auto& [t, cd] : rows) docs.emplace_back(t, report::decide_json(cd.first, cd.second, a.digits));
    out = report::decide_sweep_json(a.claim, docs);
  } else {
    out = a.claim + " (" + std::to_string(a.digits) + " digits; each value certified to the digits shown)\nT\tverdict\tlhs\trhs\thow\n";
    for (const auto& [t, cd] : rows) {
      const ClaimDecision& d = cd.second;
      out += t + "\t" + verdict(d) + "\t" + certified(d.lhs, a.digits).value + "\t" + certified(d.rhs, a.digits).value +
             "\t" + (d.decided() ? d.how() : d.reason) + "\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return any_false ? kExitFalse : any_undecided ? kExitUndecided : 0;
}

// ---- capacity -----------------------------------------------------------------------

struct CapacityArgs {
  std::string file;
  bool bits = false;
  unsigned digits = 40;
  std::string format = "text";
};

int run_capacity(const CapacityArgs& a) {
  check_format(a.format, {"text", "json"});
  check_digits(a.digits);
  Channel w = read_channel_case(a.file);
  CapacityResult c = on_case(a.file, [&] { return channel_capacity(w, Rational(1, pow10(a.digits + 1))); });
  Unit unit = a.bits ? Unit::bit : Unit::nat;
  std::string out;
  if (a.format == "json") {
    out = report::capacity_json(a.file, unit, a.digits, w, c);
  } else {
    CertifiedValue cap = certify_enclosure(enclosure_in_unit(c.capacity, unit), a.digits);
    out = "channel " + a.file + " (unit: " + unit_name(unit) + ", " + std::to_string(a.digits) + " digits)\n";
    out += "capacity\n  value " + cap.value + "\n  in    [" + cap.lo + ", " + cap.hi + "]\n";
    out += "prior (rounded; its information is the lower end)\n";
    for (std::size_t x = 0; x < w.inputs.size(); ++x) out += "  " + w.inputs[x] + ": " + c.prior[x].str() + "\n";
    out += "Blahut-Arimoto iterations: " + std::to_string(c.iterations) +
           (c.newton_iterations ? "; then " + std::to_string(c.newton_iterations) + " Newton steps on the KKT conditions" : "") +
           "; support: " + std::to_string(c.support) + " of " + std::to_string(w.inputs.size()) + " inputs\n";
  }
  if (!c.width_met)  // not known to the digits asked: undecided within the budget (exit 3)
    throw BudgetExceeded(a.file + ": the enclosure did not reach 10^-" + std::to_string(a.digits) + " within " +
                         std::to_string(c.iterations) + " Blahut-Arimoto iterations (Newton on the KKT conditions did not converge); " +
                         (c.cut_by_work ? "the iterations were cut to " + std::to_string(c.iteration_limit) +
                                              " by --max-work: raise it, or ask for fewer --digits"
                                        : std::string("ask for fewer --digits")));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

// ---- check and claims ---------------------------------------------------------------

struct CheckArgs {
  std::string name;
  std::vector<std::string> cases;
  std::vector<std::string> claim_files;
  std::string format = "text";
  unsigned digits = 12;
};

int run_check(const CheckArgs& a) {
  check_format(a.format, {"text", "json", "md"});
  check_digits(a.digits);
  std::vector<ClaimFile> user = load_claim_files(a.claim_files, lemmas::checkers());
  std::vector<const check::Checker*> selected;
  if (a.name == "all") {
    for (const auto& c : lemmas::checkers()) selected.push_back(&c);
  } else if (a.name.empty()) {
    if (a.claim_files.empty()) throw UsageError("give a checker name, all, or --claims FILE");
    selected = procedures_of(user, lemmas::checkers());
  } else if (const check::Checker* c = lemmas::find_checker(a.name)) {
    selected.push_back(c);
  } else {
    std::string known;
    for (const auto& c : lemmas::checkers()) known += ", " + c.name;
    throw UsageError("unknown checker \"" + a.name + "\" (checkers: all" + known + ")");
  }
  if (!a.cases.empty() && !a.claim_files.empty())
    throw UsageError("--case runs a checker on other cases; a claim file names its own cases (give one or the other)");
  check::CheckOptions options{a.cases};
  std::vector<check::CheckReport> reports;
  std::vector<std::string> descriptions;
  Progress progress("running " + std::to_string(selected.size()) + (selected.size() == 1 ? " checker" : " checkers"),
                    static_cast<double>(selected.size()), 1);
  for (const auto* c : selected) {
    reports.push_back(c->run(options));
    descriptions.push_back(c->description);
    progress.advance();
  }
  for (std::size_t i = 0; i < user.size(); ++i)
    for (auto& r : run_claim_files({user[i]})) {
      reports.push_back(std::move(r));
      descriptions.push_back(user[i].title.empty() ? "claims of " + user[i].file : user[i].title);
    }
  bool as_expected = true;
  for (const auto& r : reports) as_expected = as_expected && r.unexpected().empty();
  std::string out;
  if (a.format == "json") {
    out = report::check_json(reports, a.digits, a.name == "all");
  } else {
    for (std::size_t i = 0; i < reports.size(); ++i) {
      if (i) out += "\n";
      out += a.format == "md" ? report::check_markdown(reports[i], descriptions[i], a.digits)
                              : report::check_text(reports[i], descriptions[i]);
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return as_expected ? 0 : kExitFalse;
}

int run_report(const std::string& out_dir, const std::string& format, unsigned digits,
               const std::vector<std::string>& claim_files) {
  check_format(format, {"md", "qmd", "tex", "csv", "json"});
  check_digits(digits);
  if (out_dir.empty()) throw UsageError("--out DIR is required");
  std::vector<ClaimFile> user = load_claim_files(claim_files, lemmas::checkers());
  report::check_output_folder(out_dir);
  report::Bibliography bib = report::Bibliography::load(data_dir() + "/bibliography.json");
  std::vector<check::CheckReport> reports;
  std::vector<report::Family> families;
  Progress progress("running " + std::to_string(lemmas::checkers().size()) + " checkers and " +
                        std::to_string(user.size()) + " claim files",
                    static_cast<double>(lemmas::checkers().size() + user.size()), 1);
  for (const auto& c : lemmas::checkers()) {
    reports.push_back(c.run({}));
    families.push_back({c.name, c.title, c.summary, c.description});
    progress.advance();
  }
  for (const ClaimFile& f : user) {
    for (auto& r : run_claim_files({f})) {
      families.push_back({r.checker, f.title.empty() ? "Claims of " + r.checker : f.title, f.summary,
                          "claims of " + f.file, "infocert check --claims " + f.file});
      reports.push_back(std::move(r));
    }
    progress.advance();
  }
  report::ReportSummary s = report::write_report(out_dir, reports, families, format, bib, digits);
  std::printf("report written to %s: %zu tables, %zu figures%s, %zu counterexamples, %zu certificates\n", out_dir.c_str(),
              s.tables, s.figures, s.figures_drawn || s.figures == 0 ? "" : " (data and scripts only: gnuplot is not installed)",
              s.counterexamples, s.certificates);
  return 0;
}

int run_verify(const std::string& file, const std::string& format, const std::vector<std::string>& claim_files) {
  check_format(format, {"text", "json"});
  load_claim_files(claim_files, lemmas::checkers());
  VerifyResult v = verify_case(file);
  std::string out;
  if (format == "json") {
    out = report::verify_json(file, v);
  } else {
    out = file + ": speaks to " + v.claim +
          (v.catalogued ? "" : " (not in the catalogue: the file's hypotheses and assertions are checked as written)") +
          "\n";
    for (const auto& l : v.lines)
      out += std::string(!l.decided ? "  UNDECIDED      " : l.holds ? "  holds          " : "  DOES NOT HOLD  ") + l.text +
             " (" + l.how + ")\n";
    out += v.holds()     ? "verdict: every assertion of the file holds\n"
           : v.refuted() ? "verdict: the file's assertions do not all hold\n"
                         : "verdict: undecided (no assertion fails, but not every one could be decided)\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return v.holds() ? 0 : v.refuted() ? kExitFalse : kExitUndecided;
}

int run_claims(const std::string& format, const std::vector<std::string>& claim_files) {
  check_format(format, {"md", "json"});
  std::vector<ClaimFile> user = load_claim_files(claim_files, lemmas::checkers());
  std::vector<check::CheckReport> reports;
  for (const auto& c : lemmas::checkers()) reports.push_back(c.run({}));
  for (auto& r : run_claim_files(user)) reports.push_back(std::move(r));
  auto rows = report::ledger(reports);
  std::string out = format == "json" ? report::ledger_json(rows).dump(2) + "\n" : report::ledger_markdown(rows);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int run_sync(const std::string& post_file, const std::vector<std::string>& claim_files, const std::string& format) {
  check_format(format, {"text", "json", "md"});
  std::vector<check::ClaimInfo> claims;
  if (claim_files.empty()) {
    lemmas::checkers();
    claims = check::catalogue();
  } else {
    for (const std::string& f : claim_files)
      for (const ClaimSpec& c : read_claim_file(f).claims) claims.push_back(c.info);
  }
  SyncResult r = sync_post(Post::read(post_file), claims);
  std::string out = format == "json" ? report::sync_json(r) : format == "md" ? report::sync_markdown(r) : report::sync_text(r);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return r.stale() == 0 ? 0 : kExitFalse;
}

// ---- prove and certcheck --------------------------------------------------------------

struct ProveArgs {
  std::string claim, format = "text", certificate, counterexample;
  std::vector<std::string> given, variables;
};

void write_whole_file(const std::string& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw UsageError("cannot write " + file);
  out << text;
  if (!out.flush()) throw UsageError("cannot write " + file);
}

int run_prove(const ProveArgs& a) {
  check_format(a.format, {"text", "json"});
  prove::Problem problem = parse_argument(a.claim, [&](const std::string& t) { return prove::make_problem(t, a.given, a.variables); });
  prove::Result r = prove::prove(problem);
  if (!a.counterexample.empty() && !r.distribution && r.outcome == prove::Outcome::proved)
    std::fprintf(stderr, "infocert prove: proved, so no counterexample is written to %s\n", a.counterexample.c_str());
  std::string cert = prove::certificate_json(r);
  if (!a.certificate.empty()) write_whole_file(a.certificate, cert);
  if (!a.counterexample.empty() && r.distribution) write_whole_file(a.counterexample, prove::counterexample_case(r));
  std::string out = a.format == "json" ? cert : prove::proof_text(r);
  if (a.format == "text" && r.outcome == prove::Outcome::refuted && a.counterexample.empty())
    out += "  (--counterexample FILE writes it as a case file for infocert verify)\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return r.outcome == prove::Outcome::proved ? 0 : r.outcome == prove::Outcome::refuted ? kExitFalse : kExitUndecided;
}

int run_certcheck(const std::string& file) {
  certcheck::Report r = certcheck::check(read_text_file(file), file);
  std::string out = file + ": " + (r.accepted ? "accepted" : "REJECTED") + " (" + r.outcome + ")\n";
  for (const auto& f : r.findings) out += "  " + f + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return r.accepted ? 0 : kExitFalse;
}

// An error line as printed: runs of more than 40 digits (numbers echoed from the input) cut
// to their ends and length, bytes that are not UTF-8 shown as \xNN, line breaks as spaces,
// and at most 1000 bytes.
std::string error_line(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      std::size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      if (j - i > 40)
        out += s.substr(i, 12) + "...(" + std::to_string(j - i) + " digits)..." + s.substr(j - 6, 6);
      else
        out.append(s, i, j - i);
      i = j;
      continue;
    }
    // UTF-8: a lead byte and its continuation bytes, or one byte shown as \xNN.
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
    if (!valid) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
      ++i;
    } else if (c == '\n' || c == '\r') {
      out += ' ';
      ++i;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  if (out.size() > 1000) {
    std::size_t cut = 990;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) >> 6) == 2) --cut;  // not inside a character
    out = out.substr(0, cut) + " ... (" + std::to_string(out.size()) + " bytes)";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"infocert: exact and certified checks of information-theoretic claims", "infocert"};
  app.set_version_flag("--version", std::string("infocert ") + INFOCERT_VERSION);
  app.require_subcommand(1);
  bool quiet = false;
  app.add_flag("--quiet", quiet, "no progress line on stderr (it is drawn only on a terminal, for tasks over ~2 s)");
  double timeout = 0;
  app.add_option("--timeout", timeout,
                 "stop with exit 3 once this many seconds have passed (checked between units of work: enumeration "
                 "nodes, Blahut-Arimoto iterations, horizons of a sweep, checkers)");
  double max_work = kDefaultMaxWork;
  app.add_option("--max-work", max_work,
                 "largest computation, in elementary steps (enumeration node-components, type-class terms, "
                 "transformer interval operations; default 5e8, about a minute)");
  std::string max_memory = "2G";
  app.add_option("--max-memory", max_memory,
                 "largest memory a table or enumeration may plan to use: bytes, or with K, M, G, T (default 2G)");
  app.fallthrough();  // the global options after the command too

  MeasureArgs measure;
  auto* m = app.add_subcommand("measure", "Exact and certified information measures of a case");
  measure.add_to(m);
  m->add_option("--query,-q", measure.queries,
                "a query such as 'H(X,Y|Z)', 'I(X;Y|Z)', '2 H(X) - I(X;Y)' (repeatable; default: "
                "the entropies of the variables, or of the tokens and latents of a sequence model)");

  DecideArgs decide_args;
  auto* d = app.add_subcommand("decide", "Decide a claim 'EXPR OP EXPR' (OP: = != < <= > >=) on a case");
  decide_args.add_to(d);
  d->add_option("CLAIM", decide_args.claim, "e.g. 'I(X;Y|Z) = 0' or 'H(X|Y) <= H(X)'")->required();
  d->footer("Exit status: 0 the claim holds, 1 it does not, 2 bad input, 3 undecided (an equality between values "
            "known only by enclosures, or an enclosure that never excluded 0).");

  CapacityArgs capacity_args;
  auto* cap = app.add_subcommand("capacity", "Certified capacity of a finite channel (kind channel)");
  cap->add_option("CASE", capacity_args.file, "case file (JSON, kind channel)")->required();
  cap->add_flag("--bits", capacity_args.bits, "report in bits instead of nats");
  cap->add_option("--digits", capacity_args.digits, "certified digits after the point (default 40)");
  cap->add_option("--format", capacity_args.format, "text or json (default text)");
  cap->footer("The enclosure is the sandwich I(p) <= C <= max_x D(W(.|x) || pW) for the rounded prior p shown.");

  CheckArgs check_args;
  auto* c = app.add_subcommand("check", "Run a claim checker (or all) and report each claim's status");
  c->add_option("NAME", check_args.name, "checker name, or all (may be left out with --claims)");
  c->add_option("--case", check_args.cases, "run on these case files instead of the built-in cases");
  c->add_option("--claims", check_args.claim_files, "claim files to check (see the README, \"Check your own claim\")");
  c->add_option("--format", check_args.format, "text, json or md (default text)");
  c->add_option("--digits", check_args.digits, "certified digits in tables (default 12)");
  c->footer("Exit status: 0 every claim has the status its claim file expects (a claim without \"expected\": any "
            "status but refuted), 1 otherwise, 2 bad input.");

  std::string report_out, report_format = "md";
  unsigned report_digits = 12;
  auto* rep = app.add_subcommand("report", "Write the blog report: ledger, tables, figures, counterexamples, index");
  rep->add_option("--out", report_out, "folder to write (replaced if it holds an earlier report)")->required();
  rep->add_option("--format", report_format, "md (Hugo), qmd (Quarto), tex, csv or json (default md)");
  rep->add_option("--digits", report_digits, "certified digits in tables (default 12)");
  std::vector<std::string> report_claims, verify_claims, ledger_claims;
  rep->add_option("--claims", report_claims, "claim files whose claims join the report");

  std::string verify_file, verify_format = "text";
  auto* ver = app.add_subcommand("verify", "Re-check a case file that names a claim (a counterexample or a witness)");
  ver->add_option("CASE", verify_file, "case file with \"claim\" and \"assert\" and/or \"recheck\"")->required();
  ver->add_option("--format", verify_format, "text or json (default text)");
  ver->add_option("--claims", verify_claims, "claim files that state the claim the case speaks to");
  ver->footer("Exit status: 0 every assertion of the file holds, 1 one does not, 2 bad input, 3 undecided.");

  std::string claims_format = "md";
  auto* l = app.add_subcommand("claims", "The claims ledger: every claim, its status, scope and evidence");
  l->add_option("--format", claims_format, "md or json (default md)");
  l->add_option("--claims", ledger_claims, "claim files whose claims join the ledger");

  std::string sync_post_file, sync_format = "text";
  std::vector<std::string> sync_claims;
  auto* sy = app.add_subcommand("sync", "Locate each claim's sentence in a version of the post and list what changed");
  sy->add_option("POST", sync_post_file, "the post (Hugo Markdown or Quarto .qmd)")->required();
  sy->add_option("--claims", sync_claims, "claim files to locate (default: the built-in catalogue)");
  sy->add_option("--format", sync_format, "text, json or md (a checklist; default text)");
  sy->footer("A claim is stale when its section or its words are no longer in the post, or the sentence's fingerprint "
             "differs from the one its claim file records. Exit status: 0 nothing stale, 1 something stale, 2 bad input.");

  ProveArgs prove_args;
  auto* pr = app.add_subcommand("prove", "Prove an information inequality for every distribution (Shannon-type), with a certificate");
  pr->add_option("CLAIM", prove_args.claim, "e.g. 'I(X;Z) <= I(X;Y)' or 'H(X,Y) = H(X) + H(Y|X)'")->required();
  pr->add_option("--given", prove_args.given,
                 "a constraint (repeatable): a linear (in)equality such as 'I(X;Y) = 0', or 'A -> B -> C' (Markov "
                 "chain), 'A : B' (A is a function of B), 'A . B . C' (mutually independent)");
  pr->add_option("--variables", prove_args.variables,
                 "the variables, comma-separated; any other name is an error (default: every name used)")
      ->delimiter(',');
  pr->add_option("--format", prove_args.format, "text (a readable proof) or json (the certificate; default text)");
  pr->add_option("--certificate", prove_args.certificate, "write the certificate (JSON) to this file");
  pr->add_option("--counterexample", prove_args.counterexample,
                 "when a distribution refutes the claim, write it as a case file for infocert verify");
  pr->footer("At most 10 variables. Exit status: 0 proved, 1 refuted by a distribution, 2 bad input, 3 not "
             "Shannon-type (a polymatroid violates it; it may still hold).");

  std::string certcheck_file;
  auto* cc = app.add_subcommand("certcheck", "Re-check a certificate of infocert prove in exact arithmetic, independently");
  cc->add_option("CERT", certcheck_file, "certificate (JSON, from prove --certificate or --format json)")->required();
  cc->footer("Exit status: 0 accepted, 1 rejected (the first failing check is named), 2 not a certificate.");

  std::string command = "infocert";
  try {
    if (argc > 1 && argv[1][0] != '-') {
      std::string first = argv[1], known;
      std::vector<std::string> names;
      bool found = false;
      for (auto* sub : app.get_subcommands({})) {
        known += (known.empty() ? "" : ", ") + sub->get_name();
        names.push_back(sub->get_name());
        found = found || sub->get_name() == first;
      }
      std::string best = closest(first, names);
      if (!found)
        throw UsageError("unknown command \"" + first + "\"" + (best.empty() ? "" : " (did you mean " + best + "?)") +
                         " (commands: " + known + ")");
    }
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      std::string what = e.what(), hint;
      for (auto* sub : app.get_subcommands()) {
        command += " " + sub->get_name();
        hint = option_suggestion(what, sub);
      }
      throw UsageError(what + hint + " (see " + command + " --help)");
    }
    for (auto* sub : app.get_subcommands()) command += " " + sub->get_name();
    static StderrProgress line;
    if (!quiet && isatty(2)) set_progress_reporter(&line);
    if (!std::isfinite(max_work) || max_work <= 0) throw UsageError("--max-work must be a positive finite number");
    set_limits({max_work, memory_option(max_memory)});
    if (app.count("--timeout")) {
      if (!(timeout > 0) || !std::isfinite(timeout)) throw UsageError("--timeout must be a positive number of seconds");
      set_deadline(timeout);
    }
    if (m->parsed()) return run_measure(measure);
    if (d->parsed()) return run_decide(decide_args);
    if (c->parsed()) return run_check(check_args);
    if (cap->parsed()) return run_capacity(capacity_args);
    if (l->parsed()) return run_claims(claims_format, ledger_claims);
    if (rep->parsed()) return run_report(report_out, report_format, report_digits, report_claims);
    if (ver->parsed()) return run_verify(verify_file, verify_format, verify_claims);
    if (sy->parsed()) return run_sync(sync_post_file, sync_claims, sync_format);
    if (pr->parsed()) return run_prove(prove_args);
    if (cc->parsed()) return run_certcheck(certcheck_file);
    return kExitBadInput;
  } catch (const BudgetExceeded& e) {
    // The input is fine; the answer is not known within the budget.
    std::fprintf(stderr, "%s\n", error_line(e.what()).c_str());
    return kExitUndecided;
  } catch (const InputError& e) {
    // Case-file errors start with the file name; others name the command.
    std::fprintf(stderr, "%s\n", error_line(e.what()).c_str());
    return kExitBadInput;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "%s: %s\n", command.c_str(), error_line(e.what()).c_str());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: internal error: %s\n", command.c_str(), e.what());
    return kExitInternal;
  }
}
