/* Sortable tables and the department filter. Without JavaScript every table shows in its own order and the
   department list in full; nothing here loads anything from another host.
   - A table of more than five rows (class "sorteerbaar", given by write/mkdocs_hooks.py) sorts by any column with
     tablesort (vendor/tablesort/). Every column header gets a button "Sorteer op <kolom>" (Enter and Space);
     tablesort sets aria-sort on the header; a status line says the new order. Numbers sort by their data-sort
     value ("getal" below); an unknown value ("< 5" aside: hidden, n.v.t.) sorts below every number, in table order.
     The footer (totals) stays where it is.
   - The department overview (div.afdelingfilter) filters its list as you type and says how many are shown. */
(function () {
  "use strict";

  // tablesort's sort functions order from high to low: it reverses the result for "oplopend".
  Tablesort.extend("getal", function () { return false; }, function (a, b) {
    var x = a === "" ? -Infinity : parseFloat(a);
    var y = b === "" ? -Infinity : parseFloat(b);
    if (x === y) return 0;
    return y > x ? 1 : -1;
  });

  var ORDER = { ascending: "oplopend", descending: "aflopend" };

  function columnName(th) {
    return th.textContent.replace(/\s+/g, " ").trim();
  }

  function sortable(table) {
    if (table.dataset.sorteerbaar) return;
    table.dataset.sorteerbaar = "ja";
    var headers = table.tHead.rows[table.tHead.rows.length - 1].cells;
    var status = document.createElement("p");
    status.className = "sorteerstatus";
    status.setAttribute("role", "status");
    table.parentNode.insertBefore(status, table.nextSibling);
    Array.prototype.forEach.call(headers, function (th) {
      var name = columnName(th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sorteer";
      button.setAttribute("aria-label", "Sorteer op " + name);
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      // tablesort sorts on a click of the header and on Enter in it; the button's own Enter is that click.
      button.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.stopPropagation();
      });
    });
    new Tablesort(table);
    Array.prototype.forEach.call(headers, function (th) {
      th.removeAttribute("tabindex"); // the button is the one place to Tab to (role=columnheader: Material's icons)
    });
    table.addEventListener("afterSort", function () {
      Array.prototype.forEach.call(headers, function (th) {
        var order = th.getAttribute("aria-sort");
        if (order) status.textContent = "Gesorteerd op " + columnName(th) + ", " + ORDER[order] + ".";
      });
    });
  }

  function filter(box) {
    if (box.dataset.actief) return;
    box.dataset.actief = "ja";
    var list = document.getElementById(box.dataset.lijst);
    if (!list) return;
    var input = box.querySelector("input");
    var count = box.querySelector(".afdelingfilter-aantal");
    var items = Array.prototype.slice.call(list.querySelectorAll("li"));
    function normal(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
    }
    function update() {
      var wanted = normal(input.value);
      var shown = 0;
      items.forEach(function (li) {
        var match = normal(li.textContent).indexOf(wanted) !== -1;
        li.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = wanted
        ? shown + " van " + items.length + (items.length === 1 ? " afdeling" : " afdelingen") + " getoond."
        : "Alle " + items.length + " afdelingen getoond.";
    }
    input.addEventListener("input", update);
    box.hidden = false;
    update();
  }

  function init() {
    document.querySelectorAll("table.sorteerbaar").forEach(sortable);
    document.querySelectorAll(".afdelingfilter").forEach(filter);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init); // Material: every page, also after instant navigation
  } else {
    init();
  }
})();
