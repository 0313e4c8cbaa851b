"""`annales extract` and `annales timex`: code articles to JSON Lines on stdout, no database."""
from __future__ import annotations
