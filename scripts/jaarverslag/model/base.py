"""The types every YAML schema shares: counts, years, codes, checked strings, and the strict model they build on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

Count = Annotated[StrictInt, Field(ge=0)]
Year = Annotated[StrictInt, Field(ge=1990, le=2100)]


def _web_address(value: str) -> str:
    """An https address without spaces or quotes (it ends up in an href)."""
    if not re.fullmatch(r"https://[^\s<>\"']+", value):
        raise PydanticCustomError("web_address", "not an https address")
    return value


WebAddress = Annotated[StrictStr, AfterValidator(_web_address)]


def _hex_colour(value: str) -> str:
    """A colour as # and six hexadecimal digits, lower-cased (it ends up in CSS and Typst)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise PydanticCustomError("hex_colour", "not a #rrggbb colour")
    return value.lower()


def _phone(value: str) -> str:
    """A phone number as a reader dials it: digits, spaces, hyphens and a leading +."""
    if not re.fullmatch(r"\+?[0-9][0-9 -]{1,18}[0-9]", value):
        raise PydanticCustomError("phone", "not a phone number")
    return value


def _logo_file(value: str) -> str:
    """The name of an .svg or .png file directly in data/ (whether it exists is checked with the data)."""
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(svg|png)", value):
        raise PydanticCustomError("logo_file", "not a logo file name")
    return value


def awb_term(limit: int, rule: str) -> AfterValidator:
    """A term in days no longer than the Awb allows: a regulation may shorten its terms, never lengthen them."""

    def check(days: int) -> int:
        if days > limit:
            raise PydanticCustomError("awb_term", "longer than the Awb allows", {"le": limit, "regel": rule})
        return days

    return AfterValidator(check)


HexColour = Annotated[StrictStr, AfterValidator(_hex_colour)]
Phone = Annotated[StrictStr, AfterValidator(_phone)]
LogoFile = Annotated[StrictStr, AfterValidator(_logo_file)]
Date = Annotated[dt.date, Strict()]  # YAML gives real dates; a bare number must not pass as a timestamp
# Codes become file names, anchors and URLs: only lower-case letters, digits and _ can never leave
# their folder or break a link.
CODE_PATTERN = r"^[a-z0-9_]+$"
Code = Annotated[StrictStr, Field(pattern=CODE_PATTERN)]


class StrictModel(BaseModel):
    """Base: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def described(description: str, default: Any = ...) -> Any:
    """A field with its Dutch description: the manual lists every field from these."""
    return Field(default, description=description)
