// infocert as a library: the mutual information of the post's worked example, exactly.
// p(0,0) = 1/2, p(0,1) = p(1,1) = 1/4, so I(X;Y) = H(X) + H(Y) - H(X,Y) = 3/2 ln 2 - 3/4 ln 3.
#include <iostream>

#include "infocert/distribution/joint.hpp"
#include "infocert/measure/measure.hpp"
#include "infocert/query/query.hpp"

int main() {
  using namespace infocert;
  JointDistribution p({"X", "Y"}, {{"0", "1"}, {"0", "1"}},
                      {{{0, 0}, Rational(1, 2)}, {{0, 1}, Rational(1, 4)}, {{1, 1}, Rational(1, 4)}});
  JointSource source(p);
  Measurement i = measure(source, parse_query("I(X;Y)"));
  std::cout << "I(X;Y) = " << i.exact_text() << " = " << certified(i, 12).value << "\n";
  ClaimDecision d = decide(source, parse_claim("I(X;Y) <= H(X)"));
  std::cout << "I(X;Y) <= H(X): " << (d.holds ? "holds" : "does not hold") << " (" << d.how() << ")\n";
  return 0;
}
