// The review of a plan draft: clicking a drafted item highlights the words of the text it
// was read from and scrolls the text to them (without script, the link jumps there).
(function () {
  "use strict";
  var source = document.querySelector("[data-source-text]");
  if (!source) { return; }
  function show(id) {
    source.querySelectorAll("mark.active").forEach(function (mark) { mark.classList.remove("active"); });
    var marks = source.querySelectorAll('mark[data-src~="' + id + '"]');
    marks.forEach(function (mark) { mark.classList.add("active"); });
    var first = marks[0] || document.getElementById("src-" + id);
    if (first) {
      source.scrollTop = first.offsetTop - source.offsetTop - 40;
    }
  }
  document.querySelectorAll("[data-source-ref]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(link.getAttribute("data-source-ref"));
      if (window.matchMedia("(max-width: 991.98px)").matches) {
        source.scrollIntoView({ block: "start" });
      }
    });
  });
})();
