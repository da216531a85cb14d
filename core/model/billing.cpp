#include "billing.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<ConsumptionList, DecodeError> decode_text<ConsumptionList>(std::string_view,
                                                                             std::size_t);
template Expected<InvoiceList, DecodeError> decode_text<InvoiceList>(std::string_view, std::size_t);

std::optional<Money> total_of(const std::vector<Consumption>& consumptions) {
  if (consumptions.empty()) return Money{};
  Money total = Money::from_nanos(0, consumptions.front().value.currency_code);
  std::int64_t nanos = 0;
  for (const Consumption& item : consumptions) {
    if (item.value.currency_code != total.currency_code) return std::nullopt;
    if (__builtin_add_overflow(nanos, item.value.total_nanos(), &nanos)) return std::nullopt;
  }
  return Money::from_nanos(nanos, total.currency_code);
}

}  // namespace metal::model
