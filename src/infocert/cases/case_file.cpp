#include "infocert/cases/case_file.hpp"

#include <filesystem>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "infocert/error.hpp"

namespace infocert {

using nlohmann::json;

namespace {

std::string prefix(const std::string& file, const JsonPath& path) {
  return path.empty() ? file + ": " : file + ": " + path.str() + ": ";
}

// Tracks where the parser is, to report duplicate keys with their path.
struct Frame {
  bool object;
  std::set<std::string> keys;
  std::string last_key;
  std::size_t count = 0;
};

JsonPath path_of(const std::vector<Frame>& frames, std::size_t upto) {
  JsonPath p;
  for (std::size_t i = 0; i < upto; ++i)
    p = frames[i].object ? p.key(frames[i].last_key) : p.index(frames[i].count);
  return p;
}

bool is_name(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front()))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::vector<std::string> split_ws(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

// JSON numbers with a fraction or an exponent, and integers beyond 18 digits, quoted as
// strings before parsing: the parser would read them as doubles, while their decimal text is
// exact ("0.1" is exactly 1/10). Strings are copied untouched; a number is scanned by the
// JSON grammar, so malformed text stays malformed.
std::string quote_inexact_numbers(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  auto digit = [&](std::size_t i) { return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, text.size());
      out.append(text, i, j - i);
      i = j;
      continue;
    }
    if (c != '-' && !digit(i)) {
      out += c;
      ++i;
      continue;
    }
    std::size_t j = i + (c == '-'), digits = 0;
    bool inexact = false;
    while (digit(j)) ++j, ++digits;
    if (j < text.size() && text[j] == '.' && digit(j + 1)) {
      inexact = true;
      for (++j; digit(j);) ++j;
    }
    if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
      std::size_t k = j + 1;
      if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
      if (digit(k)) {
        inexact = true;
        for (j = k; digit(j);) ++j;
      }
    }
    if (j == i + (c == '-')) j = i + 1;  // a lone '-': left for the parser to reject
    if (inexact || digits > 18)
      out.append("\"").append(text, i, j - i).append("\"");
    else
      out.append(text, i, j - i);
    i = j;
  }
  return out;
}

}  // namespace

// Duplicate keys, found in a linear SAX pass (the DOM parser keeps the last one silently,
// and its callback form rescans every parent object at each value: quadratic).
class DuplicateKeys : public nlohmann::json_sax<json> {
 public:
  explicit DuplicateKeys(const std::string& file) : file_(file) {}
  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    Frame& f = frames_.back();
    if (!f.keys.insert(k).second)
      throw InputError(prefix(file_, path_of(frames_, frames_.size() - 1)) + "duplicate key " + json_quote(k));
    f.last_key = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().count;
    return true;
  }
  bool open(bool object) {
    frames_.push_back({object, {}, {}, 0});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return value();
  }
  const std::string& file_;
  std::vector<Frame> frames_;
};

json parse_json_text(const std::string& text, const std::string& file) {
  // The JSON parser stops at a NUL byte; whatever follows it must not pass unseen.
  if (auto nul = text.find('\0'); nul != std::string::npos)
    throw InputError(file + ": malformed JSON: a NUL byte at offset " + std::to_string(nul));
  const std::string exact = quote_inexact_numbers(text);
  try {
    try {
      json doc = json::parse(exact);
      DuplicateKeys duplicates(file);
      json::sax_parse(exact, &duplicates);
      return doc;
    } catch (const json::parse_error&) {
      if (exact == text) throw;
      try {
        const json again = json::parse(text);  // the error at its place in the file as written
        static_cast<void>(again);
      } catch (const json::out_of_range&) {
      }
      throw;
    }
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
    std::string what = e.what();
    auto at = what.find(" at line ");
    std::string detail = at == std::string::npos ? what : what.substr(at + 4);
    throw InputError(file + ": malformed JSON: " + detail);
  } catch (const json::out_of_range& e) {
    // A number literal too large for a double: "[json.exception.out_of_range.406] number
    // overflow parsing '1e999...'". Such numbers belong in strings, where they are exact.
    std::string what = e.what();
    auto q = what.find('\'');
    std::string literal = q == std::string::npos ? "" : what.substr(q + 1, what.size() - q - 2);
    if (literal.size() > 40) literal = literal.substr(0, 37) + "...";
    throw InputError(file + ": malformed JSON: number " + literal +
                     " overflows; write large or exact numbers as strings such as \"1e400\"");
  }
}

json read_json_file(const std::string& file) { return parse_json_text(read_text_file(file), file); }

std::string read_text_file(const std::string& file) {
  // A folder, a FIFO or a device is not a case file (a FIFO would block the read forever).
  std::error_code ec;
  const auto st = std::filesystem::status(file, ec);
  if (!ec && std::filesystem::is_directory(st)) throw InputError(file + ": is a folder, not a file");
  if (!ec && !std::filesystem::is_regular_file(st)) throw InputError(file + ": is not a regular file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file + ": cannot open file (" + std::strerror(errno) + ")");
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) throw InputError(file + ": cannot read file");
  if (static_cast<std::size_t>(size) > kMaxCaseFileBytes)
    throw InputError(file + ": file is larger than " + std::to_string(kMaxCaseFileBytes >> 20) +
                     " MiB");
  in.seekg(0);
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), size);
  if (!in) throw InputError(file + ": cannot read file");
  return text;
}

void CaseReader::fail(const JsonPath& path, const std::string& message) const {
  throw InputError(prefix(file_, path) + message);
}

void CaseReader::fail(const JsonPath& path, const InputError& e) const { rethrow_with_context(e, prefix(file_, path)); }

void CaseReader::check_keys(const json& object, const JsonPath& path,
                            std::initializer_list<const char*> allowed) const {
  for (const auto& item : object.items()) {
    const std::string& k = item.key();
    bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; });
    if (!ok) {
      std::string known;
      for (const char* a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      fail(path.key(k), "unknown key (expected one of: " + known + ")");
    }
  }
}

const json& CaseReader::require(const char* key) const {
  auto it = doc_.find(key);
  if (it == doc_.end()) fail({}, std::string("missing key \"") + key + "\"");
  return *it;
}

std::string CaseReader::kind() const {
  const json& k = require("kind");
  if (!k.is_string()) fail(JsonPath().key("kind"), "expected a string");
  return k.get<std::string>();
}

Rational CaseReader::rational(const json& v, const JsonPath& path) const {
  // Decimal numbers arrive as their text (parse_json_text quotes them), so they are exact.
  if (v.is_number_integer()) return Rational(Integer(v.dump()));
  if (!v.is_string()) fail(path, "expected a number (\"1/3\", 0.25 or \"0.25\"), found " + v.dump());
  try {
    return parse_rational(v.get<std::string>());
  } catch (const std::invalid_argument&) {
    fail(path, json_quote(v.get<std::string>()) + " is not a rational number");
  }
}

Rational CaseReader::probability(const json& v, const JsonPath& path) const {
  Rational q = rational(v, path);
  if (q < 0 || q > 1) fail(path, q.str() + " is not a probability");
  return q;
}

json load_case_document(const std::string& file) {
  json doc = read_json_file(file);
  if (!doc.is_object()) throw InputError(file + ": expected a JSON object at the top level");
  CaseReader(file, doc).kind();
  return doc;
}

JointDistribution joint_from_case(const CaseReader& r) {
  const json& doc = r.doc();
  if (r.kind() != "joint") r.fail(JsonPath().key("kind"), "expected \"joint\", found " + json_quote(r.kind()));
  r.check_keys(doc, {}, {"kind", "name", "description", "claim", "hypotheses", "assert", "recheck", "variables", "alphabets", "pmf"});

  const JsonPath vpath = JsonPath().key("variables");
  const json& vars = r.require("variables");
  if (!vars.is_array() || vars.empty()) r.fail(vpath, "expected a non-empty array of variable names");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    if (!vars[i].is_string()) r.fail(vpath.index(i), "expected a variable name, found " + vars[i].dump());
    std::string n = vars[i].get<std::string>();
    if (!is_name(n))
      r.fail(vpath.index(i), json_quote(n) + " is not a name (letters, digits and _, not starting with a digit)");
    if (n == "H" || n == "I" || n == "ln")
      r.fail(vpath.index(i), json_quote(n) + " is reserved by the query language");
    if (std::find(names.begin(), names.end(), n) != names.end())
      r.fail(vpath.index(i), json_quote(n) + " appears twice");
    names.push_back(n);
  }

  // Declared alphabets fix the symbols; otherwise symbols are taken as they appear.
  std::vector<std::vector<std::string>> alphabets(names.size());
  std::vector<std::unordered_map<std::string, std::uint32_t>> index(names.size());  // symbol -> position
  bool declared = doc.contains("alphabets");
  if (declared) {
    const JsonPath apath = JsonPath().key("alphabets");
    const json& a = doc["alphabets"];
    if (!a.is_object()) r.fail(apath, "expected an object from variable to its list of symbols");
    for (const auto& [k, v] : a.items())
      if (std::find(names.begin(), names.end(), k) == names.end())
        r.fail(apath.key(k), "not a variable (variables: " + join(names, ", ") + ")");
    for (std::size_t i = 0; i < names.size(); ++i) {
      auto it = a.find(names[i]);
      if (it == a.end()) r.fail(apath, "no alphabet for variable " + names[i]);
      const JsonPath p = apath.key(names[i]);
      if (!it->is_array() || it->empty()) r.fail(p, "expected a non-empty array of symbols");
      for (std::size_t j = 0; j < it->size(); ++j) {
        const json& s = (*it)[j];
        if (!s.is_string() || s.get<std::string>().empty() ||
            split_ws(s.get<std::string>()).size() != 1)
          r.fail(p.index(j), "expected a symbol (a non-empty string without spaces), found " + s.dump());
        if (!index[i].emplace(s.get<std::string>(), static_cast<std::uint32_t>(alphabets[i].size())).second)
          r.fail(p.index(j), s.dump() + " appears twice");
        alphabets[i].push_back(s.get<std::string>());
      }
    }
  }

  const JsonPath ppath = JsonPath().key("pmf");
  const json& pmf = r.require("pmf");
  if (!pmf.is_object()) r.fail(ppath, "expected an object from outcome (symbols joined by spaces) to probability");
  std::vector<JointDistribution::Outcome> outcomes;
  std::map<std::vector<std::uint32_t>, std::string> seen;
  Rational total = 0;
  for (const auto& [key, value] : pmf.items()) {
    const JsonPath p = ppath.entry(key);
    std::vector<std::string> symbols = split_ws(key);
    if (symbols.size() != names.size())
      r.fail(p, "outcome has " + std::to_string(symbols.size()) + " symbol" +
                    (symbols.size() == 1 ? "" : "s") + ", expected " + std::to_string(names.size()) +
                    " (" + join(names, ", ") + ")");
    JointDistribution::Outcome o;
    for (std::size_t v = 0; v < symbols.size(); ++v) {
      auto& alpha = alphabets[v];
      auto it = index[v].find(symbols[v]);  // a hash index: linear in the number of outcomes
      if (it == index[v].end()) {
        if (declared)
          r.fail(p, "unknown symbol " + json_quote(symbols[v]) + " for variable " + names[v] +
                        " (alphabet: " + join(alpha, ", ") + ")");
        it = index[v].emplace(symbols[v], static_cast<std::uint32_t>(alpha.size())).first;
        alpha.push_back(symbols[v]);
      }
      o.symbols.push_back(it->second);
    }
    auto [pos, fresh] = seen.emplace(o.symbols, key);
    if (!fresh) r.fail(p, "duplicate outcome (same as " + json_quote(pos->second) + ")");
    o.probability = r.probability(value, p);
    total += o.probability;
    outcomes.push_back(std::move(o));
  }
  if (total != 1) r.fail({}, "pmf sums to " + total.str() + ", not 1");
  return JointDistribution(std::move(names), std::move(alphabets), std::move(outcomes));
}

JointDistribution load_joint_case(const std::string& file) {
  json doc = load_case_document(file);
  return joint_from_case(CaseReader(file, doc));
}

json joint_to_case(const JointDistribution& p, const std::string& description) {
  json doc = json::object();
  doc["kind"] = "joint";
  if (!description.empty()) doc["description"] = description;
  doc["variables"] = p.variables();
  json alphabets = json::object();
  for (std::size_t v = 0; v < p.variables().size(); ++v) alphabets[p.variables()[v]] = p.alphabet(v);
  doc["alphabets"] = alphabets;
  json pmf = json::object();
  for (const auto& o : p.outcomes()) pmf[p.outcome_text(o)] = o.probability.str();
  doc["pmf"] = pmf;
  return doc;
}

}  // namespace infocert
