"""Reading concerns from CSV or JSON files, with errors a facilitator can act on.

CSV: a header with at least ``id`` and ``text``; optional ``support``, ``language``,
``prompt``. ``support`` is the number of "me too" taps by others (authors not counted);
the app's export calls that column ``me_too``, and it is read the same.
JSON: a list of objects with the same keys, or ``{"concerns": [...]}``.
Every problem raises :class:`InputError` with a message naming the file and, where it
helps, the row.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from analysis.models import Concern

__all__ = ["InputError", "parse_concerns", "read_concerns"]

REQUIRED = ("id", "text")  # optional columns: support (or me_too), language, prompt, on_behalf


class InputError(ValueError):
    """The input file cannot be turned into concerns."""


def read_concerns(path: str | Path, fmt: str | None = None) -> list[Concern]:
    """Read concerns from a CSV or JSON file.

    Args:
        path: File to read; ``"-"`` is not supported (pass the text to
            :func:`parse_concerns` instead).
        fmt: ``"csv"`` or ``"json"``; guessed from the extension, then the content.

    Returns:
        The concerns in file order.

    Raises:
        InputError: Missing file, not UTF-8, empty, bad structure, missing column,
            bad support value or duplicate id.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8 and retry"
        ) from exc
    if fmt is None:
        suffix = path.suffix.lower().lstrip(".")
        fmt = suffix if suffix in ("csv", "json") else None
    return parse_concerns(text, fmt=fmt, source=str(path))


def parse_concerns(text: str, fmt: str | None = None, source: str = "input") -> list[Concern]:
    """Parse concerns from CSV or JSON text (see :func:`read_concerns`)."""
    if not text.strip():
        raise InputError(f"{source}: the file is empty")
    if fmt is None:
        fmt = "json" if text.lstrip()[:1] in "[{" else "csv"
    if fmt == "json":
        records = _json_records(text, source)
    elif fmt == "csv":
        records = _csv_records(text, source)
    else:
        raise InputError(f"{source}: unknown format {fmt!r} (use csv or json)")
    if not records:
        raise InputError(f"{source}: no concerns found (the file has a header but no rows)")
    return _to_concerns(records, source)


def _json_records(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    if isinstance(data, dict) and "concerns" in data:
        data = data["concerns"]
    if not isinstance(data, list):
        raise InputError(f'{source}: expected a JSON list of concerns or {{"concerns": [...]}}')
    records = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InputError(f"{source}: item {number} is not an object")
        missing = [key for key in REQUIRED if key not in item]
        if missing:
            raise InputError(f"{source}: item {number} has no {', '.join(missing)}")
        records.append((number, item))
    return records


def _csv_records(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        found = ", ".join(header) if header else "nothing"
        raise InputError(
            f"{source}: missing column {', '.join(missing)} "
            f"(the header must include id,text; found {found})"
        )
    if len(set(header)) != len(header):
        raise InputError(f"{source}: the header repeats a column name")
    reader.fieldnames = header
    records = []
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    f"{source}: line {reader.line_num} has more fields than the header"
                )
            if not any((value or "").strip() for value in row.values()):
                continue  # blank line
            records.append((reader.line_num, row))
    except csv.Error as exc:
        raise InputError(f"{source}: line {reader.line_num}: {exc}") from exc
    return records


def _to_concerns(records: list[tuple[int, dict[str, Any]]], source: str) -> list[Concern]:
    concerns: list[Concern] = []
    seen: dict[str, int] = {}
    for where, record in records:
        raw_id = record.get("id")
        if raw_id is None or str(raw_id).strip() == "":
            raise InputError(f"{source}: row {where} has an empty id")
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
            raise InputError(f"{source}: row {where}: id must be a string or an integer")
        concern_id = raw_id.strip() if isinstance(raw_id, str) else raw_id
        key = str(concern_id)
        if key in seen:
            raise InputError(
                f"{source}: duplicate id {key!r} (rows {seen[key]} and {where}); ids must be unique"
            )
        seen[key] = where
        text = record.get("text")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise InputError(f"{source}: row {where}: text must be a string")
        concerns.append(
            Concern(
                id=concern_id,
                text=text,
                language=_optional_str(record.get("language")),
                support=_support(
                    record["me_too"] if "me_too" in record else record.get("support"),
                    source,
                    where,
                ),
                prompt=_optional_str(record.get("prompt")),
                on_behalf=str(record.get("on_behalf") or "").strip().lower()
                in ("1", "true", "yes"),
            )
        )
    return concerns


def _support(value: Any, source: str, where: int) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InputError(
            f"{source}: row {where}: support must be a whole number, got {value!r}"
        ) from None
    if number < 0:
        raise InputError(f"{source}: row {where}: support cannot be negative")
    return number


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
