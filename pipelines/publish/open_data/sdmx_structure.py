"""The SDMX-ML 3.0 structure message (sdmx/estructura.xml), written with pysdmx: codelists,
the concept scheme, one data structure definition and one dataflow per published table.

pysdmx labels every name `xml:lang="en"`; the names here are Spanish, so the message says
`es`.
"""

from __future__ import annotations

from pathlib import Path

from pysdmx.io import write_sdmx
from pysdmx.io.format import Format
from pysdmx.model import (
    Code,
    Codelist,
    Component,
    Components,
    Concept,
    ConceptScheme,
    DataStructureDefinition,
    DataType,
    Role,
)
from pysdmx.model import Dataflow as SdmxDataflow
from pysdmx.model.dataflow import Schema

from pipelines.publish.open_data.codelists import CodeList
from pipelines.publish.open_data.dataflows import Dataflow, Part
from pipelines.publish.open_data.publisher import AGENCY_ID

VERSION = "1.0"
CONCEPT_SCHEME = "CS_SIIE"
URN = "urn:sdmx:org.sdmx.infomodel"


def codelist_urn(codelist_id: str) -> str:
    return f"{URN}.codelist.Codelist={AGENCY_ID}:{codelist_id}({VERSION})"


def _codelist(codes: CodeList) -> Codelist:
    return Codelist(
        id=codes.id,
        agency=AGENCY_ID,
        version=VERSION,
        name=codes.name,
        urn=codelist_urn(codes.id),
        items=[
            Code(id=c.id, name=c.name, description=c.description or None)
            for c in codes.codes.values()
        ],
    )


def _dtype(part: Part) -> DataType:
    if part.id == "TIME_PERIOD":
        return DataType.PERIOD
    return DataType.DECIMAL if part.number else DataType.STRING


class Structure:
    """The pysdmx artefacts of a version's package."""

    def __init__(
        self,
        flows: list[Dataflow],
        lists: dict[str, CodeList],
        descriptions: dict[tuple[str, str], str],
    ) -> None:
        self.flows = flows
        self.codelists = {id_: _codelist(codes) for id_, codes in lists.items()}
        self.concepts = self._concepts(descriptions)
        self.components = {flow.table: self._components(flow) for flow in flows}

    def _concepts(self, descriptions: dict[tuple[str, str], str]) -> dict[str, Concept]:
        """One concept per component id, described by the first published column it repeats."""
        concepts: dict[str, Concept] = {}
        for flow in self.flows:
            for part in flow.parts:
                if part.id in concepts:
                    continue
                description = descriptions.get((flow.table, part.column), "")
                concepts[part.id] = Concept(
                    id=part.id,
                    name=CONCEPT_NAMES.get(part.id, part.column),
                    description=description or None,
                    urn=f"{URN}.conceptscheme.Concept={AGENCY_ID}:{CONCEPT_SCHEME}({VERSION})"
                    f".{part.id}",
                    dtype=None if part.codelist else _dtype(part),
                    codes=self.codelists[part.codelist] if part.codelist else None,
                )
        return concepts

    def _components(self, flow: Dataflow) -> Components:
        # attributes attached to the whole key (one value per observation), written as
        # dimension references: SDMX 3.0's observation attachment with a MeasureRelationship
        # is valid too, but sdmx1 2.28 cannot read it
        whole_key = ",".join(p.id for p in flow.dimensions)

        def component(part: Part, role: Role, required: bool) -> Component:
            return Component(
                id=part.id,
                required=required,
                role=role,
                concept=self.concepts[part.id],
                local_dtype=None if part.codelist else _dtype(part),
                local_codes=self.codelists[part.codelist] if part.codelist else None,
                attachment_level=whole_key if role == Role.ATTRIBUTE else None,
            )

        return Components(
            [
                *(component(p, Role.DIMENSION, True) for p in flow.dimensions),
                component(flow.measure, Role.MEASURE, False),
                *(component(p, Role.ATTRIBUTE, False) for p in flow.attributes),
            ]
        )

    def dsd(self, flow: Dataflow) -> DataStructureDefinition:
        return DataStructureDefinition(
            id=flow.dsd_id,
            agency=AGENCY_ID,
            version=VERSION,
            name=f"Estructura: {flow.name}",
            description=f"Estructura de datos de la tabla publicada {flow.table}.",
            components=self.components[flow.table],
        )

    def dataflow(self, flow: Dataflow) -> SdmxDataflow:
        return SdmxDataflow(
            id=flow.id,
            agency=AGENCY_ID,
            version=VERSION,
            name=flow.name,
            description=f"La tabla publicada {flow.table}, en SDMX.",
            structure=self.dsd(flow),
        )

    def schema(self, flow: Dataflow) -> Schema:
        """What pysdmx's SDMX-CSV writer needs of a dataflow."""
        return Schema(
            context="dataflow",
            agency=AGENCY_ID,
            id=flow.id,
            version=VERSION,
            name=flow.name,
            components=self.components[flow.table],
        )

    def write(self, path: Path) -> None:
        scheme = ConceptScheme(
            id=CONCEPT_SCHEME,
            agency=AGENCY_ID,
            version=VERSION,
            name="Conceptos del SIIE",
            items=list(self.concepts.values()),
        )
        artefacts = [
            *self.codelists.values(),
            scheme,
            *(self.dsd(flow) for flow in self.flows),
            *(self.dataflow(flow) for flow in self.flows),
        ]
        text = write_sdmx(artefacts, Format.STRUCTURE_SDMX_ML_3_0)
        assert text is not None
        path.write_text(text.replace('xml:lang="en"', 'xml:lang="es"'), encoding="utf-8")


CONCEPT_NAMES = {
    "INDICADOR": "Indicador",
    "AMBITO": "Ámbito",
    "CLAVE_AMBITO": "Clave del ámbito",
    "TIME_PERIOD": "Periodo (ISO 8601)",
    "PERIODO": "Periodo del IPN",
    "OBS_VALUE": "Valor",
    "CONF_STATUS": "Estado de confidencialidad",
    "OBS_STATUS": "Estado de la observación",
    "UNIT_MEASURE": "Unidad de medida",
    "NUMERADOR": "Numerador",
    "DENOMINADOR": "Denominador",
    "INSTRUMENTO": "Instrumento de planeación",
    "CLAVE_INSTRUMENTO": "Clave del instrumento",
    "META": "Meta vigente",
    "META_ORIGINAL": "Meta original",
    "LINEA_BASE": "Línea base",
    "SENTIDO": "Sentido",
    "CUMPLIMIENTO": "Cumplimiento (%)",
    "SEMAFORO": "Semáforo",
    "VALOR_ANTERIOR": "Valor del periodo anterior",
    "VARIACION": "Variación",
}
