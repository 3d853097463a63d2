"""Messages from the PDF and MkDocs children are JSON: problems and files arrive whole, a pickle runs nothing."""

from __future__ import annotations

import ast
import multiprocessing
import pickle
from pathlib import Path

import pytest

from jaarverslag.model.problems import Problem
from jaarverslag.write import child_messages as msg

ROOT = Path(__file__).parents[2]


def test_problems_and_files_arrive_whole():
    sender, receiver = multiprocessing.Pipe()
    problems = [Problem("data/2020/tekst/x.md", 3, "", "Markdown", "<script>", "Schrijf tekst.")]
    msg.send(
        sender, "data", {"problems": msg.problems_out(problems), "pdfs": msg.files_out({"a.pdf": b"%PDF\x00\xff"})}
    )
    kind, payload = msg.receive(receiver)
    assert kind == "data" and isinstance(payload, dict)
    assert msg.problems_in(payload["problems"]) == problems
    assert msg.files_in(payload["pdfs"]) == {"a.pdf": b"%PDF\x00\xff"}


class Evil:
    def __reduce__(self):
        return (Path("/tmp/child-messages-evil").touch, ())


def test_a_pickle_on_the_pipe_runs_nothing():
    sender, receiver = multiprocessing.Pipe()
    sender.send_bytes(pickle.dumps(Evil()))
    with pytest.raises(ValueError):
        msg.receive(receiver)
    assert not Path("/tmp/child-messages-evil").exists()


def test_no_module_of_the_package_uses_pickle():
    """No pickle import, and no Connection.send/recv (they pickle): only send_bytes/recv_bytes of JSON."""
    found = []
    for path in sorted((ROOT / "scripts" / "jaarverslag").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in {"pickle", "shelve", "marshal", "dill"} for n in names):
                found.append(f"{path.name}:{node.lineno}")
            ours = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "msg"
            if isinstance(node, ast.Attribute) and node.attr in {"recv", "send"} and not ours:
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert found == []
