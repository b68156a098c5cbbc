#include "infocert/check/table.hpp"

#include <algorithm>
#include <stdexcept>

namespace infocert::check {

Cell Cell::of(Kind kind) {
  Cell c;
  c.kind_ = kind;
  return c;
}

Cell Cell::rational(const Rational& q) {
  Cell c = of(Kind::rational);
  c.rational_ = q;
  return c;
}

Cell Cell::value(const LogForm& f) { return with_form(Kind::value, f); }
Cell Cell::form(const LogForm& f) { return with_form(Kind::form, f); }
Cell Cell::form_value(const LogForm& f) { return with_form(Kind::form_value, f); }
Cell Cell::enclosure(const Enclosure& e) { return with_enclosure(Kind::enclosure, e); }
Cell Cell::interval(const Enclosure& e) { return with_enclosure(Kind::interval, e); }

Cell Cell::with_form(Kind kind, const LogForm& f) {
  Cell c = of(kind);
  c.form_ = f;
  return c;
}

Cell Cell::with_enclosure(Kind kind, const Enclosure& e) {
  Cell c = of(kind);
  c.enclosure_ = e;
  return c;
}

Cell Cell::estimate(double x, int places) {
  Cell c = of(Kind::estimate);
  c.estimate_ = x;
  c.integer_ = places;
  return c;
}

Cell Cell::estimate_interval(double lo, double hi, int places) {
  Cell c = estimate(lo, places);
  c.kind_ = Kind::estimate_interval;
  c.estimate_hi_ = hi;
  return c;
}

Detail Detail::object(std::initializer_list<std::pair<std::string, Detail>> members) {
  Detail d;
  d.node_ = Object{};
  for (const auto& [k, v] : members) d.set(k, v);
  return d;
}

Detail Detail::list(std::initializer_list<Detail> items) { return list(std::vector<Detail>(items)); }

Detail Detail::list(std::vector<Detail> items) {
  Detail d;
  d.node_ = List(std::move(items));
  return d;
}

Detail Detail::strings(const std::vector<std::string>& items) {
  Detail d = list();
  for (const auto& s : items) d.push(s);
  return d;
}

Detail& Detail::set(const std::string& key, Detail value) {
  if (!is_object()) node_ = Object{};
  auto& members = std::get<Object>(node_);
  for (auto& [k, v] : members)
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  members.emplace_back(key, std::move(value));
  return *this;
}

Detail& Detail::push(Detail value) {
  if (!is_list()) node_ = List{};
  std::get<List>(node_).push_back(std::move(value));
  return *this;
}

const Detail* Detail::find(const std::string& key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, v] : members())
    if (k == key) return &v;
  return nullptr;
}

std::size_t Table::column(const std::string& heading) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].heading == heading) return i;
  return columns.size();
}

Table& Table::fill(const std::string& key, const std::string& value) {
  const std::string placeholder = "{" + key + "}";
  auto at = caption.find(placeholder);
  if (at == std::string::npos) throw std::logic_error("table " + name + ": no placeholder " + placeholder);
  caption.replace(at, placeholder.size(), value);
  return *this;
}

std::vector<std::string> Table::headings() const {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(c.heading);
  return out;
}

}  // namespace infocert::check
