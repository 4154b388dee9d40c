from click.testing import CliRunner

from cjm.cli import cli
from cjm.graph import build_graph
from cjm.journey import load_journey


def test_examples_validate(examples):
    assert examples
    result = CliRunner().invoke(cli, ["validate", "journeys"])
    assert result.exit_code == 0, result.output
    for path in examples:
        g = build_graph(load_journey(path))
        assert g.number_of_nodes() > 0
