"""Who publishes the package, under which licence: the same words in the Data Package, the
catalog entry and the SDMX structure."""

from __future__ import annotations

AGENCY_ID = "IPN_CGPII"  # SDMX maintenance agency of every artefact
PUBLISHER = (
    "Instituto Politécnico Nacional, Coordinación General de Planeación e Información "
    "Institucional (CGPII)"
)
TITLE = "Sistema Institucional de Información Estadística del IPN (SIIE)"
DESCRIPTION = (
    "Indicadores institucionales del Instituto Politécnico Nacional (matrícula, trayectoria "
    "escolar, personal docente y presupuesto), con control de divulgación: una cifra que "
    "permitiría conocer a pocas personas se publica vacía con la marca C."
)
# Mexico's open data licence (datos.gob.mx): free use with attribution
LICENSE_NAME = "Libre-Uso-MX"
LICENSE_TITLE = "Términos de Libre Uso MX"
LICENSE_URL = "https://www.datos.gob.mx/libreusomx"
