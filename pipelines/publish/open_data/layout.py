"""The names of the package's folder and files: the contract other readers (the public portal)
rely on (docs/OPEN_DATA.md)."""

from __future__ import annotations

FOLDER = "datos_abiertos"  # inside published/vN/
TABLES_DIR = "tablas"  # tablas/<tabla>.csv: each published table as plain CSV
SDMX_DIR = "sdmx"
STRUCTURE_FILE = f"{SDMX_DIR}/estructura.xml"
DATAPACKAGE_FILE = "datapackage.json"
CATALOG_FILE = "catalogo.json"
NOTES_MD = "notas_de_version.md"
NOTES_CSV = "notas_de_version.csv"
LABELLED_SUFFIX = "_etiquetas"


def table_csv(table: str) -> str:
    return f"{TABLES_DIR}/{table}.csv"


def sdmx_csv(table: str, labelled: bool = False) -> str:
    return f"{SDMX_DIR}/{table}{LABELLED_SUFFIX if labelled else ''}.csv"
