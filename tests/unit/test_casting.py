import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from pipelines.ingest.casting import to_date, to_decimal, to_integer
from pipelines.ingest.reading import normalise_header

pytestmark = pytest.mark.unit


def _apply(expr, values):
    return pl.DataFrame({"t": values}, schema={"t": pl.String}).select(expr).to_series().to_list()


def test_integers():
    assert _apply(to_integer(pl.col("t")), ["12", "1,000", "3.0", "3.5", "tres", "", "-4"]) == [
        12,
        1000,
        3,
        None,
        None,
        None,
        -4,
    ]


def test_decimals_plain_and_with_thousands_separators():
    got = _apply(
        to_decimal(pl.col("t"), 2), ["1234567.89", "1,234,567.89", "12,34", "1.234,56", "7"]
    )
    assert got == [Decimal("1234567.89"), Decimal("1234567.89"), None, None, Decimal("7.00")]


def test_dates_in_both_formats_and_invalid_ones():
    got = _apply(
        to_date(pl.col("t"), from_spreadsheet=False),
        ["2024-03-09", "09/03/2024", "31/02/2024", "2024-13-01", "9/3/2024", "2024-03-09 00:00:00"],
    )
    assert got == [dt.date(2024, 3, 9), dt.date(2024, 3, 9), None, None, None, dt.date(2024, 3, 9)]


def test_spreadsheet_date_serials():
    assert _apply(to_date(pl.col("t"), from_spreadsheet=True), ["45580"]) == [dt.date(2024, 10, 15)]
    assert _apply(to_date(pl.col("t"), from_spreadsheet=False), ["45580"]) == [None]


def test_header_normalisation():
    assert normalise_header("  Categoría ") == "categoria"
    assert normalise_header("\ufeffPERIODO") == "periodo"
    assert normalise_header("Fecha Nacimiento") == "fecha_nacimiento"
