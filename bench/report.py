"""bench/RESULTS.md (the part between the markers; the rest is written by hand) and the plot
bench/escala.png, both from results.json."""

from __future__ import annotations

import json
from pathlib import Path

from bench.publication_parts import PART_TITLES, PARTS
from bench.stages import KNOWN_STAGES
from bench.summary import SIIE_SCENARIOS

START, END = "<!-- resultados: inicio (python -m bench report) -->", "<!-- resultados: fin -->"
PLOT_NAME = "escala.png"
BEFORE_NAME = "results_antes.json"
STAGE_TITLES = {
    "arranque": "arranque y plan",
    "ingesta": "ingesta",
    "dbt": "dbt",
    "calidad": "calidad",
    "publicacion": "publicación",
    "otros": "otros",
}
GIB = 1024


def _cell(stats: dict, unit: str = "s", digits: int = 1) -> str:
    if not stats:
        return "—"
    if stats["n"] == 1:
        return f"{stats['mediana']:.{digits}f}"
    return f"{stats['mediana']:.{digits}f} ({stats['min']:.{digits}f}–{stats['max']:.{digits}f})"


def _stage_columns(entries: list[dict], scenario: str) -> list[str]:
    names = {n for e in entries for n in e["resumen"].get(scenario, {}).get("etapas", {})}
    ordered = ["arranque", *KNOWN_STAGES]
    extra = sorted(names - set(ordered) - {"otros"})
    return [*ordered, *extra, "otros"]


def _full_table(entries: list[dict]) -> list[str]:
    stages = _stage_columns(entries, "completa")
    header = [
        "escala",
        "alumnos/periodo",
        *(STAGE_TITLES.get(s, s) for s in stages),
        "**total**",
        "piso",
        "SIIE / piso (por repetición)",
        "memoria pico SIIE (MiB)",
        "memoria pico piso (MiB)",
        "n",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for entry in entries:
        summary = entry["resumen"]
        full, floor = summary.get("completa", {}), summary.get("piso", {})
        etapas = full.get("etapas", {})
        row = [
            f"{entry['escala']:g}",
            f"{entry['datos']['alumnos_por_periodo']:,}",
            *(_cell(etapas.get(s, {})) for s in stages),
            f"**{_cell(full.get('segundos', {}))}**",
            _cell(floor.get("segundos", {})),
            _ratio_cell(summary["razones"]),
            _cell(full.get("pico_memoria_mib", {}), digits=0),
            _cell(floor.get("pico_memoria_mib", {}), digits=0),
            str(full.get("segundos", {}).get("n", 0)),
        ]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _ratio_cell(ratios: dict) -> str:
    """The ratio of the medians, and the range of each repetition's own ratio."""
    value, paired = (
        ratios.get("completa_entre_piso"),
        ratios.get("completa_entre_piso_por_repeticion"),
    )
    if value is None:
        return "—"
    if not paired or paired["n"] == 1:
        return f"{value:.2f}"
    return f"{value:.2f} ({paired['min']:.2f}–{paired['max']:.2f})"


def _repeat_table(entries: list[dict]) -> list[str]:
    stages = _stage_columns(entries, "incremental")
    header = [
        "escala",
        "escenario",
        *(STAGE_TITLES.get(s, s) for s in stages),
        "**total**",
        "% de la completa",
        "memoria pico (MiB)",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for entry in entries:
        for scenario, title in (("incremental", "un periodo nuevo"), ("sin_cambios", "nada nuevo")):
            stats = entry["resumen"].get(scenario)
            if not stats:
                continue
            share = entry["resumen"]["razones"].get(f"{scenario}_entre_completa")
            row = [
                f"{entry['escala']:g}",
                title,
                *(_cell(stats.get("etapas", {}).get(s, {})) for s in stages),
                f"**{_cell(stats['segundos'])}**",
                f"{share:.0%}" if share is not None else "—",
                _cell(stats["pico_memoria_mib"], digits=0),
            ]
            lines.append("| " + " | ".join(row) + " |")
    return lines


SCENARIO_TITLES = {"completa": "completa", "incremental": "un periodo nuevo"}


def _parts_table(entries: list[dict]) -> list[str]:
    """What each part of the publication took inside the publication stage (from the run's log)."""
    header = ["escala", "escenario", *PART_TITLES.values(), "publicación (etapa)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for entry in entries:
        for scenario, title in SCENARIO_TITLES.items():
            stats = entry["resumen"].get(scenario, {})
            parts = stats.get("partes_publicacion")
            if not parts:
                continue
            row = [
                f"{entry['escala']:g}",
                title,
                *(_cell(parts.get(p, {})) for p in PARTS),
                _cell(stats.get("etapas", {}).get("publicacion", {})),
            ]
            lines.append("| " + " | ".join(row) + " |")
    return lines


def _parts_section(entries: list[dict]) -> list[str]:
    """The parts table, when the results have parts (measured since issue 32)."""
    table = _parts_table(entries)
    if len(table) == 2:
        return []
    title = "### Dentro de la publicación, segundos: mediana (mín–máx)"
    return [title, "", *table, ""]


def _by_scale(entries: list[dict]) -> dict[float, dict]:
    return {e["escala"]: e for e in entries}


def _ingestion_rate(entry: dict) -> float | None:
    """Rows read per second of a full load's reading and loading (every file, every rule).

    `siie run` reads each file while it plans (the load takes that read), so the time is the
    start-and-plan stage plus the ingestion stage: the start's imports count against the rate.
    """
    stages = entry.get("resumen", {}).get("completa", {}).get("etapas", {})
    parts = [stages.get(s, {}).get("mediana") for s in ("arranque", "ingesta")]
    if None in parts:
        return None
    return entry["datos"]["filas_completa"] / sum(parts)


def targets(entries: list[dict]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for the targets of the performance issue (32)."""
    found, scales = [], _by_scale(entries)

    def ratio(scale, key):
        return scales.get(scale, {}).get("resumen", {}).get("razones", {}).get(key)

    def median(scale, scenario, key):
        return (
            scales.get(scale, {}).get("resumen", {}).get(scenario, {}).get(key, {}).get("mediana")
        )

    for scale, limit in ((1.0, 2.5), (5.0, 2.0)):
        value = ratio(scale, "completa_entre_piso")
        found.append(
            (
                f"carga completa ≤ {limit:g}× el piso a escala {scale:g}",
                f"{value}×" if value else "sin medir",
                None if value is None else value <= limit,
            )
        )
    for scale in (1.0, 5.0):
        share = ratio(scale, "incremental_entre_completa")
        found.append(
            (
                f"un periodo nuevo ≤ 15 % de la carga completa a escala {scale:g}",
                f"{share:.0%}" if share is not None else "sin medir",
                None if share is None else share <= 0.15,
            )
        )
    for scale in sorted(scales):
        idle = median(scale, "sin_cambios", "segundos")
        found.append(
            (
                f"nada nuevo ≤ 3 s (escala {scale:g})",
                f"{idle:.1f} s" if idle else "sin medir",
                None if idle is None else idle <= 3,
            )
        )
    rate = _ingestion_rate(scales[5.0]) if 5.0 in scales else None
    found.append(
        (
            "ingesta (arranque y plan + ingesta) ≥ 500 000 filas/s a escala 5",
            f"{rate:,.0f} filas/s" if rate else "sin medir",
            None if rate is None else rate >= 500_000,
        )
    )
    high = median(5.0, "completa", "pico_memoria_mib")
    found.append(
        (
            "memoria pico ≤ 4 GiB a escala 5",
            f"{high / GIB:.2f} GiB" if high else "sin medir",
            None if high is None else high <= 4 * GIB,
        )
    )
    return found


def before_and_after(before: dict, after: dict) -> list[str]:
    """Per scale and scenario, each stage's median before → after (the two results files)."""
    then = _by_scale(before["escalas"])
    stages = ["arranque", *KNOWN_STAGES, "otros"]
    header = [
        "escala",
        "escenario",
        *(STAGE_TITLES.get(s, s) for s in stages),
        "**total**",
        "SIIE / piso",
        "memoria pico (MiB)",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for entry in after["escalas"]:
        old = then.get(entry["escala"])
        if old is None:
            continue
        for scenario, title in (
            ("completa", "completa"),
            ("incremental", "un periodo nuevo"),
            ("sin_cambios", "nada nuevo"),
        ):
            was, now = old["resumen"].get(scenario), entry["resumen"].get(scenario)
            if not was or not now:
                continue
            row = [
                f"{entry['escala']:g}",
                title,
                *(_change(was["etapas"].get(s), now["etapas"].get(s)) for s in stages),
                f"**{_change(was['segundos'], now['segundos'])}**",
                _ratio_change(old, entry) if scenario == "completa" else "",
                _change(was["pico_memoria_mib"], now["pico_memoria_mib"], digits=0),
            ]
            lines.append("| " + " | ".join(row) + " |")
    return lines


def _change(was: dict | None, now: dict | None, digits: int = 1) -> str:
    if not was or not now:
        return "—"
    return f"{was['mediana']:.{digits}f} → {now['mediana']:.{digits}f}"


def _ratio_change(old: dict, new: dict) -> str:
    was, now = (e["resumen"]["razones"].get("completa_entre_piso") for e in (old, new))
    return f"{was:.2f} → {now:.2f}" if was and now else "—"


def _machine_lines(results: dict) -> list[str]:
    m = results["maquina"]
    packages = ", ".join(f"{k} {v}" for k, v in m["paquetes"].items())
    host = (
        f"- {m['nucleos']} núcleos ({m['cpu']}), {m['memoria_gib']} GiB "
        f"de memoria, {m['sistema']}, Python {m['python']}"
    )
    return [host, f"- {packages}"]


def _runs_lines(entries: list[dict]) -> list[str]:
    lines = []
    for entry in entries:
        code = entry["codigo"]
        pending = (
            "; con cambios sin confirmar en "
            f"{len(code['cambios_sin_confirmar'])} archivos del código"
            if code["cambios_sin_confirmar"]
            else ""
        )
        loads = [r["carga_del_sistema"][0] for r in entry["repeticiones"]]
        versions = {
            r.get("codigo", code)["huella"] if "huella" in r.get("codigo", code) else code["commit"]
            for r in entry["repeticiones"]
        }
        if len(versions) > 1:
            version_note = (
                f"; **el código cambió entre repeticiones** ({', '.join(sorted(versions))})"
            )
        else:
            version_note = ""
        equal = all(r["igualdad"]["iguales"] for r in entry["repeticiones"])
        incremental = [
            r["igualdad_incremental"]["iguales"]
            for r in entry["repeticiones"]
            if "igualdad_incremental" in r
        ]
        failed = [
            f"{scenario} en la repetición {number} (código {r[scenario]['codigo_salida']}: "
            f"{_failure(r[scenario])})"
            for number, r in enumerate(entry["repeticiones"], 1)
            for scenario in SIIE_SCENARIOS
            if r.get(scenario, {}).get("codigo_salida", 0) != 0
        ]
        lines.append(
            f"- escala {entry['escala']:g}: `{entry['comando']}` ({entry['inicio']} → "
            f"{entry.get('fin', '?')}, commit {code['commit']}{pending}); "
            f"{len(entry['repeticiones'])} repeticiones; carga del sistema "
            f"(1 min) al empezar cada una: {', '.join(f'{x:.1f}' for x in loads)}; "
            f"indicadores del piso = SIIE: {'sí' if equal else '**NO**'}"
            + (
                f"; tras la carga incremental: {'sí' if all(incremental) else '**NO**'}"
                if incremental
                else ""
            )
            + (f"; **`siie run` terminó con error**: {'; '.join(failed)}" if failed else "")
            + version_note
        )
    return lines


def _failure(measured: dict) -> str:
    """The first line of SIIE's own summary that says why the run failed."""
    lines = measured.get("resumen_siie", [])
    return next(
        (line for line in lines if line.startswith(("No se publicó", "Falló"))),
        lines[-1] if lines else "?",
    )


def render(results: dict, plot: Path | None, before: dict | None = None) -> str:
    entries = results["escalas"]
    lines = [
        START,
        "",
        f"Medido el {results['actualizado']}. Máquina:",
        "",
        *_machine_lines(results),
        "",
        "Corridas:",
        "",
        *_runs_lines(entries),
        "",
        "### Carga completa (almacén vacío → publicado), segundos: mediana (mín–máx)",
        "",
        *_full_table(entries),
        "",
        "### Carga incremental y sin cambios, sobre el almacén ya cargado",
        "",
        *_repeat_table(entries),
        "",
        *_parts_section(entries),
        "### Objetivos (issue 32)",
        "",
        "| objetivo | medido | ¿se cumple? |",
        "|---|---|---|",
    ]
    for target, measured, met in targets(entries):
        lines.append(
            f"| {target} | {measured} | {'—' if met is None else ('sí' if met else '**no**')} |"
        )
    if before is not None:
        lines += [
            "",
            "### Antes → después, por etapa (mediana, segundos)",
            "",
            f"Antes: {_commits(before)}; después: {_commits(results)}.",
            "",
            *before_and_after(before, results),
        ]
    if plot is not None:
        lines += ["", f"![tiempo y memoria contra la escala]({plot.name})"]
    lines += ["", END]
    return "\n".join(lines)


def _commits(results: dict) -> str:
    return ", ".join(
        sorted(
            {f"commit {e['codigo']['commit']} (escala {e['escala']:g})" for e in results["escalas"]}
        )
    )


def plot_scales(results: dict, path: Path) -> Path | None:
    try:
        import matplotlib
        import matplotlib.ticker

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib no está instalado: no se dibuja la gráfica")
        return None
    entries = results["escalas"]
    scales = [e["escala"] for e in entries]
    figure, (times, memory) = plt.subplots(1, 2, figsize=(11, 4.2))
    series = (
        ("completa", "carga completa"),
        ("incremental", "un periodo nuevo"),
        ("sin_cambios", "nada nuevo"),
        ("piso", "piso (SQL sin orquestación)"),
    )
    for scenario, label in series:
        _errorbars(
            times, scales, [e["resumen"].get(scenario, {}).get("segundos") for e in entries], label
        )
    for scenario, label in (("completa", "SIIE, carga completa"), ("piso", "piso")):
        _errorbars(
            memory,
            scales,
            [e["resumen"].get(scenario, {}).get("pico_memoria_mib") for e in entries],
            label,
        )
    memory.axhline(4 * GIB, color="grey", linestyle=":", label="objetivo: 4 GiB")
    plain = matplotlib.ticker.FuncFormatter(lambda value, _: f"{value:g}")
    for axis, title, unit in (
        (times, "Tiempo total", "segundos"),
        (memory, "Memoria pico (árbol de procesos)", "MiB"),
    ):
        axis.set_xscale("log")
        axis.set_yscale("log")
        for ticks in (axis.xaxis, axis.yaxis):
            ticks.set_major_formatter(plain)
            ticks.set_minor_formatter(matplotlib.ticker.NullFormatter())
        axis.set_xlabel("escala (1 = IPN, ~190 000 alumnos por periodo)")
        axis.set_ylabel(unit)
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _errorbars(axis, scales: list[float], stats: list[dict | None], label: str) -> None:
    points = [(s, x) for s, x in zip(scales, stats, strict=True) if x]
    if not points:
        return
    xs = [s for s, _ in points]
    middle = [x["mediana"] for _, x in points]
    below = [x["mediana"] - x["min"] for _, x in points]
    above = [x["max"] - x["mediana"] for _, x in points]
    axis.errorbar(xs, middle, yerr=[below, above], marker="o", capsize=3, label=label)


def write_report(results_path: Path) -> list[Path]:
    """RESULTS.md and the plot beside `results_path`; with the before/after table when a
    results_antes.json (the same benchmark on the code before a change) is beside it too."""
    results_path = Path(results_path)
    results = json.loads(results_path.read_text())
    folder = results_path.parent
    plot = plot_scales(results, folder / PLOT_NAME)
    document = folder / "RESULTS.md"
    before_path = folder / BEFORE_NAME
    before = json.loads(before_path.read_text()) if before_path.exists() else None
    section = render(results, plot, before)
    text = (
        document.read_text()
        if document.exists()
        else "# Benchmark de SIIE\n\n" + START + "\n" + END + "\n"
    )
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    document.write_text(text)
    return [p for p in (document, plot) if p is not None]
