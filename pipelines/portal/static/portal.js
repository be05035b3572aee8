// Sortable and filterable tables (DataTables, served from this site), the search page's query, and
// the charts (Vega-Embed from recursos/vega.js, on the pages that have one). Without this script
// every table is still a plain, complete HTML table, and each chart's figures are in its table.
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
  // Each chart's Vega-Lite specification is JSON beside its drawing area; drawn as SVG with the
  // Mexican Spanish formats of vega.js, with no menu of actions (it would link outside the site).
  function dibujar(figura) {
    var lienzo = figura.querySelector(".lienzo");
    var especificacion = JSON.parse(figura.querySelector("script.especificacion").textContent);
    var opciones = Object.assign({ renderer: "svg", actions: false }, window.SiieFormatoGraficas);
    return window.vegaEmbed(lienzo, especificacion, opciones).then(function () {
      figura.setAttribute("data-dibujada", "si");
    }, function (error) {
      console.error("No se pudo dibujar la gráfica: " + error);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (window.vegaEmbed) {
      document.querySelectorAll("figure.grafica").forEach(dibujar);
    }
    if (!window.SiieTablas) { return; }
    document.querySelectorAll("table.ordenable").forEach(preparar);
  });
})();
