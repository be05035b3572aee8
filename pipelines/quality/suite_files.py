"""The GX file context in expectations/: its config and the suites, written from the registry.

    python -m pipelines.quality.generate

Suites are derived data (contracts → raw suites; the mart rules of mart_suites.py) but they are
committed, so that an auditor reads in the repository exactly what the gate checks, and a test
fails while a committed file is out of date. Ids are derived from names so that regenerating an
unchanged suite rewrites the same bytes. Validation results never go here: the gate writes them
under $SIIE_HOME/reports/validaciones/.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from pipelines.core.config import EXPECTATIONS_DIR
from pipelines.quality.mart_suites import MART_SUITES, mart_suite
from pipelines.quality.raw_suites import raw_suite
from pipelines.quality.registry import SUITES
from pipelines.specs.contracts import load_contract

GX_VERSION = "1.24.1"
SUITES_DIR = EXPECTATIONS_DIR / "suites"
CONFIG_PATH = EXPECTATIONS_DIR / "great_expectations.yml"
DATASOURCE = "siie"
BATCH_DEFINITION = "lote"
NAMESPACE = uuid.UUID("6f1c1f0e-5a0b-4e8e-9a57-51ee00000000")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def suite_document(name: str) -> dict[str, Any]:
    """The suite as GX stores it (expectations sorted by nothing but their order in the source)."""
    spec = (
        mart_suite(name)
        if name in MART_SUITES
        else raw_suite(load_contract(name.removeprefix("raw_")))
    )
    expectations = [
        {**e, "id": stable_id(name, str(i), e["type"], json.dumps(e["kwargs"], sort_keys=True))}
        for i, e in enumerate(spec["expectations"])
    ]
    return {
        "expectations": expectations,
        "id": stable_id("suite", name),
        "meta": {"great_expectations_version": GX_VERSION, **spec["meta"]},
        "name": name,
        "notes": (
            "Generado por pipelines/quality/suite_files.py; "
            "no editar: python -m pipelines.quality.generate"
        ),
    }


def suite_text(name: str) -> str:
    return json.dumps(suite_document(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# The header of the generated great_expectations.yml, verbatim: its lines are the file's lines.
CONFIG_HEADER = """\
# Contexto de archivos de Great Expectations del SIIE. Generado por pipelines/quality/suite_files.py;
# no editar: python -m pipelines.quality.generate
#
# - Una fuente de datos pandas: cada lote es una partición (periodo, corte o mes) de una tabla del
#   almacén DuckDB, leída como Arrow y pasada a pandas. La fuente SQL de GX sobre DuckDB no devuelve
#   métricas (GX #10738, #11579) y no admite expectativas de patrones; los lotes pandas sí.
# - Sin sitio de Data Docs en este contexto (`data_docs_sites: {}`) y la compuerta no usa su almacén de
#   resultados: los resultados nativos de GX van a $SIIE_HOME/reports/validaciones/<ejecución>/gx/ y los
#   Data Docs de GX se construyen desde ahí con pipelines/quality/data_docs.py (build_data_docs), con su
#   CSS y su JS copiados dentro del sitio en vez de un CDN: se ven sin red. El informe para auditoría es
#   $SIIE_HOME/reports/informe.html, autocontenido.
# - Sin analítica ni barras de progreso; nada sale a la red.
"""  # noqa: E501


def config_document() -> dict[str, Any]:
    assets = {
        spec.name: {
            "type": "dataframe",
            "id": stable_id("asset", spec.name),
            "batch_metadata": {},
            "batch_definitions": {
                BATCH_DEFINITION: {"id": stable_id("batch", spec.name), "partitioner": None}
            },
        }
        for spec in SUITES
    }
    return {
        "config_version": 4,
        "analytics_enabled": False,
        "data_context_id": stable_id("context"),
        "progress_bars": {"globally": False, "metric_calculations": False},
        "config_variables_file_path": "uncommitted/config_variables.yml",
        "plugins_directory": "plugins/",
        "stores": {
            "expectations_store": {
                "class_name": "ExpectationsStore",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": "suites/",
                },
            },
            "validation_results_store": {
                "class_name": "ValidationResultsStore",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": "uncommitted/validations/",
                },
            },
            "checkpoint_store": {
                "class_name": "CheckpointStore",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "suppress_store_backend_id": True,
                    "base_directory": "checkpoints/",
                },
            },
            "validation_definition_store": {
                "class_name": "ValidationDefinitionStore",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": "validation_definitions/",
                },
            },
        },
        "expectations_store_name": "expectations_store",
        "validation_results_store_name": "validation_results_store",
        "checkpoint_store_name": "checkpoint_store",
        "data_docs_sites": {},
        "fluent_datasources": {
            DATASOURCE: {
                "type": "pandas",
                "id": stable_id("datasource", DATASOURCE),
                "assets": assets,
            },
        },
    }


def config_text() -> str:
    import yaml

    return CONFIG_HEADER + yaml.safe_dump(config_document(), sort_keys=False, allow_unicode=True)


def generated_files() -> dict[Path, str]:
    files = {CONFIG_PATH: config_text()}
    files.update({SUITES_DIR / f"{spec.name}.json": suite_text(spec.name) for spec in SUITES})
    return files
