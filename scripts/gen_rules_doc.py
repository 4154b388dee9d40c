"""Write docs/rules.md from the rule modules (a test fails when it is out of date)."""

from __future__ import annotations

from pathlib import Path

from cjm.fileio import write_atomic
from cjm.rules.docs import rules_markdown

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"

if __name__ == "__main__":
    write_atomic(TARGET, rules_markdown().encode())
    print(f"wrote {TARGET}")
