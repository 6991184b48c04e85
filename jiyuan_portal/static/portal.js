// The portal's few behaviours, bound by data attributes: the Content-Security-Policy allows
// no inline scripts or event-handler attributes, so templates mark elements and this file acts.
(function () {
  "use strict";

  // <select data-autosubmit>: send the form as soon as a choice is made (language, filters).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });

  // <form data-confirm="question">: ask before sending (deleting a report).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  // <button data-print>: print the page (the supervision bulletin).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // <button data-history-back>: go back to the previous page (the error pages).
  document.querySelectorAll("[data-history-back]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.history.back();
    });
  });
})();
