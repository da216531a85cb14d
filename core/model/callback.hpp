#pragma once
// A move-only callable, for callbacks that run once or are kept by one owner (an answer's
// completion, a palette command). std::function must be able to copy what it holds, which costs
// every lambda stored in one a vtable of eight functions in the web bundle; this costs two (call
// and delete), and takes move-only lambdas too.

#include <cstddef>
#include <type_traits>
#include <utility>

namespace metal {

template <class Signature>
class Callback;

template <class R, class... Args>
class Callback<R(Args...)> {
 public:
  Callback() = default;
  Callback(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): as std::function
  template <class F>
  requires(!std::is_same_v<std::decay_t<F>, Callback> && std::is_invocable_r_v<R, F&, Args...>)
      Callback(F f)  // NOLINT(google-explicit-constructor): a lambda converts, as to std::function
      : object_(new F(std::move(f))), call_(&call<F>), delete_(&remove<F>) {}
  Callback(Callback&& other) noexcept
      : object_(std::exchange(other.object_, nullptr)),
        call_(std::exchange(other.call_, nullptr)),
        delete_(std::exchange(other.delete_, nullptr)) {}
  Callback& operator=(Callback&& other) noexcept {
    if (this != &other) {
      reset();
      object_ = std::exchange(other.object_, nullptr);
      call_ = std::exchange(other.call_, nullptr);
      delete_ = std::exchange(other.delete_, nullptr);
    }
    return *this;
  }
  Callback(const Callback&) = delete;
  Callback& operator=(const Callback&) = delete;
  ~Callback() { reset(); }

  explicit operator bool() const { return call_ != nullptr; }
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  template <class F>
  static R call(void* object, Args&&... args) {
    return (*static_cast<F*>(object))(std::forward<Args>(args)...);
  }
  template <class F>
  static void remove(void* object) {
    delete static_cast<F*>(object);
  }
  void reset() {
    if (delete_) delete_(object_);
    object_ = nullptr;
    call_ = nullptr;
    delete_ = nullptr;
  }

  void* object_ = nullptr;
  R (*call_)(void*, Args&&...) = nullptr;
  void (*delete_)(void*) = nullptr;
};

}  // namespace metal
