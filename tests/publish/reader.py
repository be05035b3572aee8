"""An analyst's process, for the concurrency test: it reads the publication while SIIE publishes.

    python -m tests.publish.reader PATH_TO_current.duckdb

Modes run in two threads until a line arrives on stdin:
- `held`: one connection opened at the start, queried over and over;
- `reopened`: a new connection to current.duckdb for every query.
Then it reports what each saw as one JSON line, reconnects and reports the version it finds.
"""

from __future__ import annotations

import json
import sys
import threading

import duckdb

QUERY = "SELECT (SELECT max(version) FROM manifest), (SELECT count(*) FROM indicadores)"


def _watch(connect, stop: threading.Event, seen: dict) -> None:
    con = connect() if seen["mode"] == "held" else None
    while not stop.is_set():
        try:
            if con is None:
                with connect() as fresh:
                    row = fresh.execute(QUERY).fetchone()
            else:
                row = con.execute(QUERY).fetchone()
            seen["versions"].add(row[0])
            seen["rows"].setdefault(row[0], set()).add(row[1])
            seen["queries"] += 1
        except Exception as error:
            seen["errors"].append(f"{type(error).__name__}: {error}")


def main(path: str) -> None:
    def connect():
        return duckdb.connect(path, read_only=True)

    stop = threading.Event()
    reports = [
        {"mode": mode, "versions": set(), "rows": {}, "queries": 0, "errors": []}
        for mode in ("held", "reopened")
    ]
    threads = [threading.Thread(target=_watch, args=(connect, stop, r)) for r in reports]
    for thread in threads:
        thread.start()
    print("leyendo", flush=True)
    sys.stdin.readline()
    stop.set()
    for thread in threads:
        thread.join()
    with connect() as con:
        after = con.execute(QUERY).fetchone()[0]
    out = {
        r["mode"]: {
            "versions": sorted(r["versions"]),
            "queries": r["queries"],
            "errors": r["errors"][:3],
            "rows": {str(k): sorted(v) for k, v in r["rows"].items()},
        }
        for r in reports
    }
    print(json.dumps({**out, "after_reconnect": after}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
