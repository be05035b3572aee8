"""`siie explain` on screen: the explanation in Spanish, section by section."""

from __future__ import annotations

from pipelines.core.wording import count, number


def _figure(value: float | None) -> str:
    return "—" if value is None else number(value)


def _cell(e: dict) -> list[str]:
    c, conf, i = e["celda"], e["confidencialidad"], e["indicador"]
    lines = [
        f"{c['clave_indicador']} · {i['nombre']} · "
        f"{c['periodo']} · {c['ambito']} {c['clave_ambito']}"
    ]
    if c["suprimido"]:
        lines.append(f"  Valor publicado: suprimido ({conf['estado']}: {conf['significado']})")
    else:
        lines.append(
            f"  Valor publicado: {_figure(c['valor'])} {i['unidad']}"
            + (
                f" = {_figure(c['numerador'])} / {_figure(c['denominador'])}"
                if c["denominador"] is not None
                else ""
            )
        )
        lines.append(f"  Confidencialidad: {conf['estado']} ({conf['significado']})")
    lines.append(
        f"  Regla primaria: {conf['regla_primaria']}; "
        f"nivel de protección {number(conf['nivel_de_proteccion'])}."
    )
    return lines


def _definition(i: dict) -> list[str]:
    lines = ["", "Definición (models/indicadores.yml)", f"  Fórmula: {i['formula']}"]
    if i["numerador"]:
        lines += [f"  Numerador: {i['numerador']}", f"  Denominador: {i['denominador']}"]
    lines.append(
        f"  Fuente: {', '.join(i['fuente'])}; periodicidad: "
        f"{i['periodicidad']}; familia: {i['familia']}."
    )
    return lines


def _files(files: list[dict], c: dict) -> list[str]:
    lines = ["", f"Archivos que alimentan la celda ({count(len(files), 'archivo', 'archivos')})"]
    for f in files:
        lines.append(f"  {f['archivo']}  sha256 {f['sha256']}")
        lines.append(
            f"    carga {f['carga_id']}, cargado {f.get('cargado_en') or '—'}, "
            f"periodo {f['periodo']}; filas leídas {_count(f.get('filas_leidas'))}, cargadas "
            f"{_count(f.get('filas_cargadas'))}, rechazadas {_count(f.get('filas_rechazadas'))}"
        )
        scope = f.get("en_el_ambito")
        if scope:
            where = (
                "en todo el IPN"
                if c["ambito"] == "IPN"
                else f"en {c['ambito']} {c['clave_ambito']}"
            )
            lines.append(
                f"    {where}: cargadas {_count(scope['cargadas'])}, "
                f"rechazadas {_count(scope['rechazadas'])}"
                + (
                    f" (y {_count(scope['rechazadas_sin_ambito'])} "
                    "rechazadas sin unidad o programa legible)"
                    if scope["rechazadas_sin_ambito"]
                    else ""
                )
            )
            lines += [
                f"      {_count(m['filas'])} × {m['columna'] or '(fila)'}: {m['motivo']}"
                for m in scope["motivos"]
            ]
        if f.get("nota"):
            lines.append(f"    ({f['nota']})")
    return lines


def _count(n: int | str | None) -> str:
    return "—" if n is None else n if isinstance(n, str) else number(n)


def _checks(checks: list[dict]) -> list[str]:
    lines = [
        "",
        f"Verificaciones de calidad ({count(len(checks), 'verificación', 'verificaciones')})",
    ]
    for ch in checks:
        outcome = (
            "aprobada" if ch["aprobada"] else ("fallida (bloquea)" if ch["bloqueante"] else "aviso")
        )
        detail = (
            f"{_count(ch['filas_inesperadas'])} filas inesperadas"
            if not ch["aprobada"]
            else ch.get("nota") or ""
        )
        lines.append(
            f"  {ch['asset']} · {ch['check']}: {outcome}" + (f" — {detail}" if detail else "")
        )
    return lines


def _lineage(lineage: dict) -> list[str]:
    lines = [
        "",
        "Modelos de dbt entre raw y la celda (en orden de construcción; target/manifest.json)",
        f"  tablas raw: {', '.join(lineage['fuentes'])}",
        f"  modelos: {', '.join(lineage['modelos'])}",
    ]
    return lines + (
        [f"  catálogos: {', '.join(lineage['catalogos'])}"] if lineage["catalogos"] else []
    )


def _publication(p: dict) -> list[str]:
    return [
        "",
        f"Publicación: versión {p['version']}, "
        f"{p['publicado_en']}, ejecución de Dagster {p['run_id']}",
        (
            f"  dbt {p['dbt_invocation_id'] or '—'}; validación "
            f"{'aprobada' if p['validacion_aprobada'] else 'no aprobada'}; "
            f"huella {p['huella_contenido']}"
        ),
        f"  {p['archivo']}",
    ]


def render_text(e: dict) -> str:
    return "\n".join(
        [
            *_cell(e),
            *_definition(e["indicador"]),
            *_files(e["archivos"], e["celda"]),
            *_checks(e["verificaciones"]),
            *_lineage(e["linaje_dbt"]),
            *_publication(e["publicacion"]),
        ]
    )
