#pragma once
// What the public catalogues say: marketplace images (GET /marketplace/v2/images, /local-images:
// which image label runs on which server types in a zone) and the product catalog with exact
// retail prices (GET /product-catalog/v2alpha1/public-catalog/products).

#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "money.hpp"
#include "timestamp.hpp"

namespace metal::model {

struct MarketplaceImage {
  std::string id;
  std::string name;
  std::string label;  // ubuntu_jammy, ...
  std::string description;
  std::string logo;
  std::vector<std::string> categories;
  std::optional<Timestamp> valid_until;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> updated_at;
  bool operator==(const MarketplaceImage&) const = default;
};
struct MarketplaceImageList {
  std::vector<MarketplaceImage> images;
  std::int64_t total_count = 0;
  bool operator==(const MarketplaceImageList&) const = default;
};

struct LocalImage {
  std::string id;
  std::string arch;
  std::string zone;
  std::vector<std::string> compatible_commercial_types;
  std::string label;
  std::string type;  // instance_local | instance_sbs
  bool operator==(const LocalImage&) const = default;
};
struct LocalImageList {
  std::vector<LocalImage> local_images;
  std::int64_t total_count = 0;
  bool operator==(const LocalImageList&) const = default;
};

struct CatalogProduct {
  struct Locality {
    std::optional<std::string> zone;
    std::optional<std::string> region;
    bool operator==(const Locality&) const = default;
  };
  struct Prices {
    std::optional<Money> retail_price;
    bool operator==(const Prices&) const = default;
  };
  struct UnitOfMeasure {
    std::string unit;  // hour, month, ...
    std::int64_t size = 1;
    bool operator==(const UnitOfMeasure&) const = default;
  };
  std::string sku;
  std::string service_category;
  std::string product_category;
  std::string product;  // the commercial type, for instances
  std::string variant;
  std::string description;
  Locality locality;
  Prices price;
  Json properties;  // hardware description, shown as is
  Json environmental_impact_estimation;
  UnitOfMeasure unit_of_measure;
  std::string status;  // general_availability, public_beta, ...
  std::vector<Json> badges;
  bool operator==(const CatalogProduct&) const = default;
};
struct CatalogProductList {
  std::vector<CatalogProduct> products;
  std::int64_t total_count = 0;
  bool operator==(const CatalogProductList&) const = default;
};

template <class V, class S>
requires Of<S, MarketplaceImage>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("label", x.label), v("description", x.description);
  v("logo", x.logo), v("categories", x.categories), v("valid_until", x.valid_until);
  v("created_at", x.created_at), v("updated_at", x.updated_at);
}
template <class V, class S>
requires Of<S, MarketplaceImageList>
void fields(V& v, S& x) {
  v("images", x.images), v("total_count", x.total_count);
}
template <class V, class S>
requires Of<S, LocalImage>
void fields(V& v, S& x) {
  v("id", x.id), v("arch", x.arch), v("zone", x.zone);
  v("compatible_commercial_types", x.compatible_commercial_types), v("label", x.label),
      v("type", x.type);
}
template <class V, class S>
requires Of<S, LocalImageList>
void fields(V& v, S& x) {
  v("local_images", x.local_images), v("total_count", x.total_count);
}
template <class V, class S>
requires Of<S, CatalogProduct::Locality>
void fields(V& v, S& x) {
  v("zone", x.zone), v("region", x.region);
}
template <class V, class S>
requires Of<S, CatalogProduct::Prices>
void fields(V& v, S& x) {
  v("retail_price", x.retail_price);
}
template <class V, class S>
requires Of<S, CatalogProduct::UnitOfMeasure>
void fields(V& v, S& x) {
  v("unit", x.unit), v("size", x.size);
}
template <class V, class S>
requires Of<S, CatalogProduct>
void fields(V& v, S& x) {
  v("sku", x.sku), v("service_category", x.service_category);
  v("product_category", x.product_category), v("product", x.product), v("variant", x.variant);
  v("description", x.description), v("locality", x.locality), v("price", x.price);
  v("properties", x.properties),
      v("environmental_impact_estimation", x.environmental_impact_estimation);
  v("unit_of_measure", x.unit_of_measure), v("status", x.status), v("badges", x.badges);
}
template <class V, class S>
requires Of<S, CatalogProductList>
void fields(V& v, S& x) {
  v("products", x.products), v("total_count", x.total_count);
}

}  // namespace metal::model
