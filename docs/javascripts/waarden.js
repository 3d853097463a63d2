/* Values at a touch (figuur.md.j2): Escape hides the value a hovered or focused mark shows, so it no longer covers
   the chart (WCAG 1.4.13), until the pointer and the focus have both left that mark. Without JavaScript every
   value still shows on hover, tap and focus; only this way to hide one is missing. Nothing loads from elsewhere. */
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".waarde:hover, .waarde:focus").forEach(function (mark) {
      mark.setAttribute("data-stil", "");
    });
  });

  function leave(event) {
    var mark = event.target.closest ? event.target.closest(".waarde[data-stil]") : null;
    if (!mark || mark.contains(event.relatedTarget)) return;
    // Still focused after the pointer left, or still under the pointer after the focus left: stays hidden.
    if (event.type === "focusout" ? mark.matches(":hover") : mark === document.activeElement) return;
    mark.removeAttribute("data-stil");
  }
  document.addEventListener("focusout", leave);
  document.addEventListener("pointerout", leave);
})();
