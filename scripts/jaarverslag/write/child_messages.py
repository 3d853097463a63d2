"""Messages between a build and its forked children (PDF, MkDocs) as JSON bytes: nothing received is unpickled."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict
from multiprocessing.connection import Connection

from ..model.problems import Problem

# A message is [kind, payload]; payloads are JSON values, bytes as base64, problems as their fields.


def send(conn: Connection, kind: str, payload: object = None) -> None:
    """Send one message."""
    conn.send_bytes(json.dumps([kind, payload], ensure_ascii=False).encode("utf-8"))


def receive(conn: Connection) -> tuple[str, object]:
    """Receive one message (EOFError when the other side is gone)."""
    kind, payload = json.loads(conn.recv_bytes().decode("utf-8"))
    return str(kind), payload


def problems_out(problems: list[Problem]) -> list[dict[str, object]]:
    """Problems as JSON values."""
    return [asdict(p) for p in problems]


def problems_in(values: object) -> list[Problem]:
    """Problems back from problems_out."""
    return [Problem(**v) for v in values] if isinstance(values, list) else []


def files_out(files: dict[str, bytes]) -> dict[str, str]:
    """File contents as base64 text."""
    return {path: base64.b64encode(data).decode("ascii") for path, data in files.items()}


def files_in(values: object) -> dict[str, bytes]:
    """File contents back from files_out."""
    return {str(p): base64.b64decode(d) for p, d in values.items()} if isinstance(values, dict) else {}
