"""`python -m annales` is the `annales` command."""
from .cli import app

app(prog_name="annales")
