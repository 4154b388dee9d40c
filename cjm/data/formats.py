"""File formats of event logs: how to tell them apart and how DuckDB reads each."""

from __future__ import annotations

from pathlib import Path

SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}


def detect_format(path: str) -> str | None:
    """csv | parquet | jsonl from the suffix (``.gz`` ignored), else from the first bytes."""
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes if s.lower() not in (".gz", ".zst")]
    if suffixes and suffixes[-1] in SUFFIXES:
        return SUFFIXES[suffixes[-1]]
    with p.open("rb") as fh:
        head = fh.read(4)
    if head == b"PAR1":
        return "parquet"
    if head.lstrip()[:1] == b"{":
        return "jsonl"
    return "csv" if head else None


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def reader_sql(path: str, fmt: str) -> str:
    """A DuckDB table function reading the whole file with detected column types."""
    quoted = sql_string(path)
    if fmt == "parquet":
        return f"read_parquet({quoted})"
    if fmt == "jsonl":
        return f"read_json({quoted}, format = 'newline_delimited')"
    # Quotes are RFC 4180's: left to the sniffer, an unclosed quote made it read quotes as
    # text, and the broken row as a shifted one instead of failing
    return f"read_csv({quoted}, header = true, quote = '\"')"


def sql_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
