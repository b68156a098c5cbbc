#pragma once
/// Typed results: table cells, per-case details, declared tables and figures. Values are
/// kept exact (rationals, log-forms, enclosures); digits and rounding are chosen only when
/// a table is rendered (report/render).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "infocert/exact/enclosure.hpp"
#include "infocert/exact/logform.hpp"
#include "infocert/exact/rational.hpp"

namespace infocert::check {

/// One table cell.
class Cell {
 public:
  enum class Kind {
    empty,      ///< no value (rendered as null / blank)
    text,       ///< a string as is
    integer,    ///< a whole number
    boolean,    ///< true / false
    rational,   ///< a rational shown as a decimal rounded to nearest (exactly when it fits)
    value,      ///< a log-form shown as its certified decimal
    form,       ///< a log-form shown as its closed form ("3/2 ln 2 - 3/4 ln 3")
    form_value, ///< a log-form shown as "closed form = certified decimal"
    enclosure,  ///< an enclosure shown as the certified decimal it settles
    interval,   ///< an enclosure shown as "[lo, hi]", rounded outwards
    estimate,   ///< a floating-point estimate (Monte Carlo), fixed decimal places
    estimate_interval,  ///< "[lo, hi]" of two floating-point estimates, fixed decimal places
  };

  Cell() = default;
  Cell(const char* s) : kind_(Kind::text), text_(s) {}
  Cell(std::string s) : kind_(Kind::text), text_(std::move(s)) {}
  Cell(bool b) : kind_(Kind::boolean), integer_(b) {}
  Cell(int n) : kind_(Kind::integer), integer_(n) {}
  Cell(long n) : kind_(Kind::integer), integer_(n) {}
  Cell(long long n) : kind_(Kind::integer), integer_(n) {}
  Cell(unsigned n) : kind_(Kind::integer), integer_(n) {}
  Cell(unsigned long n) : kind_(Kind::integer), integer_(static_cast<long long>(n)) {}
  Cell(unsigned long long n) : kind_(Kind::integer), integer_(static_cast<long long>(n)) {}

  static Cell empty() { return Cell(); }
  static Cell rational(const Rational& q);
  static Cell value(const LogForm& f);
  static Cell form(const LogForm& f);
  static Cell form_value(const LogForm& f);
  static Cell enclosure(const Enclosure& e);
  static Cell interval(const Enclosure& e);
  static Cell estimate(double x, int places = 6);
  static Cell estimate_interval(double lo, double hi, int places = 6);

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  long long integer() const { return integer_; }
  bool boolean() const { return integer_ != 0; }
  const Rational& rational_value() const { return rational_; }
  const LogForm& log_form() const { return form_; }
  const Enclosure& enclosure_value() const { return enclosure_; }
  double estimate_value() const { return estimate_; }
  double estimate_upper() const { return estimate_hi_; }
  int places() const { return static_cast<int>(integer_); }

 private:
  static Cell of(Kind kind);
  static Cell with_form(Kind kind, const LogForm& f);
  static Cell with_enclosure(Kind kind, const Enclosure& e);
  Kind kind_ = Kind::empty;
  std::string text_;
  long long integer_ = 0;
  Rational rational_;
  LogForm form_;
  Enclosure enclosure_;
  double estimate_ = 0, estimate_hi_ = 0;
};

/// A per-case detail: a tree of objects (keys sorted when rendered), lists and cells.
class Detail {
 public:
  using Object = std::vector<std::pair<std::string, Detail>>;
  using List = std::vector<Detail>;

  Detail() = default;
  Detail(Cell c) : node_(std::move(c)) {}
  Detail(const char* s) : node_(Cell(s)) {}
  Detail(std::string s) : node_(Cell(std::move(s))) {}
  Detail(bool b) : node_(Cell(b)) {}
  Detail(int n) : node_(Cell(n)) {}
  Detail(long n) : node_(Cell(n)) {}
  Detail(unsigned n) : node_(Cell(n)) {}
  Detail(unsigned long n) : node_(Cell(n)) {}
  Detail(long long n) : node_(Cell(n)) {}
  Detail(unsigned long long n) : node_(Cell(n)) {}

  static Detail object(std::initializer_list<std::pair<std::string, Detail>> members = {});
  static Detail list(std::initializer_list<Detail> items = {});
  static Detail list(std::vector<Detail> items);
  /// Names as a list of text cells.
  static Detail strings(const std::vector<std::string>& items);

  /// Sets (or replaces) a member of an object.
  Detail& set(const std::string& key, Detail value);
  /// Appends to a list.
  Detail& push(Detail value);

  bool is_object() const { return std::holds_alternative<Object>(node_); }
  bool is_list() const { return std::holds_alternative<List>(node_); }
  bool is_cell() const { return std::holds_alternative<Cell>(node_); }
  /// A cell with no value (the default).
  bool is_empty() const { return is_cell() && cell().kind() == Cell::Kind::empty; }
  const Object& members() const { return std::get<Object>(node_); }
  const List& items() const { return std::get<List>(node_); }
  const Cell& cell() const { return std::get<Cell>(node_); }
  /// An object's member, or nullptr.
  const Detail* find(const std::string& key) const;

 private:
  std::variant<Cell, List, Object> node_;
};

/// A column of a table: its heading and what it means (with its unit, where it has one).
struct Column {
  std::string heading;
  std::string meaning;
  Column(const char* h, std::string m = "") : heading(h), meaning(std::move(m)) {}
  Column(std::string h, std::string m = "") : heading(std::move(h)), meaning(std::move(m)) {}
};

/// A table a checker declares and fills.
struct Table {
  std::string name;     ///< file name (tables/<checker>/<name>.*)
  std::string title;    ///< a human title
  std::string caption;  ///< what the table shows, units included
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  /// The index of a column by heading, or columns.size().
  std::size_t column(const std::string& heading) const;
  std::vector<std::string> headings() const;
  /// Replaces the placeholder {key} in the caption; std::logic_error when it is absent.
  Table& fill(const std::string& key, const std::string& value);
};

/// A figure a checker declares, drawn by the report from one of its tables.
struct Figure {
  enum class Kind {
    lines,                ///< one line per series: y columns against the x column
    information_diagram,  ///< two circles, rows "H(X|Y)", "I(X;Y)", "H(Y|X)", "H(X)", "H(Y)"
  };
  struct Line {
    std::string column;  ///< the y column
    std::string label;   ///< legend text, after the series name
    int dash = 1;        ///< gnuplot dash type
  };
  Kind kind = Kind::lines;
  std::string name, title, caption;
  std::string table;                        ///< the declaring checker's table it draws
  std::vector<std::string> series;          ///< columns whose values name a series
  std::string x;                            ///< x column
  std::vector<Line> lines;                  ///< y columns
  std::string last_of;                      ///< keep only each series' rows at its largest value of this column
  std::string xlabel, ylabel;
  bool log_y = false;
  std::string y_range;                      ///< gnuplot range, e.g. "[0:1]"
  std::string key = "top right";            ///< legend position
  std::string unit_column;                  ///< information diagram: column of exact values
};

}  // namespace infocert::check
