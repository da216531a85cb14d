#include "cockpit.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<DataSourceList, DecodeError> decode_text<DataSourceList>(std::string_view,
                                                                           std::size_t);

}  // namespace metal::model
