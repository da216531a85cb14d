#include "placement_group.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<PlacementGroupEnvelope, DecodeError> decode_text<PlacementGroupEnvelope>(
    std::string_view, std::size_t);
template Expected<PlacementGroupList, DecodeError> decode_text<PlacementGroupList>(std::string_view,
                                                                                   std::size_t);

}  // namespace metal::model
