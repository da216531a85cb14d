#include "dashboard.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoder of this type, compiled here (see json_decode.hpp).
template Expected<DashboardEnvelope, DecodeError> decode_text<DashboardEnvelope>(std::string_view,
                                                                                 std::size_t);

}  // namespace metal::model
