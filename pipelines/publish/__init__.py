"""Publication (write-audit-publish; the disclosure audit itself is pipelines.audit): the version's
tables under disclosure control (disclosure/) and the evaluation tables, the refusal of personal
data, manifest, data dictionary and example questions, the atomic switch of `current`, the history
of attempts, the recovery from a publication killed half-way, whether a run has anything new to
publish (freshness), and the Dagster asset `publicacion`."""
