"""A register without quotes read column-wise: line lengths and field counts with numpy, cells with pyarrow."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from ..model.problems import Report
from .limits import MAX_LINE_CHARS, check_line_length

if TYPE_CHECKING:  # imported in the functions: loading data/ without a register never pays for them
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

_TEXT = re.compile(r"\S")  # anything but white space


def field_count_error(report: Report, file: str, row: int, width: int, found: int, sep: str) -> None:
    """Report a row whose field count differs from the header's."""
    report.error(
        file,
        row,
        expected=f"{width} velden, zoals de kopregel, gescheiden door '{sep}'",
        found=f"{found} velden",
        hint="Staat er een scheidingsteken in een cel? Zet die cel tussen aanhalingstekens.",
    )


def _line_stats(data: bytes, sep: str) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Start, length and field count of every line, counted with numpy (no Python loop per line)."""
    import numpy as np

    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == 10)
    ends = np.append(newlines, len(buf))
    starts = np.concatenate(([0], newlines + 1))
    separators = np.flatnonzero(buf == ord(sep))
    counts = np.diff(np.concatenate(([0], np.searchsorted(separators, ends)))) + 1
    return starts, ends - starts, counts


def read_unquoted(
    text: str, sep: str, file: str, report: Report, skip: int
) -> tuple[list[str], pd.DataFrame] | Literal[False]:
    """Fast path for a file without quotes: count fields per line, then read it with Arrow or pandas.

    Returns (header, frame), or False after reporting rows with a wrong field count or a huge line.
    """
    import pandas as pd

    data = text.encode("utf-8")
    starts, lengths, counts = _line_stats(data, sep)

    def line(i: int) -> str:
        return data[starts[i] : starts[i] + lengths[i]].decode("utf-8")

    longest = int(lengths.argmax())
    if lengths[longest] > MAX_LINE_CHARS and not check_line_length(line(longest), file, report):
        report.errors[-1] = replace(report.errors[-1], row=skip + longest + 1)  # its line number in the file
        return False
    header = line(0).rstrip("\r").split(sep)
    width = len(header)
    bad = False
    for index in (1 + i for i in map(int, (counts[1:] != width).nonzero()[0])):
        if line(index).strip(" \t\r" + sep):
            field_count_error(report, file, skip + index + 1, width, int(counts[index]), sep)
            bad = True
    if bad:
        return False
    lines = len(counts) - (1 if text.endswith("\n") else 0)  # a final newline ends the last line
    if lines <= 1 or _TEXT.search(text, text.find("\n") + 1) is None:  # only white space below the header
        return header, pd.DataFrame({i: pd.Series(dtype=str) for i in range(width)})
    if (counts[1:lines] == width).all():
        return header, _read_arrow(data, sep, width)
    # Blank rows or rows of only separators: pandas keeps every row in place; empty rows are dropped later.
    frame = pd.read_csv(
        io.StringIO(text),
        sep=sep,
        header=None,
        skiprows=1,
        names=range(int(counts.max())),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        quoting=csv.QUOTE_NONE,
        engine="c",
    )
    return header, frame.iloc[: lines - 1][list(range(width))]


def _read_arrow(data: bytes, sep: str, width: int) -> pd.DataFrame:
    """Read a rectangular, unquoted CSV with Arrow's multithreaded reader; every cell a string."""
    import pandas as pd
    import pyarrow as pa
    from pyarrow import csv as pacsv

    names = [str(i) for i in range(width)]
    table = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(skip_rows=1, column_names=names),
        parse_options=pacsv.ParseOptions(delimiter=sep, quote_char=False),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False
        ),
    )
    frame: pd.DataFrame = table.to_pandas(
        types_mapper=lambda t: pd.StringDtype(na_value=float("nan")) if t == pa.string() else None
    )
    frame.columns = pd.RangeIndex(width)
    return frame
