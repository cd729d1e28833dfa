"""Strict conversion of a composed Hydra config into typed dataclasses.

``to_dataclass(cls, data, key)`` walks a plain dict (``OmegaConf.to_container(resolve=True)``)
and builds ``cls``. Every problem raises :class:`ConfigError` whose one-line message names the
dotted key: unknown keys, wrong types, impossible values. Dataclass fields absent from the dict
take their defaults, so the YAML tree can stay as terse as the reference's.

Supported annotations: ``int``, ``float``, ``bool``, ``str``, ``X | None``, ``list[X]``,
``tuple[X, ...]``, ``tuple[X, Y]``, ``dict[str, X]``, ``Literal[...]``, dataclasses, and unions of
dataclasses that carry a ``name`` field (the union member is picked by ``name``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from splatbench.errors import SplatbenchError


class ConfigError(SplatbenchError, ValueError):
    """A configuration problem; ``str(error)`` is one line naming the key."""


_MISSING = object()


def _describe(value: Any) -> str:
    """A value for a message: its repr when short, else what it is (never a repr cut mid-word)."""
    text = repr(value)
    if len(text) <= 60:
        return text
    size = f" of {len(value)} {'characters' if isinstance(value, str) else 'items'}" if hasattr(value, "__len__") else ""
    return f"a {type(value).__name__}{size}"


def _type_name(annotation: Any) -> str:
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _convert(annotation: Any, value: Any, key: str) -> Any:
    if annotation is Any:
        return value
    origin = get_origin(annotation)

    if _is_union(annotation):
        options = get_args(annotation)
        if value is None:
            if type(None) in options:
                return None
            raise ConfigError(f"{key}: must not be null (expected {_type_name(annotation)})")
        non_null = [option for option in options if option is not type(None)]
        dataclass_options = [option for option in non_null if dataclasses.is_dataclass(option)]
        if dataclass_options and isinstance(value, dict):
            return _convert_named_union(dataclass_options, value, key)
        errors = []
        for option in non_null:
            try:
                return _convert(option, value, key)
            except ConfigError as error:
                errors.append(error)
        if len(errors) == 1:
            raise errors[0]
        raise ConfigError(f"{key}: {_describe(value)} is not a valid {_type_name(annotation)}")

    if value is None:
        raise ConfigError(f"{key}: must not be null (expected {_type_name(annotation)})")

    if origin is Literal:
        allowed = get_args(annotation)
        if value not in allowed:
            raise ConfigError(f"{key}: {_describe(value)} is not one of {', '.join(map(repr, allowed))}")
        return value

    if dataclasses.is_dataclass(annotation):
        return to_dataclass(annotation, value, key)

    if origin in (list, typing.List):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{key}: expected a list, got {_describe(value)}")
        (item_type,) = get_args(annotation) or (Any,)
        return [_convert(item_type, item, f"{key}[{i}]") for i, item in enumerate(value)]

    if origin in (tuple, typing.Tuple):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{key}: expected a list, got {_describe(value)}")
        args = get_args(annotation)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item, f"{key}[{i}]") for i, item in enumerate(value))
        if args and len(args) != len(value):
            raise ConfigError(f"{key}: expected {len(args)} values, got {len(value)}")
        return tuple(_convert(t, item, f"{key}[{i}]") for i, (t, item) in enumerate(zip(args, value)))

    if origin in (dict, typing.Dict):
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a mapping, got {_describe(value)}")
        key_type, value_type = get_args(annotation) or (str, Any)
        return {k: _convert(value_type, v, f"{key}.{k}") for k, v in value.items()}

    if annotation is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{key}: expected true or false, got {_describe(value)}")
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ConfigError(f"{key}: expected an integer, got {_describe(value)}")
    if annotation is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)  # YAML 1.1 reads "1e-10" as a string
            except ValueError:
                pass
        raise ConfigError(f"{key}: expected a number, got {_describe(value)}")
    if annotation is str:
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise ConfigError(f"{key}: expected a string, got {_describe(value)}")
    if isinstance(annotation, type):
        if isinstance(value, annotation):
            return value
        raise ConfigError(f"{key}: expected {annotation.__name__}, got {_describe(value)}")
    return value


def _convert_named_union(options: list[type], value: dict, key: str) -> Any:
    by_name = {}
    for option in options:
        name_field = {f.name: f for f in dataclasses.fields(option)}.get("name")
        if name_field is None or name_field.default is dataclasses.MISSING:
            raise TypeError(f"{option.__name__} in a union needs a default 'name'")
        # A Literal name annotation lists every name the dataclass answers to.
        annotation = typing.get_type_hints(option).get("name")
        names = get_args(annotation) if get_origin(annotation) is Literal else (name_field.default,)
        for name in names:
            by_name[name] = option
    name = value.get("name")
    if name not in by_name:
        raise ConfigError(f"{key}.name: {_describe(name)} is not one of {', '.join(map(repr, by_name))}")
    return to_dataclass(by_name[name], value, key)


def to_dataclass(cls: type, data: Any, key: str = "") -> Any:
    """Build dataclass ``cls`` from ``data``; raise ConfigError naming ``key`` on any problem."""
    label = key or "<root>"
    if dataclasses.is_dataclass(data) and isinstance(data, cls):
        return data
    if not isinstance(data, dict):
        raise ConfigError(f"{label}: expected a mapping for {cls.__name__}, got {_describe(data)}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        where = f"{key}." if key else ""
        raise ConfigError(f"{where}{unknown[0]}: unknown key (valid keys: {', '.join(sorted(fields))})")
    kwargs = {}
    for name, field in fields.items():
        child = f"{key}.{name}" if key else name
        if name in data:
            kwargs[name] = _convert(hints[name], data[name], child)
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise ConfigError(f"{child}: required key is missing")
    try:
        return cls(**kwargs)
    except ConfigError:
        raise
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{label}: {error}") from error


def to_dict(config: Any) -> Any:
    """Dataclass tree back to plain containers (for logging and checkpoints)."""
    if dataclasses.is_dataclass(config):
        return {f.name: to_dict(getattr(config, f.name)) for f in dataclasses.fields(config)}
    if isinstance(config, (list, tuple)):
        return [to_dict(item) for item in config]
    if isinstance(config, dict):
        return {k: to_dict(v) for k, v in config.items()}
    return config
