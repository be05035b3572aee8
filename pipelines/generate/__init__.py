"""`siie generate`: deterministic, seeded sample extracts of matricula, trayectoria, plantilla and
presupuesto, with the clean truth they must load into and a record of every planted bad row."""

from pipelines.generate.defects import DEFECTS
from pipelines.generate.sample import Sample, build_sample, generate, write_sample

__all__ = ["DEFECTS", "Sample", "build_sample", "generate", "write_sample"]
