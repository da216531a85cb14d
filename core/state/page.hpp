#pragma once
// A page of the console as the state sees it: one row of the page registry (ui/page_registry.cpp
// adds how it is drawn). Everything that depends on which pages exist — navigation, breadcrumbs,
// the palette, status(), deep links and history — reads these rows, so adding a page is adding a
// row, never editing a switch.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/json_codec.hpp"
#include "state/route.hpp"

namespace metal::state {

class Console;

/// What a move to a page does to the browser's history when it comes from another page or item.
/// (A move within the same page and item — a filter, a range — always replaces the entry.)
enum class HistoryRule { push, replace };

/// A command of the palette (Ctrl+K): a label to match what is typed, and the intent it runs.
struct PaletteCommand {
  std::string label;
  std::function<void()> run;
  /// Found by the page's own search of what was typed (a server by its address, say): shown
  /// first, whether or not the label holds the words typed.
  bool found = false;
};

struct PageSpec {
  /// "servers", "server", "ssh-keys": what status().page reports.
  std::string_view id = {};
  /// "/servers/{zone}/{id}/{tab?}": literal segments, named parameters, an optional last one.
  std::string_view pattern = {};
  /// "SSH keys": the navigation, the breadcrumbs, the palette's "Go to".
  std::string_view title = {};
  /// The navigation's section heading ("COMPUTE"); empty: reached from another page only.
  std::string_view nav_section = {};
  /// The page breadcrumbs lead back to (a server's detail leads to the list); empty: none.
  std::string_view parent = {};
  HistoryRule history = HistoryRule::push;

  /// Reads the page's path parameters and query: what it cannot use is dropped from the route
  /// and said in words that name the parameter; what it keeps is put in canonical order.
  void (*check)(Route& route, std::vector<std::string>& problems) = nullptr;
  /// Each frame while the page shows: subscribes the data it needs (lists, details, charts).
  void (*need)(Console& console, const Route& route) = nullptr;
  /// What the page adds to status() while it shows.
  void (*report)(const Console& console, const Route& route, model::Json& status) = nullptr;
  /// The page's palette commands, available from anywhere (`typed` is what the user typed).
  void (*commands)(Console& console, std::string_view typed,
                   std::vector<PaletteCommand>& out) = nullptr;
  /// The last breadcrumb when the page shows one item ("web-12"); null: the title.
  std::string (*item_label)(const Console& console, const Route& route) = nullptr;
  /// A count beside the page's navigation entry ("40"); null: none.
  std::string (*nav_badge)(const Console& console) = nullptr;
};

}  // namespace metal::state
