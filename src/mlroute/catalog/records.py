"""Checking catalog records read back from the cache: each field's type and constraints, and
each record's own invariants, without validating them again from scratch.

The cache holds the entries as objects, which unpickling builds without running pydantic, so a
cache someone rewrote could hold a course whose `hours` is None or whose title is a number. A
check per record, compiled once from the models' own field annotations and constraints (so a
field added to the models is checked with no change here), catches that at a fraction of the
cost of validation: values shared between records (hours, costs, dates) are checked once.
A type this module does not know makes `compile_check` raise `TypeError`; the cache is then
never trusted, and the catalog is read from its TOML as if there were none.
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from math import isfinite
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import StringConstraints

Check = Callable[[Any, set[int]], bool]
"""True when the record is valid; the set holds the ids of records already found valid."""


class _Source:
    """The source of one record check being written, and the values its code refers to."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"isfinite": isfinite, "date": date}
        self._count = 0

    def name(self, value: Any) -> str:
        """A name for `value` in the generated code."""
        self._count += 1
        name = f"_k{self._count}"
        self.names[name] = value
        return name

    def variable(self) -> str:
        """A fresh local variable name."""
        self._count += 1
        return f"_v{self._count}"

    def expression(self, annotation: Any, var: str) -> str:
        """A Python expression true when `var` is a valid value of `annotation`."""
        origin = get_origin(annotation)
        args = get_args(annotation)
        if origin is Annotated:
            return self.constrained(args[0], args[1:], var)
        if origin is Union or origin is types.UnionType:
            return "(" + " or ".join(self.expression(arg, var) for arg in args) + ")"
        if origin is Literal:
            allowed = self.name(frozenset((type(arg), arg) for arg in args))
            return f"((type({var}), {var}) in {allowed})"
        if origin is tuple:
            item = self.variable()
            if len(args) == 2 and args[1] is Ellipsis:
                inner = self.expression(args[0], item)
                return f"(type({var}) is tuple and all({inner} for {item} in {var}))"
            parts = [f"type({var}) is tuple", f"len({var}) == {len(args)}"]
            parts += [self.expression(arg, f"{var}[{i}]") for i, arg in enumerate(args)]
            return "(" + " and ".join(parts) + ")"
        if annotation is type(None):
            return f"({var} is None)"
        if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
            # Shared records (one `hours` for many courses) are checked once.
            check = self.name(_compile(annotation))
            return f"(id({var}) in seen or {check}({var}, seen))"
        if annotation is float:  # validation gives floats, but an int is as good a number
            return f"((type({var}) is float and isfinite({var})) or type({var}) is int)"
        if annotation in (str, int, bool, date):
            return f"(type({var}) is {annotation.__name__})"
        raise TypeError(f"no check for {annotation!r}")

    def constrained(self, annotation: Any, metadata: Sequence[Any], var: str) -> str:
        """`expression` and the constraints in `metadata` (a constraint passes None: it is
        on the value of an optional field, as in `int | None = Field(ge=0)`)."""
        tests = [test for meta in metadata for test in self.constraint(meta, var)]
        base = self.expression(annotation, var)
        if not tests:
            return base
        return f"({base} and ({var} is None or ({' and '.join(tests)})))"

    def constraint(self, meta: Any, var: str) -> list[str]:
        """Tests for one piece of field metadata; none for metadata that constrains nothing
        (validators that share or intern values)."""
        if isinstance(meta, StringConstraints):
            tests = []
            if meta.min_length is not None:
                tests.append(f"len({var}) >= {meta.min_length!r}")
            if meta.max_length is not None:
                tests.append(f"len({var}) <= {meta.max_length!r}")
            if meta.pattern is not None:
                search = self.name(re.compile(str(meta.pattern)).search)
                tests.append(f"{search}({var}) is not None")
            return tests
        bounds = (
            (annotated_types.Ge, "ge", ">="),
            (annotated_types.Gt, "gt", ">"),
            (annotated_types.Le, "le", "<="),
            (annotated_types.Lt, "lt", "<"),
        )
        for kind, attribute, operator in bounds:
            if isinstance(meta, kind):
                return [f"{var} {operator} {self.name(getattr(meta, attribute))}"]
        if isinstance(meta, annotated_types.MinLen):
            return [f"len({var}) >= {meta.min_length!r}"]
        if isinstance(meta, annotated_types.MaxLen):
            return [f"len({var}) <= {meta.max_length!r}"]
        return []


def compile_check(cls: type) -> Check:
    """The check for records of the pydantic dataclass `cls`: its exact class, every field,
    then its "after" model validators (such as min <= max). Compiled once per class. Raises
    `TypeError` for a field type it cannot check."""
    return _guarded(cls)


@cache
def _guarded(cls: type) -> Check:
    check = _compile(cls)

    def guarded(record: Any, seen: set[int]) -> bool:
        try:
            return bool(check(record, seen))
        # A missing slot, a number compared with text, a validator's own refusal.
        except (AttributeError, TypeError, ValueError):
            return False

    return guarded


@cache
def _compile(cls: type) -> Check:
    """`compile_check` unguarded, written as one function of straight-line tests (a closure
    per field cost five times as much at 10,000 courses)."""
    source = _Source()
    lines = [
        "def check(record, seen):",
        f"    if type(record) is not {source.name(cls)}:",
        "        return False",
        "    if id(record) in seen:",
        "        return True",
    ]
    for name, info in cls.__pydantic_fields__.items():  # type: ignore[attr-defined]
        var = source.variable()
        lines.append(f"    {var} = record.{name}")
        test = source.constrained(info.annotation, info.metadata, var)
        lines += [f"    if not {test}:", "        return False"]
    decorators = cls.__pydantic_decorators__.model_validators.values()  # type: ignore[attr-defined]
    for decorator in decorators:
        if decorator.info.mode == "after":
            lines.append(f"    {source.name(decorator.func)}(record)")
    lines += ["    seen.add(id(record))", "    return True"]
    namespace = dict(source.names)
    exec("\n".join(lines), namespace)  # code written above from the models alone
    check: Check = namespace["check"]
    return check
