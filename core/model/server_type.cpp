#include "server_type.hpp"

#include "json_decode.hpp"

namespace metal::model {

void read(Decoder& d, JsonValue v, Price& out) {
  double amount = 0;
  read(d, v, amount);
  if (d.failed()) return;
  if (!(amount > -9e9 && amount < 9e9)) return d.fail("price out of range");  // also refuses NaN
  out.money = Money::from_decimal(amount);
}

Json encode(const Price& v) {
  return static_cast<double>(v.money.total_nanos()) / 1e9;
}

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<ServerTypeList, DecodeError> decode_text<ServerTypeList>(std::string_view,
                                                                           std::size_t);
template Expected<ServerTypeAvailability, DecodeError> decode_text<ServerTypeAvailability>(
    std::string_view, std::size_t);
template Expected<VolumeTypeList, DecodeError> decode_text<VolumeTypeList>(std::string_view,
                                                                           std::size_t);

}  // namespace metal::model
