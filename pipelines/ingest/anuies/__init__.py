"""The ANUIES statistical yearbook (licenciatura): read, reconciled, IPN's rows marked, loaded.

    yearbook = read_yearbook(path)          # reading.py; YearbookError if it is not a yearbook
    rec = reconcile(yearbook)               # reconcile.py: every total row vs the programs beneath
    grand_total_reconciles(rec)             # False → do not load: the file contradicts itself
    find_ipn(yearbook.programas)            # ipn.py: IPN's program rows
    load_yearbook_file(...)                 # load.py: the raw.anuies_* tables (tables.py)

The layout it expects is declared in models/anuies.yml (spec.py); the sheet becomes a grid of text
(grid.py), its header and columns are found (layout.py) and its rows told apart (rows.py).
"""
