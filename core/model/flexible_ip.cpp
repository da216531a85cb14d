#include "flexible_ip.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<FlexibleIpEnvelope, DecodeError> decode_text<FlexibleIpEnvelope>(std::string_view,
                                                                                   std::size_t);
template Expected<FlexibleIpList, DecodeError> decode_text<FlexibleIpList>(std::string_view,
                                                                           std::size_t);

}  // namespace metal::model
