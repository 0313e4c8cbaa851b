"""States by their French names and demonyms, to ISO 3166 alpha-3 (data: data/countries.tsv)."""
# Placeholder; the actors stage replaces this with the data-file loader.
from __future__ import annotations

_NAMES = {"russie": ("RUS", "Russia"), "vietnam": ("VNM", "Vietnam"), "viet nam": ("VNM", "Vietnam"),
          "chine": ("CHN", "China"), "laos": ("LAO", "Laos"), "cambodge": ("KHM", "Cambodia"),
          "france": ("FRA", "France"), "etats-unis": ("USA", "United States")}


def lookup_country(name: str) -> tuple[str, str] | None:
    """French (or English) country name -> (ISO3, English name), or None."""
    import unicodedata
    key = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower().strip()
    return _NAMES.get(key)
