"""Budget execution: for each fiscal year, twelve monthly cuts cumulative from January.

A budget key is (unit, programa presupuestario, fuente, partida). Units spend under the
programs of their level (E007 media superior, E010 superior y posgrado, E021 investigación,
M001 apoyo administrativo) and K009 (infraestructura) for capítulos 5000/6000. Amounts are
integer cents until the very end, so the order pagado ≤ ejercido ≤ devengado ≤ comprometido
and the month-to-month growth are exact. A few keys get a devengado that falls one month
(a reclassification): still valid rows, a warning for the auditors.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from pipelines.specs.contracts import load_contract
from sample_extracts.catalogs import Catalogs
from sample_extracts.rng import stream
from sample_extracts.schema import cents_to_decimal, conform, contract_schema

BUDGET_AT_SCALE_1 = 20_000_000_000.0  # pesos a year, IPN's order of magnitude
KEYS_AT_SCALE_1 = 25_000  # budget keys a month (≈ 300 000 lines a year)
PROGRAMS_OF_LEVEL = {
    "NMS": ["E007", "M001"],
    "NS": ["E010", "E021", "M001"],
    "POS": ["E010", "E021"],
    "INV": ["E021", "E010", "M001"],
    "CENTRAL": ["M001", "E010"],
}
INFRASTRUCTURE = "K009"
# Share of the year's total by (capítulo 1000?, fuente): services personales dominate.
GROUP_SHARE = {
    (True, "FISCAL"): 0.74,
    (True, "PROPIOS"): 0.01,
    (False, "FISCAL"): 0.16,
    (False, "PROPIOS"): 0.09,
}
FALLING_SHARE = 0.002  # keys whose devengado falls one month
YEARLY_GROWTH = 0.04


def budget_key() -> list[str]:
    """The columns of a budget key: the presupuesto contract's key without its period."""
    contract = load_contract("presupuesto")
    return [name for name in contract.key if name not in contract.period_columns]


def consistent_partidas(catalogs: Catalogs) -> pl.DataFrame:
    """Budget items whose capítulo and concepto agree with the partida's digits."""
    return catalogs.partidas.filter(
        (pl.col("capitulo") == pl.col("partida") // 10000 * 1000)
        & (pl.col("concepto") == pl.col("partida") // 1000 * 100)
    )


def build_budget(
    catalogs: Catalogs, scale: float, seed: int, years: tuple[int, ...]
) -> pl.DataFrame:
    if not years:
        return pl.DataFrame(schema=contract_schema("presupuesto"))
    keys = _budget_keys(catalogs, scale, seed, years)
    frames = [_year(keys, scale, seed, year, index) for index, year in enumerate(years)]
    return conform(pl.concat(frames), "presupuesto")


def candidate_keys(catalogs: Catalogs, start: date, end: date) -> pl.DataFrame:
    """Every budget key a unit in force from `start` to `end` could have."""
    in_force = catalogs.units_in_force(start, end)
    programs = pl.DataFrame(
        [(level, name) for level, names in PROGRAMS_OF_LEVEL.items() for name in names],
        schema={"nivel": pl.String, "programa_presupuestario": pl.String},
        orient="row",
    )
    units = in_force.join(programs, on="nivel", how="inner").select(
        "cve_unidad", "programa_presupuestario"
    )
    partidas = consistent_partidas(catalogs).select("capitulo", "concepto", "partida")
    operating = units.join(partidas.filter(pl.col("capitulo") != 6000), how="cross")
    infrastructure = in_force.select(
        "cve_unidad", pl.lit(INFRASTRUCTURE).alias("programa_presupuestario")
    ).join(partidas.filter(pl.col("capitulo").is_in([5000, 6000])), how="cross")
    fiscal = pl.concat([operating, infrastructure]).with_columns(
        pl.lit("FISCAL").alias("fuente_financiamiento")
    )
    own = operating.filter(pl.col("capitulo") != 1000).with_columns(
        pl.lit("PROPIOS").alias("fuente_financiamiento")
    )
    return pl.concat([fiscal, own]).sort(budget_key())


def _budget_keys(
    catalogs: Catalogs, scale: float, seed: int, years: tuple[int, ...]
) -> pl.DataFrame:
    """A weighted sample of the possible keys; every unit keeps its basic payroll key."""
    rng = stream(seed, "budget_keys")
    candidates = candidate_keys(catalogs, date(min(years), 1, 1), date(max(years), 12, 31))
    payroll = (
        (pl.col("capitulo") == 1000)
        & (pl.col("fuente_financiamiento") == "FISCAL")
        & (pl.col("programa_presupuestario") != INFRASTRUCTURE)
    )
    first_payroll = payroll & (
        pl.col("partida") == pl.col("partida").filter(payroll).min().over("cve_unidad")
    )
    units = candidates["cve_unidad"].n_unique()
    # Leave some keys unused: bad rows need budget keys that no clean row has.
    wanted = min(int(0.85 * candidates.height), max(3 * units, round(KEYS_AT_SCALE_1 * scale)))
    weight = np.where(candidates.select(payroll).to_series().to_numpy(), 4.0, 1.0)
    # Efraimidis–Spirakis weighted sampling
    priority = np.log(rng.random(candidates.height)) / weight
    priority = np.where(candidates.select(first_payroll).to_series().to_numpy(), 0.0, priority)
    chosen = np.sort(np.argsort(-priority, kind="stable")[:wanted])
    keys = candidates[chosen]
    return keys.with_columns(pl.Series("peso", rng.lognormal(0.0, 1.0, keys.height)))


def _year(keys: pl.DataFrame, scale: float, seed: int, year: int, index: int) -> pl.DataFrame:
    rng = stream(seed, f"budget_{year}")
    n = keys.height
    approved = _approved_cents(keys, scale, rng, index)
    payroll = keys["capitulo"].to_numpy() == 1000
    months = np.arange(1, 13)
    steps = np.where(months >= 2, rng.normal(0, 0.012, (n, 12)), 0.0)
    modified = np.round(approved[:, None] * np.clip(1 + np.cumsum(steps, axis=1), 0.6, 1.5)).astype(
        np.int64
    )
    pace = np.where(payroll[:, None], months / 12, (months / 12) ** rng.uniform(1.2, 2.0, (n, 1)))
    final = np.where(payroll, rng.uniform(0.97, 1.0, n), rng.uniform(0.80, 0.99, n))[:, None]
    accrued = _rising(modified * pace * final * rng.uniform(0.97, 1.0, (n, 12)))
    ahead = np.where(payroll, rng.uniform(0.0, 0.02, n), rng.uniform(0.1, 0.5, n))[:, None]
    committed = np.maximum(
        _rising(modified * np.minimum(1.0, pace * final + (1 - pace * final) * ahead)), accrued
    )
    exercised = _rising(accrued * rng.uniform(0.92, 1.0, (n, 12)))
    paid = _rising(exercised * rng.uniform(0.95, 1.0, (n, 12)))
    accrued, exercised, paid = _with_falls(rng, accrued, exercised, paid)
    amounts = {
        "aprobado": np.repeat(approved[:, None], 12, axis=1),
        "modificado": modified,
        "comprometido": committed,
        "devengado": accrued,
        "ejercido": exercised,
        "pagado": paid,
    }
    return _monthly_rows(keys, year, amounts)


def _approved_cents(
    keys: pl.DataFrame, scale: float, rng: np.random.Generator, index: int
) -> np.ndarray:
    """The year's approved amount per key: each group's share of the total, by weight."""
    total = BUDGET_AT_SCALE_1 * scale * (1 + YEARLY_GROWTH) ** index * 100
    weight = keys["peso"].to_numpy() * rng.uniform(0.9, 1.1, keys.height)
    payroll = keys["capitulo"].to_numpy() == 1000
    fuente = keys["fuente_financiamiento"].to_numpy()
    approved = np.zeros(keys.height)
    present = {g: s for g, s in GROUP_SHARE.items() if ((payroll == g[0]) & (fuente == g[1])).any()}
    for (is_payroll, source), share in present.items():
        members = (payroll == is_payroll) & (fuente == source)
        approved[members] = (
            total * share / sum(present.values()) * weight[members] / weight[members].sum()
        )
    return np.round(approved).astype(np.int64)


def _rising(values: np.ndarray) -> np.ndarray:
    """Rounded to cents and never decreasing from one month to the next."""
    return np.maximum.accumulate(np.round(values).astype(np.int64), axis=1)


def _with_falls(
    rng: np.random.Generator, accrued: np.ndarray, exercised: np.ndarray, paid: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A few keys whose devengado drops one month (exercised and paid follow to stay ordered)."""
    n = accrued.shape[0]
    count = max(1, round(FALLING_SHARE * n))
    rows = rng.choice(n, size=min(count, n), replace=False)
    months = rng.integers(2, 12, size=len(rows))  # 0-based month index 2…11 (March…December)
    accrued, exercised, paid = accrued.copy(), exercised.copy(), paid.copy()
    accrued[rows, months] = np.floor(accrued[rows, months - 1] * 0.9).astype(np.int64)
    exercised[rows, months] = np.minimum(exercised[rows, months], accrued[rows, months])
    paid[rows, months] = np.minimum(paid[rows, months], exercised[rows, months])
    return accrued, exercised, paid


def _monthly_rows(keys: pl.DataFrame, year: int, amounts: dict[str, np.ndarray]) -> pl.DataFrame:
    n = keys.height
    base = keys.drop("peso")[np.tile(np.arange(n), 12)]
    month = np.repeat(np.arange(1, 13), n)
    columns = {
        name: cents_to_decimal(pl.Series(values.T.ravel())).alias(name)
        for name, values in amounts.items()
    }
    return base.with_columns(
        pl.lit(year).alias("ejercicio"), pl.Series("mes", month), *columns.values()
    ).sort(load_contract("presupuesto").key)  # in key order
