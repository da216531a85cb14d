#include "image.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<ImageEnvelope, DecodeError> decode_text<ImageEnvelope>(std::string_view,
                                                                         std::size_t);
template Expected<ImageList, DecodeError> decode_text<ImageList>(std::string_view, std::size_t);

}  // namespace metal::model
