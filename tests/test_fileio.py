import os
from pathlib import Path

import pytest

from cjm.fileio import write_atomic


def test_new_file_gets_umask_mode_and_no_temp_left(tmp_path: Path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "map.svg", b"<svg/>")
    finally:
        os.umask(old)
    assert (tmp_path / "map.svg").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_existing_mode_is_kept(tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o600


def test_failed_write_leaves_the_old_file(tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
