"""Turn pydantic's validation errors into `file:line: what (how to fix)` problems."""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from bot.content.located import Loc, Located
from bot.problems import Problem

_KIND_NAMES = {
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "tuple_type": "a list (lines starting with '- ')",
    "list_type": "a list (lines starting with '- ')",
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
}

M = TypeVar("M", bound=BaseModel)


def validate_file(model: type[M], src: Located) -> tuple[M | None, list[Problem]]:
    """Validate `src` against `model`; return the record or the problems found."""
    if not isinstance(src.data, dict):
        return None, [src.problem((), "the file must be a mapping", "start with 'version: 1'")]
    try:
        return model.model_validate(src.data), []
    except ValidationError as exc:
        return None, [_to_problem(model, src, err) for err in exc.errors()]


def _to_problem(model: type[BaseModel], src: Located, err: ErrorDetails) -> Problem:
    loc: Loc = tuple(part for part in err["loc"] if part != "[key]")
    where = ".".join(str(p) for p in loc) or "file"
    message, hint = _describe(model, loc, err)
    return src.problem(loc, f"{where}: {message}", hint)


def _describe(model: type[BaseModel], loc: Loc, err: ErrorDetails) -> tuple[str, str]:
    kind, ctx, given = err["type"], err.get("ctx", {}), err.get("input")
    if kind == "missing":
        return f"missing key '{loc[-1]}'", "add it; every entry needs it"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'", _allowed_keys_hint(model, loc)
    if kind in _KIND_NAMES:
        hint = "fix the value's type"
        if isinstance(given, bool):
            hint = "quote it: YAML reads yes/no/on/off/true/false as a yes-or-no value"
        return f"expected {_KIND_NAMES[kind]}, got {_shown(given)}", hint
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{given!r} is out of range", _range_hint(ctx)
    if kind == "literal_error":
        return f"{_shown(given)} is not allowed", f"use one of: {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return f"{_shown(given)} is not a valid id", "use snake_case: a-z, 0-9 and _"
    if kind == "string_too_short":
        return "the text is empty", "write the text or remove the key"
    if kind in {"too_short", "too_long"}:
        bound = "at least" if kind == "too_short" else "at most"
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"has {ctx.get('actual_length')} items", f"give {bound} {limit}"
    return err["msg"], "see knowledge/README.md for the expected shape"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _range_hint(ctx: dict[str, Any]) -> str:
    if "ge" in ctx:
        return f"use a number of at least {ctx['ge']}"
    return f"use a number of at most {ctx['le']}"


def _allowed_keys_hint(model: type[BaseModel], loc: Loc) -> str:
    owner = _model_at(model, loc[:-1])
    if owner is None:
        return "remove it"
    allowed = list(owner.model_fields)
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"allowed keys: {', '.join(allowed)}"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Follow `loc` through the annotations to the record that holds its last key."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        elif get_origin(current) in {dict, tuple, list}:
            current = get_args(current)[-1 if get_origin(current) is dict else 0]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in {Union, types.UnionType}:
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation
