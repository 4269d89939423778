"""City and county of an address, from the Ningxia divisions in data/regions.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from . import patterns as p
from .config import regions


@dataclass(frozen=True)
class Place:
    city: str | None
    county: str | None
    matched: str  # the name or alias that decided it
    code: str | None = None


def locate(text: str) -> Place | None:
    """The division an address names; full names beat aliases, a county implies its city."""
    key = p.norm(text)
    if not key:
        return None
    data = regions()
    city = next((c for c in data.cities if c.name in key), None)
    for c in data.cities:
        for county in c.counties:
            if county.name in key and (city is None or city is c):
                return Place(c.name, county.name, county.name, county.code)
    for zone in data.zones:
        for name in [zone.name, *zone.aliases]:
            if name in key and (city is None or city.name == zone.city):
                return Place(zone.city, zone.county, name)
    for c in data.cities:
        for county in c.counties:
            for alias in county.aliases:
                if _alias_in(alias, key, data.street_words) and (city is None or city is c):
                    return Place(c.name, county.name, alias, county.code)
    if city is None:
        city = next((c for c in data.cities if any(_alias_in(a, key, data.street_words) for a in c.aliases)), None)
    if city is not None:
        return Place(city.name, None, city.name, city.code)
    return None


def _alias_in(alias: str, key: str, street_words: list[str]) -> bool:
    start = key.find(alias)
    while start >= 0:
        rest = key[start + len(alias):]
        if not any(rest.startswith(w) for w in street_words):
            return True
        start = key.find(alias, start + 1)
    return False
