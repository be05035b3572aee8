"""What each SDMX dataflow takes from its published table: dimensions, the measure
(OBS_VALUE) and attributes, each with the column it repeats and its codelist (codelists.py).

A component without a codelist is free text (or a number: `number=True`). Every column an SDMX
file carries is declared in models/divulgacion.yml (`canales_paquete`) as the published column
it repeats.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    id: str  # the SDMX component (and concept) id
    column: str  # the published column it repeats
    codelist: str | None = None
    number: bool = False
    # empty when the row's figure is hidden (CONF_STATUS C): the figure, its numerator and
    # denominator, and what is computed from it
    hidden_with_figure: bool = False


@dataclass(frozen=True)
class Dataflow:
    table: str
    name: str
    dimensions: tuple[Part, ...]
    measure: Part
    attributes: tuple[Part, ...]

    @property
    def id(self) -> str:
        return f"DF_{self.table.upper()}"

    @property
    def dsd_id(self) -> str:
        return f"DSD_{self.table.upper()}"

    @property
    def parts(self) -> tuple[Part, ...]:
        return (*self.dimensions, self.measure, *self.attributes)


TIME_PERIOD = Part("TIME_PERIOD", "periodo")  # the SDMX form of the period (periods.py)
PERIODO = Part("PERIODO", "periodo")  # the office's own label of it (22/1, 2023-01, ...)
CONF_STATUS = Part("CONF_STATUS", "estado_confidencialidad", "CL_CONF_STATUS")
OBS_STATUS = Part("OBS_STATUS", "suprimido", "CL_OBS_STATUS")  # derived: sdmx_csv.py
UNIT_MEASURE = Part("UNIT_MEASURE", "clave_indicador", "CL_UNIDAD_MEDIDA")  # dim_indicador.unidad

INDICADORES = Dataflow(
    table="indicadores",
    name="Indicadores institucionales del IPN",
    dimensions=(
        Part("INDICADOR", "clave_indicador", "CL_INDICADOR"),
        Part("AMBITO", "ambito", "CL_AMBITO"),
        Part("CLAVE_AMBITO", "clave_ambito", "CL_CLAVE_AMBITO"),
        TIME_PERIOD,
    ),
    measure=Part("OBS_VALUE", "valor", number=True, hidden_with_figure=True),
    attributes=(
        CONF_STATUS,
        OBS_STATUS,
        UNIT_MEASURE,
        Part("NUMERADOR", "numerador", number=True, hidden_with_figure=True),
        Part("DENOMINADOR", "denominador", number=True, hidden_with_figure=True),
        PERIODO,
    ),
)

EVALUACION = Dataflow(
    table="evaluacion",
    name="Evaluación de las metas del PDI, el POA y las MIR",
    dimensions=(
        Part("INSTRUMENTO", "instrumento", "CL_INSTRUMENTO"),
        Part("CLAVE_INSTRUMENTO", "clave_instrumento"),
        Part("INDICADOR", "clave_indicador", "CL_INDICADOR"),
        Part("AMBITO", "ambito", "CL_AMBITO"),
        Part("CLAVE_AMBITO", "clave_ambito", "CL_CLAVE_AMBITO"),
        TIME_PERIOD,
    ),
    measure=Part("OBS_VALUE", "valor", number=True, hidden_with_figure=True),
    attributes=(
        CONF_STATUS,
        Part("META", "meta", number=True),
        Part("META_ORIGINAL", "meta_original", number=True),
        Part("LINEA_BASE", "linea_base", number=True),
        Part("SENTIDO", "sentido"),
        Part("CUMPLIMIENTO", "cumplimiento", number=True, hidden_with_figure=True),
        Part("SEMAFORO", "semaforo", "CL_SEMAFORO"),
        Part("VALOR_ANTERIOR", "valor_anterior", number=True, hidden_with_figure=True),
        Part("VARIACION", "variacion", number=True, hidden_with_figure=True),
        PERIODO,
    ),
)

DATAFLOWS = (INDICADORES, EVALUACION)


def dataflows_of(tables: list[str]) -> list[Dataflow]:
    """The dataflows whose table the version publishes (`evaluacion` only when it has one)."""
    return [flow for flow in DATAFLOWS if flow.table in tables]
