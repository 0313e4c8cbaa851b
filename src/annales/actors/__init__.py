"""actors stage: who is mentioned in a story, resolved to persons, bodies and states.

    from annales.actors import ActorDictionary, ActorFinder
    finder = ActorFinder(ActorDictionary.load())
    mentions = finder.find(doc, "2020-10-05", default_country="VNM")

Knowledge lives in data files (``data/countries.tsv``, ``data/actors/{persons,offices,bodies}.yaml``);
add your own with ``ActorDictionary.load(extra=[...])`` or ``$ANNALES_ACTORS``.
"""
from annales.actors.countries import lookup_country
from annales.actors.dictionary import ActorDictionary, Person, Tenure
from annales.actors.finder import ActorFinder

__all__ = ["ActorDictionary", "ActorFinder", "Person", "Tenure", "lookup_country"]
