"""Times as the office reads them: on its clock (SIIE_ZONA_HORARIA, America/Mexico_City by
default), whatever the machine's zone. A time without a zone is the machine's local time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pipelines.core.config import Settings


def in_zone(moment: datetime, zone: str) -> datetime:
    aware = moment if moment.tzinfo else moment.astimezone()
    return aware.astimezone(ZoneInfo(zone))


def office_now(settings: Settings) -> datetime:
    return datetime.now(ZoneInfo(settings.time_zone))


def office_time(moment: datetime, settings: Settings) -> datetime:
    return in_zone(moment, settings.time_zone)


def zone_label(zone: str, moment: datetime | None = None) -> str:
    """`America/Mexico_City (UTC-06:00)`: the zone and its offset at that moment (now)."""
    offset = (moment or datetime.now(ZoneInfo(zone))).astimezone(ZoneInfo(zone)).strftime("%z")
    return f"{zone} (UTC{offset[:3]}:{offset[3:]})"
