#include "infocert/cases/read_declarations.hpp"
#include "infocert/prove/shannon.hpp"

#include <filesystem>
#include <regex>

#include "infocert/cases/case_file.hpp"
#include "infocert/cases/write.hpp"
#include "infocert/distribution/readings.hpp"
#include "infocert/error.hpp"
#include "infocert/models/latent_mixture.hpp"
#include "infocert/models/state_model.hpp"

namespace infocert {

using nlohmann::json;

namespace {

std::string text(const CaseReader& r, const json& object, const JsonPath& at, const char* key, bool required = true) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) r.fail(at, std::string("missing \"") + key + "\"");
    return "";
  }
  if (!it->is_string()) r.fail(at.key(key), "expected a string, found " + it->dump());
  return it->get<std::string>();
}

std::vector<std::string> texts(const CaseReader& r, const json& object, const JsonPath& at, const char* key) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end()) return out;
  if (!it->is_array()) r.fail(at.key(key), "expected an array of strings");
  for (std::size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_string()) r.fail(at.key(key).index(i), "expected a string, found " + (*it)[i].dump());
    out.push_back((*it)[i].get<std::string>());
  }
  return out;
}

const json& array(const CaseReader& r, const json& object, const JsonPath& at, const char* key) {
  static const json empty = json::array();
  auto it = object.find(key);
  if (it == object.end()) return empty;
  if (!it->is_array()) r.fail(at.key(key), "expected an array");
  for (std::size_t i = 0; i < it->size(); ++i)
    if (!(*it)[i].is_object()) r.fail(at.key(key).index(i), "expected an object");
  return *it;
}

check::Table table(const CaseReader& r, const json& t, const JsonPath& at) {
  r.check_keys(t, at, {"name", "title", "caption", "columns"});
  check::Table out{text(r, t, at, "name"), text(r, t, at, "title"), text(r, t, at, "caption"), {}, {}};
  for (auto& c : texts(r, t, at, "columns")) out.columns.emplace_back(std::move(c));
  if (out.columns.empty()) r.fail(at.key("columns"), "a table needs at least one column");
  return out;
}

check::Figure figure(const CaseReader& r, const json& f, const JsonPath& at, const std::vector<check::Table>& tables) {
  r.check_keys(f, at, {"name", "kind", "title", "caption", "table", "series", "x", "lines", "last_of", "xlabel",
                       "ylabel", "log_y", "y_range", "key", "unit_column"});
  check::Figure out;
  out.name = text(r, f, at, "name");
  const std::string kind = text(r, f, at, "kind", false);
  if (kind == "information_diagram") out.kind = check::Figure::Kind::information_diagram;
  else if (!kind.empty() && kind != "lines") r.fail(at.key("kind"), "expected \"lines\" or \"information_diagram\"");
  out.title = text(r, f, at, "title");
  out.caption = text(r, f, at, "caption");
  out.table = text(r, f, at, "table");
  const check::Table* drawn = nullptr;
  for (const auto& t : tables)
    if (t.name == out.table) drawn = &t;
  if (!drawn) r.fail(at.key("table"), "no table \"" + out.table + "\" is declared");
  auto column = [&](const std::string& c, const JsonPath& p) {
    if (!c.empty() && drawn->column(c) == drawn->columns.size())
      r.fail(p, "table \"" + out.table + "\" has no column \"" + c + "\"");
  };
  out.series = texts(r, f, at, "series");
  for (std::size_t i = 0; i < out.series.size(); ++i) column(out.series[i], at.key("series").index(i));
  out.x = text(r, f, at, "x", false);
  column(out.x, at.key("x"));
  out.last_of = text(r, f, at, "last_of", false);
  column(out.last_of, at.key("last_of"));
  out.unit_column = text(r, f, at, "unit_column", false);
  column(out.unit_column, at.key("unit_column"));
  const json& lines = array(r, f, at, "lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const JsonPath p = at.key("lines").index(i);
    r.check_keys(lines[i], p, {"column", "label", "dash"});
    check::Figure::Line line{text(r, lines[i], p, "column"), text(r, lines[i], p, "label", false), 1};
    column(line.column, p.key("column"));
    if (auto d = lines[i].find("dash"); d != lines[i].end()) {
      if (!d->is_number_integer() || d->get<int>() < 1 || d->get<int>() > 20) r.fail(p.key("dash"), "expected an integer 1..20");
      line.dash = d->get<int>();
    }
    out.lines.push_back(std::move(line));
  }
  if (out.lines.empty()) r.fail(at.key("lines"), "a figure needs at least one line");
  out.xlabel = text(r, f, at, "xlabel", false);
  out.ylabel = text(r, f, at, "ylabel", false);
  if (auto l = f.find("log_y"); l != f.end()) {
    if (!l->is_boolean()) r.fail(at.key("log_y"), "expected true or false");
    out.log_y = l->get<bool>();
  }
  out.y_range = text(r, f, at, "y_range", false);
  if (f.contains("key")) out.key = text(r, f, at, "key");
  return out;
}

}  // namespace

check::Declarations read_declarations(const std::string& file, const std::string& checker) {
  const json doc = read_json_file(file);
  CaseReader r(file, doc);
  if (!doc.is_object()) r.fail({}, "expected an object");
  r.check_keys(doc, {}, {"checker", "description", "title", "summary", "tables", "figures", "texts"});
  check::Declarations d;
  d.checker = text(r, doc, {}, "checker");
  if (d.checker != checker) r.fail(JsonPath().key("checker"), "expected \"" + checker + "\"");
  d.description = text(r, doc, {}, "description");
  d.title = text(r, doc, {}, "title");
  d.summary = text(r, doc, {}, "summary");
  const json& tables = array(r, doc, {}, "tables");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    d.tables.push_back(table(r, tables[i], JsonPath().key("tables").index(i)));
    for (std::size_t j = 0; j + 1 < d.tables.size(); ++j)
      if (d.tables[j].name == d.tables.back().name)
        r.fail(JsonPath().key("tables").index(i).key("name"), "table \"" + d.tables[j].name + "\" is declared twice");
  }
  const json& figures = array(r, doc, {}, "figures");
  for (std::size_t i = 0; i < figures.size(); ++i)
    d.figures.push_back(figure(r, figures[i], JsonPath().key("figures").index(i), d.tables));
  if (auto t = doc.find("texts"); t != doc.end()) {
    if (!t->is_object()) r.fail(JsonPath().key("texts"), "expected an object of named sentences");
    for (const auto& [name, value] : t->items()) d.texts[name] = text(r, *t, JsonPath().key("texts"), name.c_str());
  }
  return d;
}

namespace {

// T stands in with 1 when a file is read; the claim is parsed again with each instance's T.
const QuerySymbols kReadSymbols = {{"T", Rational(1)}};

ClaimExpr claim_expr(const CaseReader& r, const json& v, const JsonPath& at) {
  if (!v.is_string()) r.fail(at, "expected a claim 'EXPR OP EXPR', found " + v.dump());
  try {
    return parse_claim(v.get<std::string>(), kReadSymbols);
  } catch (const InputError& e) {
    r.fail(at, e.what());
  }
}

std::string query_member(const CaseReader& r, const json& object, const JsonPath& at, const char* key) {
  const std::string q = text(r, object, at, key);
  try {
    parse_query(q, kReadSymbols);
  } catch (const InputError& e) {
    r.fail(at.key(key), e.what());
  }
  return q;
}

unsigned horizon_value(const CaseReader& r, const json& v, const JsonPath& at) {
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() < 1 || v.get<std::uint64_t>() > 1000)
    r.fail(at, "expected a horizon T between 1 and 1000, found " + v.dump());
  return v.get<unsigned>();
}

// "horizon": 4, [2, 4, 8] or "1..6".
std::vector<unsigned> horizons(const CaseReader& r, const json& v, const JsonPath& at) {
  std::vector<unsigned> out;
  if (v.is_array()) {
    if (v.empty()) r.fail(at, "expected at least one horizon");
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(horizon_value(r, v[i], at.index(i)));
  } else if (v.is_string()) {
    static const std::regex range(R"(\s*([0-9]{1,4})\s*\.\.\s*([0-9]{1,4})\s*)");
    std::smatch m;
    const std::string s = v.get<std::string>();
    if (!std::regex_match(s, m, range)) r.fail(at, "expected a range such as \"1..6\", found " + v.dump());
    unsigned a = static_cast<unsigned>(std::stoul(m[1])), b = static_cast<unsigned>(std::stoul(m[2]));
    if (a < 1 || b > 1000 || a > b) r.fail(at, "expected 1 <= first <= last <= 1000, found " + v.dump());
    for (unsigned t = a; t <= b; ++t) out.push_back(t);
  } else {
    out.push_back(horizon_value(r, v, at));
  }
  return out;
}

std::vector<Rational> probability_grid(const CaseReader& r, const json& g, const JsonPath& at) {
  if (!g.is_array() || g.empty() || g.size() > 100) r.fail(at, "expected 1 to 100 probabilities such as [\"0\", \"1/2\", \"1\"]");
  std::vector<Rational> out;
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (!g[i].is_string()) r.fail(at.index(i), "expected a probability as a string such as \"1/3\"");
    Rational p;
    try {
      p = parse_rational(g[i].get<std::string>());
    } catch (const std::invalid_argument&) {
      r.fail(at.index(i), "\"" + g[i].get<std::string>() + "\" is not a number");
    }
    if (p < 0 || p > 1) r.fail(at.index(i), "a probability lies in [0, 1]");
    out.push_back(p);
  }
  return out;
}

unsigned small_count(const CaseReader& r, const json& object, const JsonPath& at, const char* key, unsigned least,
                     unsigned most, std::optional<unsigned> fallback = std::nullopt) {
  if (!object.contains(key)) {
    if (fallback) return *fallback;
    r.fail(at, std::string("missing \"") + key + "\"");
  }
  const json& v = object[key];
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() < least || v.get<std::uint64_t>() > most)
    r.fail(at.key(key), "expected an integer from " + std::to_string(least) + " to " + std::to_string(most));
  return v.get<unsigned>();
}

// "generate": {"two_state_chains": {...}} and the like: the cases, as case-file texts.
void generate(const CaseReader& r, const json& g, const JsonPath& at, ClaimSpec& spec) {
  if (!g.is_object() || g.size() != 1)
    r.fail(at, "expected one generator: {\"two_state_chains\": ...}, {\"two_state_mixtures\": ...} or "
               "{\"random_joints\": ...}");
  const std::string kind = g.begin().key();
  const json& a = g.begin().value();
  const JsonPath ap = at.key(kind);
  if (!a.is_object()) r.fail(ap, "expected an object");
  auto grid_text = [](const std::vector<Rational>& grid) {
    std::string out;
    for (const auto& x : grid) out += (out.empty() ? "" : ", ") + x.str();
    return "{" + out + "}";
  };
  if (kind == "two_state_chains" || kind == "two_state_mixtures") {
    r.check_keys(a, ap, {"grid", "weight", "tokens"});
    const std::vector<Rational> grid = probability_grid(r, a.contains("grid") ? a["grid"] : json(), ap.key("grid"));
    const unsigned tokens = small_count(r, a, ap, "tokens", 1, 1000, 4u);
    const std::vector<StateModel> chains = two_state_chains(grid);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < chains.size(); ++i) {
      const Rational aa = grid[i / grid.size()], ba = grid[i % grid.size()];
      names.push_back("chain(aa=" + aa.str() + ",ba=" + ba.str() + ")");
    }
    if (kind == "two_state_chains") {
      if (a.contains("weight")) r.fail(ap.key("weight"), "a weight belongs to two_state_mixtures");
      for (std::size_t i = 0; i < chains.size(); ++i) {
        CaseDocument doc = CaseDocument::state_model(chains[i]);
        doc.set("tokens", tokens).set("name", names[i]);
        spec.generated.emplace_back(names[i], doc.text());
      }
      spec.generator = "every two-state chain over {a, b} started at a with P(a -> a) and P(b -> a) in " + grid_text(grid);
      return;
    }
    Rational w(1, 2);
    if (a.contains("weight")) {
      if (!a["weight"].is_string()) r.fail(ap.key("weight"), "expected a probability as a string such as \"1/2\"");
      try {
        w = parse_rational(a["weight"].get<std::string>());
      } catch (const std::invalid_argument&) {
        r.fail(ap.key("weight"), "not a number");
      }
      if (w <= 0 || w >= 1) r.fail(ap.key("weight"), "the weight of the first chain lies strictly between 0 and 1");
    }
    const std::size_t pairs = chains.size() * (chains.size() - 1) / 2;
    if (pairs > kMaxClaimInstances)
      r.fail(ap.key("grid"), std::to_string(pairs) + " mixtures exceed the limit of " + std::to_string(kMaxClaimInstances));
    for (std::size_t i = 0; i < chains.size(); ++i)
      for (std::size_t j = i + 1; j < chains.size(); ++j) {
        CaseDocument doc = CaseDocument::mixture({chains[i], chains[j]}, {w, Rational(1) - w}, tokens);
        const std::string name = names[i] + "+" + names[j];
        doc.set("name", name);
        spec.generated.emplace_back(name, doc.text());
      }
    spec.generator = "every mixture, with weights " + w.str() + " and " + (Rational(1) - w).str() +
                     ", of two distinct two-state chains with P(a -> a) and P(b -> a) in " + grid_text(grid);
    return;
  }
  if (kind == "random_joints") {
    r.check_keys(a, ap, {"seed", "shapes", "per_shape", "max_weight"});
    if (!a.contains("seed") || !a["seed"].is_number_unsigned()) r.fail(ap.key("seed"), "expected a non-negative integer seed");
    const std::uint64_t seed = a["seed"].get<std::uint64_t>();
    const unsigned per_shape = small_count(r, a, ap, "per_shape", 1, 1000);
    const unsigned max_weight = small_count(r, a, ap, "max_weight", 1, 1000000, 6u);
    if (!a.contains("shapes") || !a["shapes"].is_array() || a["shapes"].empty())
      r.fail(ap.key("shapes"), "expected shapes such as [[2, 2], [2, 3, 2]]");
    std::vector<std::vector<std::size_t>> shapes;
    std::string labels;
    for (std::size_t i = 0; i < a["shapes"].size(); ++i) {
      const json& sh = a["shapes"][i];
      const JsonPath sp = ap.key("shapes").index(i);
      if (!sh.is_array() || sh.empty() || sh.size() > 4) r.fail(sp, "expected 1 to 4 alphabet sizes");
      std::vector<std::size_t> shape;
      std::size_t cells = 1;
      for (std::size_t k = 0; k < sh.size(); ++k) {
        if (!sh[k].is_number_unsigned() || sh[k].get<std::uint64_t>() < 1 || sh[k].get<std::uint64_t>() > 64)
          r.fail(sp.index(k), "expected an alphabet size from 1 to 64");
        shape.push_back(sh[k].get<std::size_t>());
        cells *= shape.back();
      }
      if (cells > 4096) r.fail(sp, "at most 4096 outcomes per table");
      shapes.push_back(shape);
      labels += (labels.empty() ? "" : ", ") + shape_label(shape);
    }
    if (static_cast<std::size_t>(per_shape) * shapes.size() > kMaxClaimInstances)
      r.fail(ap, "more than " + std::to_string(kMaxClaimInstances) + " tables");
    std::size_t cells = 0;
    for (const auto& shape : shapes) {
      std::size_t n = 1;
      for (std::size_t k : shape) n *= k;
      cells += n * per_shape;
    }
    if (cells > 1000000) r.fail(ap, std::to_string(cells) + " table cells in all; at most 1000000");
    for (auto& [name, p] : random_joints(seed, shapes, per_shape, max_weight))
      spec.generated.emplace_back(name, CaseDocument::joint(p, name).text());
    spec.generator = std::to_string(spec.generated.size()) + " random joint distributions from seed " +
                     std::to_string(seed) + ", " + std::to_string(per_shape) + " of each shape " + labels +
                     " (variables X, Y, Z, W), weights 0.." + std::to_string(max_weight);
    return;
  }
  r.fail(at, "unknown generator \"" + kind + "\" (generators: two_state_chains, two_state_mixtures, random_joints)");
}

ClaimSpec claim_spec(const CaseReader& r, const json& c, const JsonPath& at, const std::filesystem::path& folder) {
  r.check_keys(c, at, {"id", "summary", "source", "form", "procedure", "expected", "hypotheses", "conclusion", "limit",
                       "domain", "proofs"});
  ClaimSpec spec;
  spec.at = at.str();
  check::ClaimInfo& info = spec.info;
  info.file = r.file();
  info.id = text(r, c, at, "id");
  static const std::regex id_pattern("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  if (!std::regex_match(info.id, id_pattern))
    r.fail(at.key("id"), "a claim id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
  info.summary = text(r, c, at, "summary");
  if (c.contains("source")) {
    const json& s = c["source"];
    const JsonPath sp = at.key("source");
    if (!s.is_object()) r.fail(sp, "expected {\"section\": ..., \"locate\": ..., \"fingerprint\": ...}");
    r.check_keys(s, sp, {"section", "locate", "fingerprint"});
    info.source = {text(r, s, sp, "section"), text(r, s, sp, "locate"), text(r, s, sp, "fingerprint", false)};
  }
  const std::string form = text(r, c, at, "form", false);
  if (form == "existential") info.form = check::Form::existential;
  else if (form == "finite") info.form = check::Form::finite;
  else if (!form.empty() && form != "universal")
    r.fail(at.key("form"), "expected \"universal\", \"existential\" or \"finite\", found \"" + form + "\"");
  const std::string expected = text(r, c, at, "expected", false);
  if (!expected.empty()) {
    info.expected = check::status_from_name(expected);
    if (!info.expected) {
      std::string known;
      for (check::Status s : check::all_statuses()) known += (known.empty() ? "" : ", ") + std::string(check::status_name(s));
      r.fail(at.key("expected"), "unknown status \"" + expected + "\" (statuses: " + known + ")");
    }
  }
  if (c.contains("proofs")) {
    const json& ps = c["proofs"];
    const JsonPath pp = at.key("proofs");
    if (!ps.is_array() || ps.empty()) r.fail(pp, "expected a non-empty array of {\"claim\": ..., \"given\": [...], \"reads\": ...}");
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const JsonPath ip = pp.index(i);
      if (!ps[i].is_object()) r.fail(ip, "expected {\"claim\": \"EXPR OP EXPR\", \"given\": [...], \"reads\": ...}");
      r.check_keys(ps[i], ip, {"claim", "given", "reads"});
      check::ProofSpec proof{text(r, ps[i], ip, "claim"), texts(r, ps[i], ip, "given"), text(r, ps[i], ip, "reads", false)};
      try {
        prove::make_problem(proof.claim, proof.given);
      } catch (const InputError& e) {
        r.fail(ip, e.what());
      }
      info.proofs.push_back(std::move(proof));
    }
  }
  const int given = c.contains("procedure") + c.contains("conclusion") + c.contains("limit");
  const bool has_procedure = c.contains("procedure");
  if (given != 1)
    r.fail(at, "give one of \"conclusion\" (a claim in the query language, with \"domain\"), \"limit\" (a sequence "
               "in T and its limit, with \"domain\") or \"procedure\" (a built-in checker), not " +
                   std::string(given ? "several" : "none"));
  if (has_procedure) {
    for (const char* key : {"hypotheses", "domain"})
      if (c.contains(key)) r.fail(at.key(key), "a claim decided by a procedure takes its domain from the procedure");
    info.checker = text(r, c, at, "procedure");
    if (info.checker == "query") r.fail(at.key("procedure"), "\"query\" is the procedure of claims with a \"conclusion\"");
    return spec;
  }
  info.checker = "query";
  if (info.form == check::Form::existential)
    r.fail(at.key("form"), "a claim in the query language is decided case by case: state an existential claim on its "
                           "witness, with form \"finite\"");
  if (c.contains("conclusion")) {
    spec.conclusion = claim_expr(r, c["conclusion"], at.key("conclusion"));
  } else {
    const json& l = c["limit"];
    const JsonPath lp = at.key("limit");
    if (!l.is_object()) r.fail(lp, "expected {\"of\": \"an expression in T\", \"equals\": \"its limit\"}");
    r.check_keys(l, lp, {"of", "equals"});
    spec.limit_of = query_member(r, l, lp, "of");
    spec.limit_equals = query_member(r, l, lp, "equals");
    const bool has_horizon = c.contains("domain") && c["domain"].is_object() && c["domain"].contains("horizon");
    if (!has_horizon) r.fail(at.key("domain"), "a limit is measured over T: give the domain a \"horizon\"");
  }
  if (c.contains("hypotheses")) {
    const json& h = c["hypotheses"];
    if (!h.is_array()) r.fail(at.key("hypotheses"), "expected an array of claims 'EXPR OP EXPR'");
    for (std::size_t i = 0; i < h.size(); ++i) spec.hypotheses.push_back(claim_expr(r, h[i], at.key("hypotheses").index(i)));
  }
  const JsonPath dp = at.key("domain");
  if (!c.contains("domain")) r.fail(at, "missing \"domain\" (the case files the claim is decided on)");
  const json& d = c["domain"];
  if (!d.is_object()) r.fail(dp, "expected {\"cases\": [...], \"generate\": {...}, \"horizon\": ...}");
  r.check_keys(d, dp, {"cases", "generate", "horizon"});
  for (const std::string& f : texts(r, d, dp, "cases")) {
    std::filesystem::path p(f);
    spec.cases.push_back(p.is_absolute() || folder.empty() ? f : (folder / p).string());
  }
  if (d.contains("generate")) generate(r, d["generate"], dp.key("generate"), spec);
  if (spec.cases.empty() && spec.generated.empty())
    r.fail(d.contains("cases") ? dp.key("cases") : dp,
           "the domain is empty: list at least one case file, or give a generator");
  if (d.contains("horizon")) spec.horizons = horizons(r, d["horizon"], dp.key("horizon"));
  const std::size_t instances =
      (spec.cases.size() + spec.generated.size()) * std::max<std::size_t>(1, spec.horizons.size());
  if (instances > kMaxClaimInstances)
    r.fail(dp, std::to_string(instances) + " instances (cases times horizons) exceed the limit of " +
                   std::to_string(kMaxClaimInstances));
  return spec;
}

}  // namespace

ClaimFile read_claim_file(const std::string& file) { return read_claim_text(file, read_text_file(file)); }

ClaimFile read_claim_text(const std::string& file, const std::string& contents) {
  const json doc = parse_json_text(contents, file);
  CaseReader r(file, doc);
  if (!doc.is_object()) r.fail({}, "expected an object with \"claims\"");
  r.check_keys(doc, {}, {"title", "summary", "claims"});
  ClaimFile out;
  out.file = file;
  out.title = text(r, doc, {}, "title", false);
  out.summary = text(r, doc, {}, "summary", false);
  if (!doc.contains("claims")) r.fail({}, "missing \"claims\" (an array of claims)");
  const json& claims = array(r, doc, {}, "claims");
  if (claims.empty()) r.fail(JsonPath().key("claims"), "a claim file needs at least one claim");
  const std::filesystem::path folder = std::filesystem::path(file).parent_path();
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const JsonPath at = JsonPath().key("claims").index(i);
    out.claims.push_back(claim_spec(r, claims[i], at, folder));
    for (std::size_t j = 0; j + 1 < out.claims.size(); ++j)
      if (out.claims[j].info.id == out.claims.back().info.id)
        r.fail(at.key("id"), "the id " + out.claims.back().info.id + " is used twice in this file");
  }
  return out;
}

}  // namespace infocert
