#pragma once
// The organization's SSH keys: a filterable, sortable table (name, fingerprint, project, age),
// the form to add one beside it (#/ssh-keys/new: the key checked as it is typed), rename in
// place, delete with confirmation, one-click copy of a key or its fingerprint.

#include <memory>

#include "ui/page_view.hpp"

namespace metal::ui {

std::unique_ptr<PageView> make_ssh_keys_view();

}  // namespace metal::ui
