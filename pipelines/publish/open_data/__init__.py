"""The open data package of a published version (docs/OPEN_DATA.md): SDMX-CSV 2.0 and its
SDMX-ML 3.0 structure, a Frictionless Data Package, a DCAT catalog entry and release notes, all
written from the version's own published file (opened read-only), never from the warehouse.
"""
