"""Failures that concern a whole run, not one file: a full disk, and how a command reports an
error nobody foresaw (in Spanish, naming what failed, exit status 2, never a traceback)."""

from __future__ import annotations

import errno

# Exit status of `siie run` (README): every file loaded; some file rejected or in error, the rest
# published; the run failed (a blocking check, a full disk, an error nobody foresaw, a setting).
EXIT_OK, EXIT_FILES_FAILED, EXIT_RUN_FAILED = 0, 1, 2
DISK_FULL_TEXT = ("No space left on device", "Disk quota exceeded", "could not extend file")


def is_disk_full(error: BaseException) -> bool:
    """ENOSPC or EDQUOT, from Python or as DuckDB, dbt or a library words it."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(text in str(error) for text in DISK_FULL_TEXT):
            return True
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return False


def failure_message(doing: str, error: BaseException) -> str:
    """One Spanish line for an error that ends a command: what it was doing and what happened."""
    if is_disk_full(error):
        return (
            f"siie: no queda espacio en disco: falló {doing}. Libere espacio (o apunte SIIE_HOME "
            "a un disco con espacio) y vuelva a ejecutar; una versión sólo se publica completa."
        )
    detail = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
    return (
        f"siie: error inesperado: falló {doing} ({type(error).__name__}"
        + (f": {detail}" if detail else "")
        + "). Una versión sólo se publica completa; repórtelo al equipo de datos con la "
        "bitácora de la ejecución."
    )
