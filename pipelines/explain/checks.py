"""The quality checks of a publication (its manifest's `validacion`) that bear on one indicator:
the raw tables of its extracts and the marts between them and `indicadores`."""

from __future__ import annotations

EARLIER = (
    "validada antes (al cargar sus particiones o en una "
    "ejecución anterior); no cambiaron desde entonces"
)


def checks_for(validation: list[dict], kinds: tuple[str, ...], models: list[str]) -> list[dict]:
    assets = {f"raw_{kind}" for kind in kinds} | {f"marts/{m}" for m in models}
    assets |= {f"marts/fct_{kind}" for kind in kinds}  # the facts reconciled with the indicators
    found = []
    for gate in validation:
        for check in gate["verificaciones"]:
            if check["asset"] in assets:
                found.append(
                    {
                        **check,
                        "puerta": gate["puerta"],
                        "nota": EARLIER if check.get("lotes") == 0 and check["aprobada"] else None,
                    }
                )
    return found
