"""The YAML files field by field, read from the pydantic schemas: the manual lists these, so it cannot drift."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .schema import Gemeente, Verslag
from .totalen import Totalen

# The files a coordinator fills in, with the schema that checks each one.
FILES: dict[str, type[BaseModel]] = {
    "gemeente.yaml": Gemeente,
    "<jaar>/verslag.yaml": Verslag,
    "<jaar>/totalen.yaml": Totalen,
}


@dataclass(frozen=True)
class FieldDoc:
    """One field as the manual shows it: dotted path, required or its default, and what it holds."""

    path: str
    default: str
    description: str


def _nested(annotation: object) -> tuple[type[BaseModel] | None, str]:
    """The model inside an annotation (Model, Model | None, dict[key, Model]) and the path step it adds."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, ""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and args:
        model, _ = _nested(args[1])
        return model, ".<code>" if model else ""
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            model, step = _nested(arg)
            if model:
                return model, step
    if origin is typing.Annotated:
        return _nested(args[0])
    return None, ""


def _default(info: FieldInfo) -> str:
    """'verplicht', 'leeg' or the default value as a coordinator would type it."""
    if info.is_required():
        return "verplicht"
    value = info.default
    if value in (None, {}, []):
        return "leeg"
    if isinstance(value, BaseModel):
        return "zie hieronder"
    return str(value).lower() if isinstance(value, bool) else str(value)


def fields_of(model: type[BaseModel], prefix: str = "") -> list[FieldDoc]:
    """Every field of a schema, nested models unfolded, in the order the schema gives them."""
    found = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        found.append(FieldDoc(path, _default(info), info.description or ""))
        inner, step = _nested(info.annotation)
        if inner is not None:
            found += fields_of(inner, f"{path}{step}.")
    return found
