"""python -m dnadeck: the same as the dnadeck command."""

from .cli import main

main(prog_name="dnadeck")
