"""One attempt at a landed file, as one record: the line it writes in `raw.cargas` and what its
ingestion run reports (the `cargas` metadata of the raw asset, the console's summary).

Its fields are Spanish because they are written out as they are (docs/NAMING.md): `row()` gives
the load log's columns (pipelines/specs/load_log.py), `reported()` the result a run reports.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from pipelines.specs.load_log import CARGAS_COLUMNS

# What a run reports of each file, in this order; `motivos` is not a column of raw.cargas
REPORTED = (
    "tipo",
    "archivo",
    "sha256",
    "estado",
    "periodo",
    "filas_leidas",
    "filas_cargadas",
    "filas_rechazadas",
    "mensaje",
    "motivos",
)


@dataclass
class LoadRecord:
    tipo: str
    archivo: str
    sha256: str  # "": no bytes could be read to hash
    # CARGADO, RECHAZADO, ERROR; OMITIDO (already seen) and OTRA_PARTICION write nothing
    estado: str = ""
    periodo: str | None = None
    filas_leidas: int = 0
    filas_cargadas: int = 0
    filas_rechazadas: int = 0
    mensaje: str | None = None
    motivos: dict[str, int] = field(default_factory=dict)  # "columna: motivo" → rows
    carga_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    tamano_bytes: int | None = None
    formato: str | None = None
    codificacion: str | None = None
    advertencias: str | None = None
    iniciado_en: datetime | None = None
    terminado_en: datetime | None = None

    def row(self) -> dict[str, object]:
        """The line in raw.cargas."""
        return {name: getattr(self, name) for name, _ in CARGAS_COLUMNS}

    def reported(self) -> dict[str, object]:
        """What the ingestion run reports of this file."""
        return {name: getattr(self, name) for name in REPORTED}

    def failed(self, message: str) -> None:
        """The file is an ERROR: no row of it is loaded."""
        self.estado, self.mensaje = "ERROR", message
        self.filas_leidas = self.filas_cargadas = self.filas_rechazadas = 0
        self.motivos = {}

    def rejected_whole(self, message: str) -> None:
        """Too many rows break the contract: the file is RECHAZADO, every row counted rejected."""
        self.estado, self.mensaje = "RECHAZADO", message
        self.filas_cargadas, self.filas_rechazadas = 0, self.filas_leidas
