"""The evaluation report of one publication (`siie evaluacion`): each target of the plan against
its figure as published, institution, level and unit, with charts; HTML and, by Chromium's print,
PDF (docs/EVALUATION.md)."""
