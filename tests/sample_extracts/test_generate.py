"""The sample generator: deterministic bytes, clean rows that obey the contracts, a coherent
population, staff and budget, format variety, and bad rows that cover every planted defect."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import polars as pl
import pytest

from pipelines.core.config import EXTRACT_KINDS
from pipelines.core.periods import period_end, period_start, shift_period
from pipelines.specs.contracts import load_contract
from sample_extracts import DEFECTS, Sample, build_sample, generate, write_sample
from sample_extracts.catalogs import load_catalogs

pytestmark = pytest.mark.unit

TINY = 0.002
PERIODS = [shift_period("22/1", i) for i in range(8)]


@pytest.fixture(scope="module")
def catalogs():
    return load_catalogs()


@pytest.fixture(scope="module")
def sample() -> Sample:
    return build_sample(scale=TINY)


@pytest.fixture(scope="module")
def landing(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("landing")
    write_sample(sample, folder)
    return folder


@pytest.fixture(scope="module")
def default_sample() -> Sample:
    """The default size (scale 0.02), built once for the defect coverage checks."""
    return build_sample()


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# ------------------------------------------------------------------ determinism


def test_same_arguments_give_the_same_bytes(tmp_path: Path):
    generate(tmp_path / "a", scale=TINY, seed=7)
    generate(tmp_path / "b", scale=TINY, seed=7)
    generate(tmp_path / "c", scale=TINY, seed=8)
    first, second, other = (_digests(tmp_path / name) for name in "abc")
    assert len(first) == 8 * 3 + 24 + 4  # 8 periods × 3 school kinds, 24 months, 4 of metas
    assert first == second
    assert any(first[name] != other.get(name) for name in first)
    assert any(name.endswith(".xlsx") for name in first)


def test_written_files_match_the_sample(sample: Sample, landing: Path):
    written = sorted(str(p.relative_to(landing)) for p in landing.rglob("*") if p.is_file())
    assert written == sorted(f"{f.kind}/{f.name}" for f in sample.all_files)
    for file in sample.all_files:
        assert file.rows.height == file.clean_rows + file.bad_rows


# ------------------------------------------------------------------ clean rows obey the contracts


def _allowed(catalogs, reference: str) -> pl.Series:
    table, column = reference.split(".")
    frames = {
        "cat_unidades": catalogs.unidades,
        "cat_programas": catalogs.programas,
        "cat_partidas": catalogs.partidas,
    }
    return frames[table][column]


@pytest.mark.parametrize("kind", EXTRACT_KINDS)
def test_clean_rows_obey_column_rules(sample: Sample, catalogs, kind: str):
    contract = load_contract(kind)
    frame = sample.clean(kind)
    assert frame.columns == list(contract.column_names)
    assert frame.height > 0
    for column in contract.columns:
        values = frame[column.name]
        if column.required:
            assert values.null_count() == 0, column.name
        present = values.drop_nulls()
        if column.values is not None:
            allowed = pl.Series(column.values).cast(values.dtype)
            assert present.is_in(allowed.implode()).all(), column.name
        if column.regex:
            assert present.str.contains(column.regex).all(), column.name
        if column.min is not None:
            assert (present.cast(pl.Float64) >= column.min).all(), column.name
        if column.max is not None:
            assert (present.cast(pl.Float64) <= column.max).all(), column.name
        if column.references:
            assert present.is_in(_allowed(catalogs, column.references).implode()).all(), column.name
    if contract.replaced_by_file:  # metas: unique in each file; a revision repeats it in another
        assert sample.targets is not None
        for file in sample.targets.files:
            bad = sample.targets.bad_rows.filter(pl.col("archivo") == file.name)["fila"] - 2
            clean = file.rows.with_row_index("_i").filter(~pl.col("_i").is_in(bad.implode()))
            assert clean.select(contract.key).is_duplicated().sum() == 0, file.name
    else:
        assert frame.select(contract.key).is_duplicated().sum() == 0


def _with_programs(frame: pl.DataFrame, catalogs) -> pl.DataFrame:
    programs = catalogs.programas.select(
        "cve_programa",
        pl.col("cve_unidad").alias("unidad_del_programa"),
        "duracion_semestres",
        pl.col("modalidad").alias("modalidad_del_programa"),
        "nivel",
    )
    return frame.join(programs, on="cve_programa", how="left")


def _with_period_dates(frame: pl.DataFrame) -> pl.DataFrame:
    starts = {p: period_start(p) for p in frame["periodo"].unique()}
    ends = {p: period_end(p) for p in frame["periodo"].unique()}
    return frame.with_columns(
        pl.col("periodo").replace_strict(starts, return_dtype=pl.Date).alias("inicio"),
        pl.col("periodo").replace_strict(ends, return_dtype=pl.Date).alias("fin"),
    )


def test_clean_matricula_obeys_row_rules(sample: Sample, catalogs):
    rows = _with_period_dates(_with_programs(sample.matricula, catalogs))
    age = (pl.col("inicio") - pl.col("fecha_nacimiento")).dt.total_days() / 365.25
    assert rows.filter(pl.col("unidad_del_programa") != pl.col("cve_unidad")).height == 0
    assert rows.filter(pl.col("semestre") > pl.col("duracion_semestres") + 4).height == 0
    assert rows.filter((age < 12) | (age > 90)).height == 0
    assert rows.filter(pl.col("modalidad") != pl.col("modalidad_del_programa")).height == 0


def test_clean_trayectoria_obeys_row_rules(sample: Sample, catalogs):
    rows = _with_period_dates(_with_programs(sample.trayectoria, catalogs))
    assert rows.filter(pl.col("unidad_del_programa") != pl.col("cve_unidad")).height == 0
    outside = (pl.col("fecha_evento") < pl.col("inicio")) | (pl.col("fecha_evento") > pl.col("fin"))
    assert rows.filter(outside).height == 0
    titled = pl.col("tipo_evento") == "TITULACION"
    assert rows.filter(titled & pl.col("opcion_titulacion").is_null()).height == 0
    assert rows.filter(~titled & pl.col("opcion_titulacion").is_not_null()).height == 0
    graduated = pl.col("tipo_evento") == "EGRESO"
    assert rows.filter(graduated & pl.col("promedio").is_null()).height == 0
    assert rows.filter(~graduated & pl.col("promedio").is_not_null()).height == 0
    once = rows.filter(pl.col("tipo_evento") != "BAJA_DEFINITIVA")
    assert once.select("boleta", "cve_programa", "tipo_evento").is_duplicated().sum() == 0


def test_clean_plantilla_obeys_row_rules(sample: Sample):
    rows = sample.plantilla
    hours = {"TC": 40, "3/4T": 30, "MT": 20}
    expected = pl.col("tiempo_dedicacion").replace_strict(
        hours, default=None, return_dtype=pl.Int32
    )
    assert rows.filter(pl.col("horas_semana") != expected).height == 0
    too_young = pl.col("fecha_ingreso") < pl.col("fecha_nacimiento").dt.offset_by("15y")
    assert rows.filter(too_young | (pl.col("fecha_ingreso") > pl.col("fecha_corte"))).height == 0
    assert (
        rows.filter(pl.col("rfc").str.slice(0, 10) != pl.col("curp").str.slice(0, 10)).height == 0
    )


def test_clean_presupuesto_obeys_row_rules(sample: Sample):
    rows = sample.presupuesto
    assert rows.filter(pl.col("capitulo") != pl.col("partida") // 10000 * 1000).height == 0
    assert rows.filter(pl.col("concepto") != pl.col("partida") // 1000 * 100).height == 0
    ordered = (
        (pl.col("pagado") <= pl.col("ejercido"))
        & (pl.col("ejercido") <= pl.col("devengado"))
        & (pl.col("devengado") <= pl.col("comprometido"))
    )
    assert rows.filter(~ordered).height == 0


# ------------------------------------------------------------------ a coherent population


def test_every_period_is_present(sample: Sample):
    assert sorted(sample.matricula["periodo"].unique()) == PERIODS
    assert sorted(sample.trayectoria["periodo"].unique()) == PERIODS
    for event in ("EGRESO", "TITULACION", "BAJA_DEFINITIVA"):
        events = sample.trayectoria.filter(pl.col("tipo_evento") == event)
        assert sorted(events["periodo"].unique()) == PERIODS, event


def test_new_entrants_are_in_first_semester_and_come_in_both_halves(sample: Sample):
    entrants = sample.matricula.filter(pl.col("tipo_ingreso") == "NUEVO_INGRESO")
    assert entrants.height > 0
    assert entrants["semestre"].unique().to_list() == [1]
    halves = entrants.group_by(pl.col("periodo").str.slice(3, 1)).len()
    assert halves.height == 2
    first_half = halves.filter(pl.col("periodo") == "1")["len"].item()
    assert first_half > entrants.height / 2  # mostly in August
    # students already there
    assert sample.matricula.filter(pl.col("periodo") == "22/1")["semestre"].max() > 4


def test_students_advance_one_semester_a_period_without_gaps(sample: Sample):
    position = {p: i for i, p in enumerate(PERIODS)}
    path = (
        sample.matricula.with_columns(
            pl.col("periodo").replace_strict(position, return_dtype=pl.Int32).alias("t")
        )
        .sort("boleta", "t")
        .with_columns(
            (pl.col("t") - pl.col("t").shift(1).over("boleta")).alias("paso"),
            (pl.col("semestre") - pl.col("semestre").shift(1).over("boleta")).alias("avance"),
            pl.col("cve_programa").shift(1).over("boleta").alias("programa_anterior"),
        )
        .drop_nulls("paso")
    )
    assert path["paso"].unique().to_list() == [1]
    assert set(path["avance"].unique().to_list()) == {0, 1}  # some repeat a semester
    assert path.filter(pl.col("cve_programa") != pl.col("programa_anterior")).height == 0
    assert path.filter(pl.col("tipo_ingreso") == "NUEVO_INGRESO").height == 0


def test_egresados_and_bajas_leave_and_titulados_were_egresados(sample: Sample):
    position = {p: i for i, p in enumerate(PERIODS)}
    t = pl.col("periodo").replace_strict(position, return_dtype=pl.Int32)
    last_seen = sample.matricula.group_by("boleta").agg(t.max().alias("ultimo"))
    events = sample.trayectoria.with_columns(t.alias("t"))
    exits = events.filter(pl.col("tipo_evento").is_in(["EGRESO", "BAJA_DEFINITIVA"])).join(
        last_seen, on="boleta", how="inner"
    )
    assert exits.filter(pl.col("ultimo") > pl.col("t")).height == 0
    egresos = events.filter(pl.col("tipo_evento") == "EGRESO")
    assert egresos["promedio"].cast(pl.Float64).is_between(6.0, 10.0).all()
    titles = events.filter(pl.col("tipo_evento") == "TITULACION").join(
        egresos.select("boleta", "cve_programa", pl.col("t").alias("t_egreso")),
        on=["boleta", "cve_programa"],
        how="left",
    )
    assert titles.filter(pl.col("t") < pl.col("t_egreso")).height == 0
    old_cohorts = titles.filter(pl.col("t_egreso").is_null())
    assert 0 < old_cohorts.height < titles.height / 2
    assert old_cohorts.join(sample.matricula, on="boleta", how="semi").height == 0
    ever_enrolled = egresos.join(sample.matricula, on="boleta", how="semi")
    assert ever_enrolled.height > egresos.height * 0.8


def test_students_are_realistic_and_every_school_unit_has_them(sample: Sample, catalogs):
    rows = _with_period_dates(_with_programs(sample.matricula, catalogs))
    age = ((pl.col("inicio") - pl.col("fecha_nacimiento")).dt.total_days() / 365.25).alias("edad")
    ages = rows.group_by("nivel").agg(age.median())
    median = dict(ages.iter_rows())
    assert 14 <= median["NMS"] <= 19 and 18 <= median["NS"] <= 24 and 23 <= median["POS"] <= 40
    shares = rows.group_by("nivel").len().with_columns(pl.col("len") / pl.col("len").sum())
    share = dict(shares.iter_rows())
    assert share["NS"] > share["NMS"] > share["POS"] > 0
    assert rows["curp"].str.slice(4, 6).eq(rows["fecha_nacimiento"].dt.strftime("%y%m%d")).all()
    assert rows["curp"].str.slice(10, 1).eq(rows["sexo"]).all()
    schools = catalogs.unidades.filter(pl.col("nivel").is_in(["NMS", "NS"]))
    for periodo in PERIODS:
        open_units = schools.filter(pl.col("vigente_desde") <= period_start(periodo))["cve_unidad"]
        present = rows.filter(pl.col("periodo") == periodo)["cve_unidad"]
        assert open_units.is_in(present.implode()).all(), periodo


def test_scale_sets_the_size():
    bigger = build_sample(scale=2 * TINY, periods=2, budget_years=(2024,))
    smaller = build_sample(scale=TINY, periods=2, budget_years=(2024,))
    ratio = bigger.matricula.height / smaller.matricula.height
    assert 1.6 < ratio < 2.4
    assert bigger.plantilla.height > smaller.plantilla.height


# ------------------------------------------------------------------ staff and budget


def test_staff_persists_with_a_little_turnover_and_realistic_shares(default_sample: Sample):
    rows = default_sample.plantilla
    cuts = sorted(rows["fecha_corte"].unique())
    assert [(c.month, c.day) for c in cuts] == [(10, 15), (3, 15)] * 4
    first = set(rows.filter(pl.col("fecha_corte") == cuts[0])["num_empleado"])
    second = set(rows.filter(pl.col("fecha_corte") == cuts[1])["num_empleado"])
    assert len(first & second) > 0.9 * len(first)
    share = dict(
        rows.group_by("tipo_personal").len().with_columns(pl.col("len") / rows.height).iter_rows()
    )
    assert (
        0.45 < share["DOCENTE"] < 0.65
        and 0.25 < share["PAAE"] < 0.45
        and 0.04 < share["FUNCIONARIO"] < 0.16
    )


def test_some_staff_hold_two_plazas(default_sample: Sample, catalogs):
    rows = default_sample.plantilla
    per_person = rows.group_by("fecha_corte", "num_empleado").agg(
        pl.len().alias("plazas"),
        pl.col("cve_unidad").n_unique().alias("unidades"),
        (pl.col("tipo_personal") == "DOCENTE").any().alias("docente"),
        pl.col("tipo_personal").n_unique().alias("tipos"),
        pl.col("horas_semana")
        .filter(pl.col("tiempo_dedicacion") == "ASIGNATURA")
        .sum()
        .alias("asignatura"),
        pl.col("grado_maximo").n_unique().alias("grados"),
        pl.col("nivel_snii").n_unique().alias("niveles_snii"),
    )
    two = per_person.filter(pl.col("plazas") == 2)
    assert 0.03 * per_person.height < two.height < 0.25 * per_person.height
    assert two.filter(pl.col("unidades") == 2).height > 0
    assert two.filter(pl.col("docente") & (pl.col("tipos") == 2)).height > 0
    assert per_person.filter(pl.col("asignatura") > 40).height > 0
    disagreeing = per_person.filter((pl.col("grados") > 1) | (pl.col("niveles_snii") > 1))
    assert 0 < disagreeing.height < 0.02 * per_person.height
    levels = catalogs.unidades.select("cve_unidad", "nivel")
    docentes = rows.filter(pl.col("tipo_personal") == "DOCENTE").join(levels, on="cve_unidad")
    assert docentes["nivel"].is_in(["NMS", "NS", "POS", "INV"]).all()
    snii = rows.filter(pl.col("nivel_snii").is_not_null())
    assert 0 < snii.height < 0.2 * rows.height
    researchers = rows.join(
        snii.select("fecha_corte", "num_empleado"), on=["fecha_corte", "num_empleado"], how="semi"
    )
    profile = researchers.group_by("fecha_corte", "num_empleado").agg(
        (pl.col("tipo_personal") == "DOCENTE").any().alias("docente"),
        (pl.col("grado_maximo") == "DOCTORADO").any().alias("doctorado"),
    )
    assert profile["docente"].all() and profile["doctorado"].all()


def test_budget_months_are_cumulative_with_a_few_falls(sample: Sample):
    rows = sample.presupuesto
    key = ["ejercicio", "cve_unidad", "programa_presupuestario", "fuente_financiamiento", "partida"]
    per_key = rows.group_by(key).agg(
        pl.len().alias("meses"), pl.col("aprobado").n_unique().alias("aprobados")
    )
    assert per_key["meses"].unique().to_list() == [12]
    assert per_key["aprobados"].unique().to_list() == [1]
    amounts = ["comprometido", "devengado", "ejercido", "pagado"]
    steps = rows.sort(key + ["mes"]).with_columns(
        (pl.col(c) - pl.col(c).shift(1).over(key)).alias(f"d_{c}") for c in amounts
    )
    falls = steps.filter(pl.col("d_devengado") < 0)
    assert 0 < falls.height <= 0.01 * per_key.height + 2
    assert steps.filter(pl.col("d_comprometido") < 0).height == 0
    december = rows.filter(pl.col("mes") == 12).with_columns(pl.col("devengado").cast(pl.Float64))
    total = december["devengado"].sum()
    payroll = december.filter(pl.col("capitulo") == 1000)["devengado"].sum() / total
    own = december.filter(pl.col("fuente_financiamiento") == "PROPIOS")["devengado"].sum() / total
    assert 0.68 < payroll < 0.82 and 0.05 < own < 0.15


# ------------------------------------------------------------------ formats


def _plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def test_encodings_date_formats_and_headers_vary(sample: Sample, landing: Path):
    encodings, date_styles, headers = set(), set(), set()
    for file in sample.files:
        data = (landing / file.kind / file.name).read_bytes()
        if file.style.format == "xlsx":
            assert data.startswith(b"PK")
            continue
        if data.startswith(b"\xef\xbb\xbf"):
            encodings.add("utf-8-sig")
        else:
            try:
                data.decode("utf-8")
                encodings.add("utf-8")
            except UnicodeDecodeError:
                encodings.add("cp1252")
        text = data.decode(file.style.encoding)
        columns = pl.read_csv(text.encode(), n_rows=1, infer_schema=False).columns
        contract = load_contract(file.kind)
        assert len(columns) == len(contract.columns)
        for header, column in zip(columns, contract.columns, strict=True):
            assert _plain(header) in {column.name, *column.aliases}, (file.name, header)
        headers.update(columns)
        if re.search(r"\b\d{2}/\d{2}/\d{4}\b", text):
            date_styles.add("DD/MM/YYYY")
        if re.search(r"\b\d{4}-\d{2}-\d{2}\b", text):
            date_styles.add("YYYY-MM-DD")
    assert encodings == {"utf-8", "utf-8-sig", "cp1252"}
    assert date_styles == {"DD/MM/YYYY", "YYYY-MM-DD"}
    assert any(h != h.strip() for h in headers)  # surrounding spaces
    assert any(h.strip().isupper() for h in headers) and any(h.strip().islower() for h in headers)
    assert any(_plain(h) != h.strip().lower() for h in headers)  # accents
    assert any(
        _plain(h) in {"no_boleta", "numero_boleta", "no_empleado", "numero_empleado"}
        for h in headers
    )


def test_budget_comes_as_xlsx_and_as_csv_with_thousands(sample: Sample, landing: Path):
    budget = [f for f in sample.files if f.kind == "presupuesto"]
    workbooks = [f for f in budget if f.style.format == "xlsx"]
    csvs = [f for f in budget if f.style.format == "csv"]
    assert len(workbooks) > len(csvs) > 0
    for workbook in workbooks:
        book = pl.read_excel(landing / "presupuesto" / workbook.name)
        assert book.height == workbook.rows.height
        assert [_plain(c) for c in book.columns] == list(load_contract("presupuesto").column_names)
    text = (landing / "presupuesto" / csvs[0].name).read_bytes().decode("cp1252")
    assert re.search(r'"\d{1,3}(,\d{3})+\.\d{2}"', text)


# ------------------------------------------------------------------ bad rows


def test_bad_rows_cover_every_defect(default_sample: Sample):
    bad = default_sample.bad_rows
    assert set(bad["defecto"].unique()) == set(DEFECTS)
    expected = {
        "matricula": {"tipo_invalido", "vacio_requerido", "valor_no_permitido", "fuera_de_rango",
                      "semestre_excede_duracion", "edad_fuera_de_rango", "boleta_invalida",
                      "curp_invalida", "fuera_de_catalogo", "programa_no_en_unidad",
                      "clave_duplicada"},
        "trayectoria": {"tipo_invalido", "vacio_requerido", "valor_no_permitido", "fuera_de_rango",
                        "boleta_invalida", "curp_invalida", "fuera_de_catalogo",
                        "programa_no_en_unidad", "clave_duplicada", "evento_repetido",
                        "fecha_antes_del_periodo", "no_aplica_al_evento"},
        "plantilla": {"tipo_invalido", "vacio_requerido", "valor_no_permitido", "fuera_de_rango",
                      "formato_invalido", "rfc_invalido", "curp_invalida", "fuera_de_catalogo",
                      "clave_duplicada", "fecha_ingreso_implausible", "horas_no_corresponden"},
        "presupuesto": {"tipo_invalido", "vacio_requerido", "valor_no_permitido", "fuera_de_rango",
                        "formato_invalido", "fuera_de_catalogo", "partida_inconsistente",
                        "montos_desordenados", "clave_duplicada"},
    }  # fmt: skip
    for kind, defects in expected.items():
        assert set(bad.filter(pl.col("kind") == kind)["defecto"].unique()) == defects, kind
    assert bad.filter(pl.col("kind") == "presupuesto", pl.col("columna") == "cve_unidad").height > 0
    assert bad.filter(pl.col("kind") == "presupuesto", pl.col("columna") == "partida").height > 0


def test_bad_rows_are_a_small_share_of_every_file(default_sample: Sample):
    for file in default_sample.files:
        share = file.bad_rows / (file.clean_rows + file.bad_rows)
        assert 0 < share < 0.03, file.name
    per_file = default_sample.bad_rows.group_by("archivo").len()
    assert per_file.height == len(default_sample.files)


def test_bad_rows_are_where_the_record_says(sample: Sample):
    for file in sample.files:
        recorded = sample.bad_rows.filter(pl.col("archivo") == file.name)
        assert recorded.height == file.bad_rows
        for fila, columna, valor in recorded.select("fila", "columna", "valor").iter_rows():
            row = file.rows.row(fila - 2, named=True)
            if "," not in columna:
                assert row[columna] == valor
        assert recorded["fila"].is_duplicated().sum() == 0
        assert recorded["fila"].min() >= 2 and recorded["fila"].max() <= file.rows.height + 1


def test_duplicates_come_after_the_row_they_copy(sample: Sample):
    for file in sample.files:
        key = list(load_contract(file.kind).key)
        duplicated = sample.bad_rows.filter(
            (pl.col("archivo") == file.name)
            & pl.col("defecto").is_in(["clave_duplicada", "evento_repetido"])
        )
        numbered = file.rows.with_row_index("fila", offset=2)
        for fila in duplicated["fila"]:
            copy = numbered.filter(pl.col("fila") == fila).select(key)
            earlier = numbered.filter(pl.col("fila") < fila).join(copy, on=key, how="semi")
            assert earlier.height >= 1, (file.name, fila)


def test_ingestion_loads_exactly_the_clean_rows_and_rejects_each_bad_row_once(
    sample: Sample, landing: Path
):
    from pipelines.ingest.checks import check_rows
    from pipelines.ingest.reading import read_extract
    from pipelines.specs.catalogs import read_catalogs

    ingest_catalogs = read_catalogs()
    for file in sample.files:
        contract = load_contract(file.kind)
        checked = check_rows(
            read_extract(landing / file.kind / file.name, contract), contract, ingest_catalogs
        )
        assert checked.valid.height == file.clean_rows, file.name
        expected = sample.bad_rows.filter(pl.col("archivo") == file.name).select("fila", "columna")
        found = checked.failures.select(pl.col("_fila").cast(pl.Int32).alias("fila"), "columna")
        assert found.sort("fila").equals(expected.sort("fila")), file.name


# ------------------------------------------------------------------ the plan's targets (metas)


def test_targets_are_a_pdi_a_poa_per_unit_a_mir_and_a_revision(sample: Sample):
    assert sample.targets is not None
    rows = sample.targets.rows
    instruments = rows.group_by("instrumento").agg(pl.col("clave_instrumento").n_unique())
    assert dict(instruments.iter_rows()) == {
        "PDI": 1,
        "POA": rows.filter(pl.col("instrumento") == "POA")["clave_ambito"]
        .str.split("-")
        .list.first()
        .n_unique(),
        "MIR": 1,
    }
    pdi = rows.filter(pl.col("instrumento") == "PDI")
    assert set(pdi["ambito"]) == {"IPN", "NIVEL"}
    key = ["clave_instrumento", "clave_indicador", "ambito", "clave_ambito", "periodo"]
    revised = pdi.group_by(key).agg(pl.col("meta").n_unique(), pl.col("fecha_registro").n_unique())
    assert revised.filter(pl.col("fecha_registro") == 2).height == 4
    loaded = set(sample.matricula["periodo"])
    assert any(p not in loaded for p in pdi["periodo"])  # a period not yet loaded


def test_targets_plant_one_bad_row_of_each_kind_under_the_rejection_threshold(sample: Sample):
    assert sample.targets is not None
    bad = sample.targets.bad_rows
    assert bad.height == bad["defecto"].n_unique() == 14
    for file in sample.targets.files:
        assert file.bad_rows / file.rows.height < 0.04, file.name
        for row in bad.filter(pl.col("archivo") == file.name).iter_rows(named=True):
            line = file.rows.row(row["fila"] - 2, named=True)
            if row["valor"] is not None:
                assert line[row["columna"]] == row["valor"]
