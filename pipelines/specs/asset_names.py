"""Names of Dagster assets that one stage defines and an earlier one refers to: the quality gate
(pipelines/quality/checks.py) asks whether its run also publishes, and the publication
(pipelines/publish/assets.py) is that asset."""

PUBLICATION_ASSET = "publicacion"
