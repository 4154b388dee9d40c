"""The command line: a thin layer that parses options, calls the library and prints.

Each ``*_cmds`` module adds its commands to the group in ``app``. Heavy modules (networkx,
duckdb, graphviz) are imported inside the commands that need them, so start-up stays fast.
"""

from cjm.cli import (
    check_cmds,  # noqa: F401  (registers its commands)
    journey_cmds,  # noqa: F401  (registers its commands)
    render_cmds,  # noqa: F401
    score_cmds,  # noqa: F401
)
from cjm.cli.app import cli


def main() -> None:
    cli(prog_name="cjm")


__all__ = ["cli", "main"]
