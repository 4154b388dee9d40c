"""Running Graphviz as a confined subprocess: a timeout, an empty working directory, no file access.

Journey text never reaches a file-reading attribute (see ``theme``), and on top of that dot
runs with its image/file search confined to an empty folder: Graphviz 2.43 reads
``GV_FILE_PATH`` when ``SERVER_NAME`` is set (6.0.1 dropped that variable; ``SERVER_NAME``
still makes dot refuse file loads); Graphviz 11 and later take ``--filepath``.
The output is read from stdout; callers write it with ``cjm.fileio.write_atomic``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile

DEFAULT_TIMEOUT_S = 60.0

INSTALL_HINT = """Graphviz's `dot` is needed to render maps; install it, then run the command again:
  Debian/Ubuntu:  sudo apt-get install graphviz fonts-dejavu-core fonts-noto-color-emoji
  macOS:          brew install graphviz
  Windows:        winget install graphviz   (then open a new terminal)
  conda:          conda install -c conda-forge graphviz
(or run ./dev.sh setup on Debian/Ubuntu). Formats dot, mermaid need no Graphviz."""


class RenderError(Exception):
    """Graphviz is missing, failed or took too long; the message says what to do."""


@functools.lru_cache(maxsize=4)
def graphviz_version(program: str = "dot") -> tuple[int, ...]:
    exe = find_program(program)
    out = subprocess.run([exe, "-V"], capture_output=True, timeout=20, check=False)
    found = re.search(rb"version (\d+)\.(\d+)", out.stderr + out.stdout)
    return tuple(int(x) for x in found.groups()) if found else (0, 0)


def find_program(program: str = "dot") -> str:
    exe = shutil.which(program)
    if exe is None:
        raise RenderError(f"`{program}` not found on PATH.\n{INSTALL_HINT}")
    return exe


def _confined_env(empty_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "FONTCONFIG_PATH")}
    env.update(
        SERVER_NAME="cjm",  # makes Graphviz honour GV_FILE_PATH (2.43 and older)
        GV_FILE_PATH=empty_dir + os.sep,
        GDFONTPATH=empty_dir,
        LC_ALL="C.UTF-8",
    )
    return env


def run_graphviz(
    source: str,
    fmt: str,
    program: str = "dot",
    extra_args: tuple[str, ...] = (),
    timeout: float = DEFAULT_TIMEOUT_S,
) -> bytes:
    """``source`` laid out by ``program`` and rendered as ``fmt``; the bytes from stdout."""
    exe = find_program(program)
    with tempfile.TemporaryDirectory(prefix="cjm-dot-") as cwd:
        empty = os.path.join(cwd, "empty")
        os.mkdir(empty)
        args = [exe, f"-T{fmt}", *extra_args]
        if graphviz_version(program) >= (11,):
            args.append(f"--filepath={empty}")
        try:
            proc = subprocess.run(
                args,
                input=source.encode("utf-8"),
                capture_output=True,
                cwd=cwd,
                env=_confined_env(empty),
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"{program} took longer than {timeout:g} s; the map is too large to lay out "
                "(split the journey or raise --timeout)"
            ) from None
    if proc.returncode != 0 or not proc.stdout:
        detail = proc.stderr.decode("utf-8", "replace").strip()[-800:]
        raise RenderError(f"{program} -T{fmt} failed (exit {proc.returncode}): {detail}")
    return proc.stdout
