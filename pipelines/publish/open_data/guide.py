"""What each file of the package is, in Spanish, for the data dictionary (diccionario.md)."""

from __future__ import annotations

from pipelines.publish.open_data import layout

FILES = (
    (layout.CATALOG_FILE, "Ficha de catálogo (DCAT-AP, JSON-LD) para portales de datos abiertos: "
     "título, descripción, editor, licencia, cobertura temporal, versión y, por archivo, formato, "
     "tipo de medio, tamaño en bytes y SHA-256."),
    (layout.DATAPACKAGE_FILE, "Paquete de datos Frictionless: cada tabla publicada como recurso "
     "CSV con su esquema (tipos, descripciones, llaves primarias y foráneas; un campo vacío es "
     "una cifra nula u oculta), licencia, fuentes, tamaño y SHA-256."),
    (f"{layout.TABLES_DIR}/<tabla>.csv", "Cada tabla publicada en CSV (UTF-8, coma, punto "
     "decimal, vacío = nulo): las mismas celdas que `siie.duckdb` y `parquet/`."),
    (layout.STRUCTURE_FILE, "Estructura SDMX-ML 3.0: listas de códigos (indicadores, ámbitos, "
     "niveles, unidades, programas, unidades de medida, confidencialidad), esquema de conceptos, "
     "estructuras de datos y flujos de datos, en español."),
    (layout.sdmx_csv("indicadores"), "`indicadores` en SDMX-CSV 2.0: dimensiones INDICADOR, "
     "AMBITO, CLAVE_AMBITO y TIME_PERIOD (ISO 8601; el periodo del IPN en PERIODO), la cifra en "
     "OBS_VALUE, CONF_STATUS (F libre, C confidencial: OBS_VALUE, NUMERADOR y DENOMINADOR "
     "vacíos), OBS_STATUS, UNIT_MEASURE, NUMERADOR y DENOMINADOR."),
    (layout.sdmx_csv("indicadores", True), "Lo mismo con etiquetas (`CÓDIGO: Nombre`), para "
     "hojas de cálculo."),
    (layout.sdmx_csv("evaluacion"), "`evaluacion` en SDMX-CSV 2.0 (y `evaluacion_etiquetas.csv`), "
     "cuando la versión la publica."),
    (layout.NOTES_MD, "Notas de la versión: periodos agregados, archivos de los que sale el "
     "cambio, cifras revisadas (anterior → nueva), cifras que ahora se ocultan (sólo la marca C, "
     "nunca su valor anterior) o se muestran."),
    (layout.NOTES_CSV, "Las mismas notas, un renglón por cambio."),
)  # fmt: skip


def package_markdown() -> list[str]:
    lines = [
        f"## Datos abiertos (`{layout.FOLDER}/`)",
        "",
        "Los mismos datos en formatos estándar (se copian con `siie datos-abiertos`). Una cifra "
        "oculta está vacía en todos ellos.",
        "",
        "| archivo | qué es |",
        "| --- | --- |",
    ]
    return [*lines, *(f"| `{name}` | {text} |" for name, text in FILES), ""]
