"""Prepare the dbt manifest at install/build time:

python -m pipelines.transform.prepare
"""

from __future__ import annotations

from pipelines.transform.project import prepare_manifest


def main() -> None:
    print(f"manifiesto de dbt: {prepare_manifest()}")


if __name__ == "__main__":
    main()
