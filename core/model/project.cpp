#include "project.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp). A single project comes
// without an envelope.
template Expected<Project, DecodeError> decode_text<Project>(std::string_view, std::size_t);
template Expected<ProjectList, DecodeError> decode_text<ProjectList>(std::string_view, std::size_t);

}  // namespace metal::model
