"""`siie generate`: deterministic, seeded sample extracts of matricula, trayectoria, plantilla and
presupuesto, with the clean truth they must load into and a record of every planted bad row."""

from sample_extracts.defects import DEFECTS
from sample_extracts.sample import Sample, build_sample, generate, write_sample

__all__ = ["DEFECTS", "Sample", "build_sample", "generate", "write_sample"]
