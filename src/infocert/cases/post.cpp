#include "infocert/cases/post.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <regex>
#include <sstream>

#include "infocert/cases/case_file.hpp"

namespace infocert {

std::string normalise_text(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '*' || ch == '`') continue;
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string normalise_heading(std::string_view heading) {
  std::string s(heading);
  static const std::regex marks(R"(^\s*#+\s*)"), anchor(R"(\{#[^}]*\})"), shortcode(R"(\{\{[<%].*?[>%]\}\})");
  s = std::regex_replace(s, marks, "");
  s = std::regex_replace(s, shortcode, "");
  s = std::regex_replace(s, anchor, "");
  s = normalise_text(s);
  while (!s.empty() && std::string_view(" :().").find(s.back()) != std::string_view::npos) s.pop_back();
  return s;
}

std::string sentence_fingerprint(std::string_view sentence) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : normalise_text(sentence)) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string("fnv1a64:") + hex;
}

Post Post::read(const std::string& file) { return parse(file, read_text_file(file)); }

Post Post::parse(const std::string& file, const std::string& text) {
  Post p;
  p.file_ = file;
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  auto is_rule = [](const std::string& l) {
    std::string t = normalise_text(l);
    return t.size() >= 3 && std::all_of(t.begin(), t.end(), [](char c) { return c == '-'; });
  };
  bool fence = false, comment = false;
  std::vector<std::string> block;
  std::size_t block_first = 0;
  auto flush = [&](std::size_t last) {
    if (block.empty()) return;
    std::string raw;
    for (const auto& l : block) raw += (raw.empty() ? "" : " ") + l;
    Paragraph para{block_first, last, normalise_text(raw), raw, false};
    const std::string& t = para.text;
    para.display = t.rfind("$$", 0) == 0 ||
                   (t.size() > 2 && t.front() == '$' && t.back() == '$' && std::count(t.begin(), t.end(), '$') == 2);
    p.paragraphs_.push_back(std::move(para));
    block.clear();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    const std::size_t n = i + 1;
    if (l.rfind("```", 0) == 0 || l.rfind("~~~", 0) == 0) {
      flush(n - 1);
      fence = !fence;
      continue;
    }
    if (fence) continue;
    if (comment || l.find("<!--") != std::string::npos) {
      flush(n - 1);
      comment = l.find("-->") == std::string::npos;
      continue;
    }
    std::size_t hashes = 0;
    while (hashes < l.size() && l[hashes] == '#') ++hashes;
    if (hashes > 0 && hashes <= 6 && hashes < l.size() && l[hashes] == ' ') {
      flush(n - 1);
      p.headings_.push_back({n, static_cast<int>(hashes), l.substr(hashes + 1), normalise_heading(l), lines.size()});
      continue;
    }
    if (normalise_text(l).empty() || is_rule(l)) {
      flush(n - 1);
      continue;
    }
    // A list item starts a paragraph of its own.
    static const std::regex item(R"(^\s*([-*+]|[0-9]+[.)])\s.*)");
    if (!block.empty() && std::regex_match(l, item)) flush(n - 1);
    if (block.empty()) block_first = n;
    block.push_back(l);
  }
  flush(lines.size());
  for (std::size_t i = 0; i < p.headings_.size(); ++i)
    for (std::size_t j = i + 1; j < p.headings_.size(); ++j)
      if (p.headings_[j].level <= p.headings_[i].level) {
        p.headings_[i].end = p.headings_[j].line - 1;
        break;
      }
  return p;
}

namespace {

// The sentences of a normalised paragraph: [begin, end) offsets, split after '.', '?' or '!'
// followed by a space, outside $...$.
std::vector<std::pair<std::size_t, std::size_t>> sentences(const std::string& t) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  bool math = false;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '$') math = !math;
    if (!math && (t[i] == '.' || t[i] == '?' || t[i] == '!') && i + 1 < t.size() && t[i + 1] == ' ') {
      out.push_back({begin, i + 1});
      begin = i + 2;
    }
  }
  if (begin < t.size()) out.push_back({begin, t.size()});
  return out;
}

std::vector<std::string> split_path(const std::string& section) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t k = section.find(" / ", start);
    out.push_back(section.substr(start, k == std::string::npos ? std::string::npos : k - start));
    if (k == std::string::npos) break;
    start = k + 3;
  }
  return out;
}

}  // namespace

Located locate(const Post& post, const check::ClaimSource& source) {
  Located out;
  if (source.section.empty() || source.locate.empty()) return out;
  // The section path: each heading the first one after the previous.
  const Post::Heading* h = nullptr;
  std::size_t from = 1;
  for (const std::string& part : split_path(source.section)) {
    const std::string key = normalise_heading(part);
    h = nullptr;
    for (const auto& x : post.headings())
      if (x.line >= from && x.key == key) {
        h = &x;
        break;
      }
    if (!h) {
      out.state = Located::State::section_gone;
      return out;
    }
    from = h->line + 1;
  }
  out.heading = h->line;
  const std::string words = normalise_text(source.locate);
  for (const auto& para : post.paragraphs()) {
    if (para.first <= h->line || para.first > h->end) continue;
    const std::size_t at = para.text.find(words);
    if (at == std::string::npos) continue;
    const std::size_t stop = at + words.size();
    std::size_t b = para.text.size(), e = 0;
    for (const auto& [sb, se] : sentences(para.text))
      if (se > at && sb < stop) b = std::min(b, sb), e = std::max(e, se);
    out.state = Located::State::found;
    out.line = para.first;
    out.sentence = para.text.substr(b, e - b);
    out.fingerprint = sentence_fingerprint(out.sentence);
    return out;
  }
  out.state = Located::State::words_gone;
  return out;
}

std::size_t SyncResult::stale() const {
  return static_cast<std::size_t>(std::count_if(claims.begin(), claims.end(), [](const SyncRow& r) { return r.stale(); }));
}

SyncResult sync_post(const Post& post, const std::vector<check::ClaimInfo>& claims) {
  SyncResult out;
  out.post = post.file();
  std::vector<std::size_t> located_lines, located_headings;
  for (const auto& c : claims) {
    SyncRow row{c.id, c.source.section, c.source.locate, "", 0, c.source.fingerprint, "", ""};
    Located l = locate(post, c.source);
    switch (l.state) {
      case Located::State::no_source: row.state = "no source"; break;
      case Located::State::section_gone: row.state = "section gone"; break;
      case Located::State::words_gone: row.state = "sentence gone"; break;
      case Located::State::found:
        row.line = l.line;
        row.found = l.fingerprint;
        row.sentence = l.sentence;
        row.state = c.source.fingerprint.empty() ? "no fingerprint"
                    : c.source.fingerprint == l.fingerprint ? "current"
                                                            : "changed";
        located_lines.push_back(l.line);
        located_headings.push_back(l.heading);
        break;
    }
    out.claims.push_back(std::move(row));
  }
  auto covered_range = [&](std::size_t first, std::size_t last) {
    for (std::size_t x : located_lines)
      if (x >= first && x <= last) return true;
    return false;
  };
  static const std::regex statement(
      R"(^(unformal |informal )?(lemma|theorem|therorem|corollary|corolary|hypothesis|definition|proposition)\b.*)");
  auto innermost = [&](std::size_t line) -> const Post::Heading* {
    const Post::Heading* best = nullptr;
    for (const auto& h : post.headings())
      if (h.line < line && h.end >= line) best = &h;
    return best;
  };
  std::vector<std::pair<std::size_t, UncoveredStatement>> found;
  for (const auto& h : post.headings()) {
    if (!std::regex_match(h.key, statement)) continue;
    const bool named = std::find(located_headings.begin(), located_headings.end(), h.line) != located_headings.end();
    if (!named && !covered_range(h.line, h.end)) {
      const Post::Heading* outer = innermost(h.line);
      found.push_back({h.line, {h.line, "heading", h.text, outer ? outer->text : ""}});
    }
  }
  for (const auto& para : post.paragraphs()) {
    if (!para.display) continue;
    const Post::Heading* h = innermost(para.first);
    if (h ? covered_range(h->line, h->end) : covered_range(1, para.first)) continue;
    std::string text = para.raw.size() > 80 ? para.raw.substr(0, 77) + "..." : para.raw;
    found.push_back({para.first, {para.first, "display formula", text, h ? h->text : ""}});
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, s] : found) out.uncovered.push_back(std::move(s));
  return out;
}

}  // namespace infocert
