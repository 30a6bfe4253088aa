#include "nexmark/lib/queries.h"

#include <string>

namespace sluice::nexmark {

const std::vector<QueryInfo>& Queries() {
  static const std::vector<QueryInfo> queries = {
      {"q0", "pass-through", Q0},          {"q1", "currency conversion", Q1},        {"q2", "selection", Q2},
      {"q3", "local item suggestion", Q3}, {"q4", "average price per category", Q4}, {"q5", "hot items", Q5},
      {"q7", "highest bid", Q7},           {"q8", "monitor new users", Q8},
  };
  return queries;
}

Result<QueryInfo> FindQuery(std::string_view name) {
  std::string known;
  for (const auto& q : Queries()) {
    if (name == q.name) return q;
    known += known.empty() ? q.name : std::string(", ") + q.name;
  }
  return Status::NotFound("no Nexmark query '{}' (known: {})", name, known);
}

}  // namespace sluice::nexmark
