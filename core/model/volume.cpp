#include "volume.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<VolumeEnvelope, DecodeError> decode_text<VolumeEnvelope>(std::string_view,
                                                                           std::size_t);
template Expected<VolumeList, DecodeError> decode_text<VolumeList>(std::string_view, std::size_t);

}  // namespace metal::model
