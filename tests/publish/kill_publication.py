"""A publication killed outright (SIGKILL, as kill -9) at one moment, for test_switch.py.

    python -m tests.publish.kill_publication MOMENT RUN_ID

The home is the one of SIIE_HOME / SIIE_LANDING_DIR. The real `publish` runs; one of the steps it
takes is wrapped so that the process kills itself right before or right after it:
- `preparada`: the new version staged, before it is renamed into place;
- `instalada`: renamed into place as vN, before the switch;
- `entre_enlaces`: between the two links of the one-time move from the old layout (where
  current.duckdb pointed at vN/siie.duckdb itself);
- `conmutada`: switched in, before its line in the history.
"""

from __future__ import annotations

import os
import signal
import sys

import pipelines.publish.publication as publication
import pipelines.publish.versions as versions
from pipelines.core.config import load_settings
from tests.publish.helpers import audit, new_load_log_entry
from tests.quality.built import Home


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _before(module, name: str) -> None:
    real = getattr(module, name)

    def wrapped(*args, **kwargs):
        _die()
        return real(*args, **kwargs)

    setattr(module, name, wrapped)


def _after(module, name: str, calls: int = 1) -> None:
    real, done = getattr(module, name), []

    def wrapped(*args, **kwargs):
        result = real(*args, **kwargs)
        done.append(name)
        if len(done) == calls:
            _die()
        return result

    setattr(module, name, wrapped)


MOMENTS = {
    "preparada": lambda: _before(publication, "install_version"),
    "instalada": lambda: _before(publication, "switch_current"),
    "entre_enlaces": lambda: _after(versions, "_swap_link"),
    "conmutada": lambda: _after(publication, "switch_current"),
}


def main(moment: str, run_id: str) -> None:
    home = Home(load_settings())
    new_load_log_entry(home, 2)
    gates = audit(home, run_id)
    MOMENTS[moment]()
    publication.publish(home.settings, run_id, gates)
    sys.exit("la publicación terminó sin que la mataran")


if __name__ == "__main__":
    main(*sys.argv[1:])
