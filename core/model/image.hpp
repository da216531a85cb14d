#pragma once
// Instance images: GET /images/{id} -> {"image"}, GET /images -> {"images"}.
// An image has the same shape whether listed or embedded in a server (ServerImage).

#include <vector>

#include "fields.hpp"
#include "server.hpp"

namespace metal::model {

using Image = ServerImage;

struct ImageEnvelope {
  Image image;
  bool operator==(const ImageEnvelope&) const = default;
};
struct ImageList {
  std::vector<Image> images;
  bool operator==(const ImageList&) const = default;
};

template <class V, class S>
requires Of<S, ImageEnvelope>
void fields(V& v, S& x) {
  v("image", x.image);
}
template <class V, class S>
requires Of<S, ImageList>
void fields(V& v, S& x) {
  v("images", x.images);
}

}  // namespace metal::model
