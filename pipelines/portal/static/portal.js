// Sortable and filterable tables (DataTables, served from this site) and the search page's query.
// Without this script every table is still a plain, complete HTML table.
(function () {
  "use strict";
  var idioma = {
    search: "Filtrar:",
    zeroRecords: "Ningún renglón coincide",
    emptyTable: "Sin renglones",
    info: "_TOTAL_ renglones",
    infoEmpty: "0 renglones",
    infoFiltered: "(de _MAX_)",
    aria: {
      orderable: "Ordenar por esta columna",
      orderableReverse: "Invertir el orden de esta columna"
    }
  };
  function exacto(texto) {
    return "^" + texto.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "$";
  }
  function preparar(tabla) {
    var DataTable = window.SiieTablas["default"];
    var api = new DataTable(tabla, {
      paging: false,
      order: [],
      autoWidth: false,
      language: idioma
    });
    var selector = tabla.getAttribute("data-periodo-selector");
    if (selector) {
      var control = document.getElementById(selector);
      var columna = Number(tabla.getAttribute("data-periodo-columna") || 0);
      var aplicar = function () {
        var valor = control.value;
        api.column(columna).search(valor ? exacto(valor) : "", { regex: true, smart: false }).draw();
      };
      control.addEventListener("change", aplicar);
      aplicar();
    }
    var consulta = tabla.getAttribute("data-consulta");
    if (consulta) {
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { api.search(q).draw(); }
    }
    tabla.setAttribute("data-lista", "si");
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.SiieTablas) { return; }
    document.querySelectorAll("table.ordenable").forEach(preparar);
  });
})();
