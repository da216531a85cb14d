#include "catalog.hpp"

#include "json_decode.hpp"

namespace metal::model {

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<MarketplaceImageList, DecodeError> decode_text<MarketplaceImageList>(
    std::string_view, std::size_t);
template Expected<LocalImageList, DecodeError> decode_text<LocalImageList>(std::string_view,
                                                                           std::size_t);
template Expected<CatalogProductList, DecodeError> decode_text<CatalogProductList>(std::string_view,
                                                                                   std::size_t);

}  // namespace metal::model
