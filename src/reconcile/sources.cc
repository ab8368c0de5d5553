#include "reconcile/sources.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace claimcheck::reconcile {

namespace {

// A sentence is compared by its letters and digits, lower case, and every
// byte of a multi-byte character: "Some 40 were killed." = "some 40 were killed".
bool Kept(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return std::isalnum(c) || c >= 0x80;
}
char Folded(char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); }

uint64_t SentenceHash(const std::string& s) {  // FNV-1a over the kept bytes, folded
  uint64_t h = 14695981039346656037ull;
  for (char ch : s) {
    if (!Kept(ch)) continue;
    h ^= static_cast<unsigned char>(Folded(ch));
    h *= 1099511628211ull;
  }
  return h;
}

bool SameSentence(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  for (;; ++i, ++j) {
    while (i < a.size() && !Kept(a[i])) ++i;
    while (j < b.size() && !Kept(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (Folded(a[i]) != Folded(b[j])) return false;
  }
}

// Claims of one class (one outlet, or one sentence), in group order.
struct Classes {
  std::vector<int> of;  // claim → its class, -1 for none
  std::vector<std::vector<uint32_t>> members;

  bool First(uint32_t i) const { return of[i] >= 0 && members[of[i]].front() == i; }
  int Add(uint32_t i, int cls) {
    if (cls == static_cast<int>(members.size())) members.emplace_back();
    members[cls].push_back(i);
    return of[i] = cls;
  }
};

}  // namespace

size_t IndependentSources(const std::vector<const Item*>& group, const std::vector<DocInfo>& docs,
                          std::vector<std::string>* notes) {
  const uint32_t n = static_cast<uint32_t>(group.size());
  // Documents, numbered within the group, in a union-find.
  std::unordered_map<uint32_t, uint32_t> node_of;
  std::vector<uint32_t> parent, node(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto [it, fresh] = node_of.emplace(group[i]->doc, static_cast<uint32_t>(parent.size()));
    if (fresh) parent.push_back(it->second);
    node[i] = it->second;
  }
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };

  Classes outlets{std::vector<int>(n, -1), {}}, sentences{std::vector<int>(n, -1), {}};
  std::unordered_map<std::string_view, int> outlet_of;
  std::unordered_map<uint64_t, std::vector<int>> sentences_of;  // hash → classes (one, unless two collide)
  for (uint32_t i = 0; i < n; ++i) {
    if (const std::string& source = docs[group[i]->doc].source; !source.empty()) {
      outlets.Add(i, outlet_of.emplace(source, static_cast<int>(outlet_of.size())).first->second);
    }
    const std::string& sentence = group[i]->claim->evidence.sentence;
    std::vector<int>& classes = sentences_of[SentenceHash(sentence)];
    int cls = -1;
    for (int c : classes) {
      if (SameSentence(group[sentences.members[c].front()]->claim->evidence.sentence, sentence)) cls = c;
    }
    if (cls < 0) classes.push_back(cls = static_cast<int>(sentences.members.size()));
    sentences.Add(i, cls);
  }

  // A pass over all pairs (i < j) joins, at the first claim i of a class,
  // every document of that class; later claims of the class join nothing
  // new. So only a class's first claim is walked, against its class.
  static const std::vector<uint32_t> kNone;
  for (uint32_t i = 0; i < n; ++i) {
    const auto& by_outlet = outlets.First(i) ? outlets.members[outlets.of[i]] : kNone;
    const auto& by_sentence = sentences.First(i) ? sentences.members[sentences.of[i]] : kNone;
    for (size_t p = 0, q = 0; p < by_outlet.size() || q < by_sentence.size();) {
      uint32_t j;  // the next claim of either list, in group order
      if (q == by_sentence.size() || (p < by_outlet.size() && by_outlet[p] < by_sentence[q])) {
        j = by_outlet[p++];
      } else {
        if (p < by_outlet.size() && by_outlet[p] == by_sentence[q]) ++p;
        j = by_sentence[q++];
      }
      const Item &a = *group[i], &b = *group[j];
      if (j <= i || a.doc == b.doc) continue;
      const uint32_t ra = find(node[i]), rb = find(node[j]);
      if (ra == rb) continue;
      parent[std::max(ra, rb)] = std::min(ra, rb);
      const DocInfo &da = docs[a.doc], &db = docs[b.doc];
      if (outlets.of[i] >= 0 && outlets.of[j] == outlets.of[i]) {
        notes->push_back(fmt::format("{} and {} share the outlet {}: counted as one source",
                                     da.label == da.source ? da.name : da.label, db.name, da.source));
      } else {
        notes->push_back(fmt::format("{} and {} carry the same sentence (copies of one story): "
                                     "counted as one source", da.name, db.name));
      }
    }
  }
  size_t roots = 0;
  for (uint32_t x = 0; x < parent.size(); ++x) roots += find(x) == x;
  return roots;
}

}  // namespace claimcheck::reconcile
