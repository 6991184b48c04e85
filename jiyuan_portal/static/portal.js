// The portal's few behaviours, bound by data attributes: the Content-Security-Policy allows
// no inline scripts or event-handler attributes, so templates mark elements and this file acts.
(function () {
  "use strict";

  // <button data-history-back>: go back to the previous page (the error pages).
  document.querySelectorAll("[data-history-back]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.history.back();
    });
  });
})();
