"""python -m kg: the kg command."""

from kg.cli import main

main()
