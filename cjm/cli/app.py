"""The ``cjm`` command group; commands live in the ``*_cmds`` modules beside this one."""

from __future__ import annotations

import click

from cjm import __version__


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: cjm validate journeys/",
)
@click.version_option(__version__, prog_name="cjm")
def cli() -> None:
    """cjm: customer journey maps as code.

    Describe a journey in YAML (stages, touchpoints, emotions, friction), then validate,
    score, check and render it.
    """
