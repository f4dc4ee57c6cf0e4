"""Answer values as plain data: encoded in the student's kernel, decoded by the grader.

The tests that score a submission never run in the student's interpreter.  At
each test cell's place, the sandboxed kernel encodes the values the test reads
(``encode``) into JSON; the trusted checker rebuilds them (``decode``) as
genuine Python, numpy and pandas objects.  Loading is ``json.loads`` plus a
fixed set of constructors: nothing a student writes can run in the grader.  An
int subclass with a lying ``__eq__`` arrives as a plain int, a patched
``np.allclose`` does not travel at all.

What travels:

- ``None``, bool, int, float (NaN and ±inf included), str, list, tuple, dict,
  set, frozenset, complex, ``decimal.Decimal``, ``fractions.Fraction``;
- numpy scalars and arrays (numeric, bool, str, datetime64, timedelta64, and
  object arrays of the above);
- pandas ``Series``, ``DataFrame``, ``Index`` (incl. ``RangeIndex``,
  ``MultiIndex``), ``Timestamp``, ``Timedelta``, ``Categorical`` data,
  ``DataFrame.attrs``;
- ``datetime``/``date``/``time``/``timedelta`` and ``pathlib`` paths;
- instances and exceptions of crmlab's own classes (and Python's built-in
  exceptions), as their class plus data-only state;
- matplotlib ``Axes``/``Figure`` as a drawing summary (titles, labels, bars,
  lines, texts) rebuilt on a fresh figure, enough for a test to count bars or
  read a title.

Anything else (a student's own function or class, a generator, an open file)
arrives as :class:`Unreadable`, which explains in Chinese what the test could
not read when the test touches it.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import fractions
import importlib
import json
import math
import pathlib
from typing import Any

import numpy as np
import pandas as pd

# Bound here, at import (before any student code runs in the kernel): a student who
# replaces builtins.isinstance later does not change how values are written out.
from builtins import (abs, all, bool, callable, complex, dict, float, frozenset, hasattr, int,  # noqa: A004
                      isinstance, iter, len, list, next, object, range, set, str, tuple, type)

#: Modules whose classes may be rebuilt from data (instances and exceptions).
TRUSTED_CLASS_MODULES = ("crmlab", "builtins")
MAX_NODES = 2_000_000        # values encoded per capture: beyond that, Unreadable
MAX_DEPTH = 60
MAX_STRING = 5_000_000


class Unreadable:
    """Stands for a value the grader could not read; any use fails with a Chinese message."""

    __slots__ = ("_name", "_why")

    def __init__(self, name: str, why: str):
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_why", why)

    def _fail(self, *args, **kwargs):
        raise AssertionError(
            f"评分时无法读取 {self._name}：{self._why}。请把结果保存成数字、文字、列表、字典或表格（DataFrame/Series）。"
            f" / The grader could not read {self._name}: it must be plain data.")

    __call__ = __getattr__ = __getitem__ = __iter__ = __len__ = __bool__ = _fail
    __eq__ = __lt__ = __le__ = __gt__ = __ge__ = __float__ = __int__ = __contains__ = _fail
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _fail
    __hash__ = None

    def __repr__(self) -> str:
        return f"<评分时无法读取的值 {self._name}>"


class _Budget:
    def __init__(self):
        self.nodes = 0


def _qualname(cls) -> tuple[str, str]:
    return type.__getattribute__(cls, "__module__"), type.__getattribute__(cls, "__qualname__")


def _trusted_class(cls) -> bool:
    module, qualname = _qualname(cls)
    return isinstance(module, str) and "<" not in qualname and (
        module.split(".")[0] in TRUSTED_CLASS_MODULES)


# --------------------------------------------------------------------------- encoding (student side)

def _float(x: float):
    if math.isnan(x):
        return {"$f": "nan"}
    if math.isinf(x):
        return {"$f": "inf" if x > 0 else "-inf"}
    return x


def _array_payload(arr: np.ndarray, budget: _Budget, depth: int) -> dict:
    kind = arr.dtype.kind
    flat = arr.ravel()
    if kind in "iub":
        data = flat.tolist()
    elif kind == "f":
        data = [_float(float(v)) for v in flat]
    elif kind == "c":
        data = [[_float(float(v.real)), _float(float(v.imag))] for v in flat]
    elif kind in "MmM":
        data = flat.view("i8").tolist()
    elif kind in "US":
        data = [str(v) for v in flat]
    else:
        data = [_encode(v, budget, depth + 1) for v in flat]
    budget.nodes += len(data)
    return {"dtype": arr.dtype.str if kind != "O" else "O", "shape": list(arr.shape), "data": data}


def _index_payload(index: pd.Index, budget: _Budget, depth: int) -> dict:
    if isinstance(index, pd.RangeIndex):
        return {"range": [index.start, index.stop, index.step], "name": _encode(index.name, budget, depth + 1)}
    if isinstance(index, pd.MultiIndex):
        return {"multi": [_index_payload(index.get_level_values(i), budget, depth + 1)
                          for i in range(index.nlevels)],
                "names": [_encode(n, budget, depth + 1) for n in index.names]}
    return {"values": _column_payload(index, budget, depth), "name": _encode(index.name, budget, depth + 1)}


def _column_payload(values, budget: _Budget, depth: int) -> dict:
    """A Series' values or an Index, with its exact dtype."""
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cat = pd.Categorical(values)
        return {"kind": "category", "codes": cat.codes.tolist(),
                "categories": _index_payload(cat.categories, budget, depth + 1), "ordered": bool(cat.ordered)}
    if isinstance(dtype, pd.DatetimeTZDtype):
        naive = pd.DatetimeIndex(values).tz_convert("UTC").tz_localize(None)
        return {"kind": "datetimetz", "tz": str(dtype.tz), "unit": dtype.unit,
                "data": _array_payload(naive.to_numpy(), budget, depth)}
    if isinstance(dtype, np.dtype):
        return {"kind": "numpy", "data": _array_payload(values.to_numpy(), budget, depth)}
    # pandas extension dtypes (str, string, Int64, boolean, Float64 ...): values with NA as None
    items = [None if pd.isna(v) else _encode(v.item() if isinstance(v, np.generic) else v, budget, depth + 1)
             for v in np.asarray(values, dtype=object)]
    budget.nodes += len(items)
    return {"kind": "extension", "dtype": str(dtype), "na": repr(getattr(dtype, "na_value", None)), "items": items}


def _axes_payload(ax, budget: _Budget, depth: int) -> dict:
    from matplotlib.patches import Rectangle

    patches = [[float(p.get_x()), float(p.get_y()), float(p.get_width()), float(p.get_height())]
               for p in ax.patches if isinstance(p, Rectangle)]
    lines = [[np.asarray(line.get_xdata(), dtype=float).tolist(), np.asarray(line.get_ydata(), dtype=float).tolist(),
              str(line.get_label())] for line in ax.get_lines()]
    texts = [[float(t.get_position()[0]), float(t.get_position()[1]), t.get_text()] for t in ax.texts]
    budget.nodes += len(patches) + len(lines) + len(texts)
    return {"title": ax.get_title(), "title_left": ax.get_title("left"), "title_right": ax.get_title("right"),
            "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
            "xticklabels": [t.get_text() for t in ax.get_xticklabels()],
            "yticklabels": [t.get_text() for t in ax.get_yticklabels()],
            "xlim": list(map(float, ax.get_xlim())), "ylim": list(map(float, ax.get_ylim())),
            "patches": patches, "lines": lines, "texts": texts,
            "legend": ([t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() else None)}


def _object_state(obj) -> dict:
    """An object's attributes (``__dict__`` and ``__slots__``), read past any property the class defines."""
    state = {}
    try:
        state.update(object.__getattribute__(obj, "__dict__"))
    except AttributeError:
        pass
    for klass in type(obj).__mro__:
        slots = klass.__dict__.get("__slots__", ())
        for slot in (slots,) if isinstance(slots, str) else slots:
            try:
                state[slot] = object.__getattribute__(obj, slot)
            except AttributeError:
                pass
    return state


def _encode(x: Any, budget: _Budget, depth: int = 0) -> Any:
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise OverflowError("too many values")
    if depth > MAX_DEPTH:
        raise OverflowError("nested too deeply")
    t = type(x)
    if x is None or t is bool:
        return x
    if t is str or isinstance(x, str) and not isinstance(x, np.str_):
        s = str.__str__(x)
        if len(s) > MAX_STRING:
            raise OverflowError("string too long")
        return s
    if isinstance(x, np.generic):
        if isinstance(x, (np.datetime64, np.timedelta64)):
            return {"$np": x.dtype.str, "v": int(x.view("i8"))}
        return {"$np": x.dtype.str, "v": _array_payload(np.asarray(x).reshape(1), budget, depth)["data"][0]}
    if isinstance(x, bool):
        return bool(x)
    if isinstance(x, int) and not isinstance(x, enum_types()):
        v = int.__index__(x) if t is not int else x
        return v if abs(v) < 2 ** 53 else {"$int": str(v)}
    if isinstance(x, float):
        return _float(float.__float__(x))
    if isinstance(x, complex):
        return {"$complex": [_float(x.real), _float(x.imag)]}
    if isinstance(x, decimal.Decimal):
        return {"$decimal": str(x)}
    if isinstance(x, fractions.Fraction):
        return {"$fraction": [str(x.numerator), str(x.denominator)]}
    if isinstance(x, (list, tuple, set, frozenset)):
        tag = {list: "$list", tuple: "$tuple", set: "$set", frozenset: "$frozenset"}
        kind = next(k for k in (list, tuple, frozenset, set) if isinstance(x, k))
        items = list(list.__iter__(x)) if kind is list else list(x)
        encoded = [_encode(v, budget, depth + 1) for v in items]
        return encoded if kind is list else {tag[kind]: encoded}
    if isinstance(x, dict):
        return {"$dict": [[_encode(k, budget, depth + 1), _encode(v, budget, depth + 1)]
                          for k, v in dict.items(x)]}
    if isinstance(x, pd.DataFrame):
        return {"$df": {"columns": _index_payload(x.columns, budget, depth + 1),
                        "index": _index_payload(x.index, budget, depth + 1),
                        "data": [_column_payload(x.iloc[:, i], budget, depth + 1) for i in range(x.shape[1])],
                        "attrs": _encode(dict(x.attrs), budget, depth + 1)}}
    if isinstance(x, pd.Series):
        return {"$series": {"index": _index_payload(x.index, budget, depth + 1),
                            "data": _column_payload(x, budget, depth + 1),
                            "name": _encode(x.name, budget, depth + 1),
                            "attrs": _encode(dict(x.attrs), budget, depth + 1)}}
    if isinstance(x, pd.Index):
        return {"$index": _index_payload(x, budget, depth + 1)}
    if isinstance(x, pd.api.extensions.ExtensionArray):
        return {"$pdarray": _column_payload(pd.Series(x, copy=False), budget, depth + 1)}
    if isinstance(x, pd.Timestamp):
        if x is pd.NaT:
            return {"$nat": 1}
        return {"$timestamp": x.isoformat()}
    if x is pd.NaT:
        return {"$nat": 1}
    if isinstance(x, pd.Timedelta):
        return {"$timedelta_ns": int(x.value)}
    if isinstance(x, pd.Period):
        return {"$period": [str(x), x.freqstr]}
    if isinstance(x, _dt.datetime):
        return {"$datetime": x.isoformat()}
    if isinstance(x, _dt.date):
        return {"$date": x.isoformat()}
    if isinstance(x, _dt.time):
        return {"$time": x.isoformat()}
    if isinstance(x, _dt.timedelta):
        return {"$pytimedelta": [x.days, x.seconds, x.microseconds]}
    if isinstance(x, pathlib.PurePath):
        return {"$path": str(x)}
    if isinstance(x, np.ndarray):
        return {"$ndarray": _array_payload(x, budget, depth)}
    if _is_matplotlib(x, "axes"):
        return {"$axes": _axes_payload(x, budget, depth)}
    if _is_matplotlib(x, "figure"):
        return {"$figure": {"axes": [_axes_payload(ax, budget, depth) for ax in x.axes],
                            "suptitle": x._suptitle.get_text() if getattr(x, "_suptitle", None) else ""}}
    if isinstance(x, BaseException) and _trusted_class(t):
        return {"$exception": list(_qualname(t)), "args": _encode(tuple(x.args), budget, depth + 1),
                "state": _encode(_object_state(x), budget, depth + 1)}
    if _qualname(t)[0].split(".")[0] == "crmlab" and not isinstance(x, type) and not callable(x):
        return {"$object": list(_qualname(t)), "state": _encode(_object_state(x), budget, depth + 1)}
    return {"$unreadable": _describe(x)}


def enum_types():
    import enum
    return (enum.Enum,)


def _is_matplotlib(x, kind: str) -> bool:
    module = type(x).__module__ or ""
    if not module.startswith("matplotlib"):
        return False
    import matplotlib.axes
    import matplotlib.figure
    return isinstance(x, matplotlib.axes.Axes if kind == "axes" else matplotlib.figure.Figure)


def _describe(x) -> str:
    import types
    if isinstance(x, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return "它是一个函数"
    if isinstance(x, types.ModuleType):
        return "它是一个模块"
    if isinstance(x, type):
        return "它是一个类"
    if isinstance(x, types.GeneratorType) or hasattr(x, "__next__"):
        return "它是一个生成器或迭代器，请用 list(...) 转成列表"
    return f"它的类型是 {type(x).__name__}"


def encode(names, namespace: dict) -> str:
    """JSON text with the value of each name in ``namespace`` (missing names are left out)."""
    out = {}
    for name in names:
        if name not in namespace:
            continue
        try:
            out[name] = _encode(namespace[name], _Budget())
        except RecursionError:
            out[name] = {"$unreadable": "它嵌套得太深"}
        except OverflowError as exc:
            out[name] = {"$unreadable": f"它太大了（{exc}）"}
        except Exception as exc:  # noqa: BLE001 - a student's object may fail in any way
            out[name] = {"$unreadable": f"读取时出错（{type(exc).__name__}）"}
    return json.dumps(out, ensure_ascii=False, allow_nan=False)


# --------------------------------------------------------------------------- decoding (grader side)

class DecodeError(ValueError):
    """The payload is not what :func:`encode` makes."""


def _to_float(v) -> float:
    if isinstance(v, dict):
        special = v.get("$f")
        if special not in ("nan", "inf", "-inf"):
            raise DecodeError("bad float")
        return float(special)
    if type(v) not in (int, float):
        raise DecodeError("bad float")
    return float(v)


def _decode_array(p: dict, name: str) -> np.ndarray:
    dtype_str, shape, data = p["dtype"], p["shape"], p["data"]
    if not isinstance(shape, list) or not all(type(s) is int and s >= 0 for s in shape):
        raise DecodeError("bad shape")
    if dtype_str == "O":
        arr = np.empty(len(data), dtype=object)
        for i, v in enumerate(data):
            arr[i] = _decode(v, name)
        return arr.reshape(shape)
    dtype = np.dtype(dtype_str)
    if dtype.kind not in "biufcMmUS":
        raise DecodeError("bad dtype")
    if dtype.kind == "f":
        values = [_to_float(v) for v in data]
    elif dtype.kind == "c":
        values = [complex(_to_float(a), _to_float(b)) for a, b in data]
    elif dtype.kind in "Mm":
        if not all(type(v) is int for v in data):
            raise DecodeError("bad datetime")
        return np.array(data, dtype="i8").view(dtype).reshape(shape)
    elif dtype.kind in "US":
        if not all(type(v) is str for v in data):
            raise DecodeError("bad str")
        values = data
    else:
        if not all(type(v) in (int, bool) for v in data):
            raise DecodeError("bad int")
        values = data
    return np.array(values, dtype=dtype).reshape(shape)


def _decode_index(p: dict, name: str) -> pd.Index:
    if "range" in p:
        start, stop, step = p["range"]
        if not all(type(v) is int for v in (start, stop, step)) or step == 0:
            raise DecodeError("bad range")
        return pd.RangeIndex(start, stop, step, name=_decode(p.get("name"), name))
    if "multi" in p:
        levels = [_decode_index(q, name) for q in p["multi"]]
        names = [_decode(n, name) for n in p["names"]]
        return pd.MultiIndex.from_arrays(levels, names=names)
    return pd.Index(_decode_column(p["values"], name), name=_decode(p.get("name"), name), tupleize_cols=False)


def _decode_column(p: dict, name: str):
    kind = p["kind"]
    if kind == "numpy":
        return _decode_array(p["data"], name)
    if kind == "category":
        categories = _decode_index(p["categories"], name)
        return pd.Categorical.from_codes(np.asarray(p["codes"], dtype=int), categories=categories,
                                         ordered=bool(p["ordered"]))
    if kind == "datetimetz":
        naive = pd.DatetimeIndex(_decode_array(p["data"], name))
        return naive.tz_localize("UTC").tz_convert(str(p["tz"])).array
    if kind == "extension":
        items = [pd.NA if v is None else _decode(v, name) for v in p["items"]]
        dtype = str(p["dtype"])
        try:
            return pd.array(items, dtype=dtype)
        except (TypeError, ValueError):
            return pd.array(items, dtype=object)
    raise DecodeError("bad column")


def _import_class(module: str, qualname: str):
    if not isinstance(module, str) or not isinstance(qualname, str) or module.split(".")[0] not in TRUSTED_CLASS_MODULES:
        raise DecodeError("untrusted class")
    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    if not isinstance(obj, type):
        raise DecodeError("not a class")
    return obj


def _rebuild_axes(p: dict, ax=None):
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    if ax is None:
        ax = Figure().add_subplot()
    for x, y, w, h in p["patches"]:
        ax.add_patch(Rectangle((_to_float(x), _to_float(y)), _to_float(w), _to_float(h)))
    for xs, ys, label in p["lines"]:
        ax.plot([_to_float(v) for v in xs], [_to_float(v) for v in ys], label=str(label))
    for x, y, text in p["texts"]:
        ax.text(_to_float(x), _to_float(y), str(text))
    ax.set_title(str(p["title"]))
    ax.set_title(str(p["title_left"]), loc="left")
    ax.set_title(str(p["title_right"]), loc="right")
    ax.set_xlabel(str(p["xlabel"]))
    ax.set_ylabel(str(p["ylabel"]))
    ax.set_xlim(*map(_to_float, p["xlim"]))
    ax.set_ylim(*map(_to_float, p["ylim"]))
    if p["xticklabels"]:
        ax.set_xticks(ax.get_xticks()[:len(p["xticklabels"])] if len(ax.get_xticks()) >= len(p["xticklabels"])
                      else range(len(p["xticklabels"])))
        ax.set_xticklabels([str(t) for t in p["xticklabels"]])
    if p.get("legend") is not None:
        ax.legend([str(t) for t in p["legend"]])
    del matplotlib
    return ax


def _decode(v: Any, name: str) -> Any:
    if v is None or type(v) in (bool, int, float, str):
        return v
    if type(v) is list:
        return [_decode(x, name) for x in v]
    if type(v) is not dict or len(v) == 0:
        raise DecodeError("bad node")
    tag = next(iter(v))
    body = v[tag]
    if tag == "$f":
        return _to_float(v)
    if tag == "$int":
        return int(str(body))
    if tag == "$tuple":
        return tuple(_decode(x, name) for x in body)
    if tag == "$set":
        return {_decode(x, name) for x in body}
    if tag == "$frozenset":
        return frozenset(_decode(x, name) for x in body)
    if tag == "$dict":
        return {_decode(k, name): _decode(val, name) for k, val in body}
    if tag == "$complex":
        return complex(_to_float(body[0]), _to_float(body[1]))
    if tag == "$decimal":
        return decimal.Decimal(str(body))
    if tag == "$fraction":
        return fractions.Fraction(int(str(body[0])), int(str(body[1])))
    if tag == "$np":
        dtype = np.dtype(str(body))
        if dtype.kind in "Mm":
            return np.array([int(v["v"])], dtype="i8").view(dtype)[0]
        return _decode_array({"dtype": body, "shape": [1], "data": [v["v"]]}, name)[0]
    if tag == "$ndarray":
        return _decode_array(body, name)
    if tag == "$df":
        columns = _decode_index(body["columns"], name)
        index = _decode_index(body["index"], name)
        if len(body["data"]) != len(columns):
            raise DecodeError("bad frame")
        frame = pd.DataFrame({i: pd.Series(_decode_column(c, name), index=index, copy=False)
                              for i, c in enumerate(body["data"])}, index=index)
        frame.columns = columns
        frame.attrs = _decode(body.get("attrs", {"$dict": []}), name)
        return frame
    if tag == "$series":
        index = _decode_index(body["index"], name)
        series = pd.Series(_decode_column(body["data"], name), index=index, name=_decode(body["name"], name))
        series.attrs = _decode(body.get("attrs", {"$dict": []}), name)
        return series
    if tag == "$index":
        return _decode_index(body, name)
    if tag == "$pdarray":
        return pd.array(_decode_column(body, name))
    if tag == "$timestamp":
        return pd.Timestamp(str(body))
    if tag == "$nat":
        return pd.NaT
    if tag == "$period":
        return pd.Period(str(body[0]), freq=str(body[1]))
    if tag == "$timedelta_ns":
        return pd.Timedelta(int(body), unit="ns")
    if tag == "$datetime":
        return _dt.datetime.fromisoformat(str(body))
    if tag == "$date":
        return _dt.date.fromisoformat(str(body))
    if tag == "$time":
        return _dt.time.fromisoformat(str(body))
    if tag == "$pytimedelta":
        return _dt.timedelta(days=int(body[0]), seconds=int(body[1]), microseconds=int(body[2]))
    if tag == "$path":
        return pathlib.Path(str(body))
    if tag == "$axes":
        return _rebuild_axes(body)
    if tag == "$figure":
        from matplotlib.figure import Figure
        fig = Figure()
        for p in body["axes"]:
            _rebuild_axes(p, fig.add_subplot())
        if body.get("suptitle"):
            fig.suptitle(str(body["suptitle"]))
        return fig
    if tag == "$exception":
        cls = _import_class(*body)
        if not issubclass(cls, BaseException):
            raise DecodeError("not an exception")
        exc = cls.__new__(cls)
        exc.args = tuple(_decode(v["args"], name))
        _set_state(exc, _decode(v["state"], name))
        return exc
    if tag == "$object":
        cls = _import_class(*body)
        if cls.__module__.split(".")[0] != "crmlab":
            raise DecodeError("untrusted class")
        obj = cls.__new__(cls)
        _set_state(obj, _decode(v["state"], name))
        return obj
    if tag == "$unreadable":
        return Unreadable(name, str(body))
    raise DecodeError(f"unknown tag {tag!r}")


def _set_state(obj, state) -> None:
    if not isinstance(state, dict):
        raise DecodeError("bad state")
    for key, value in state.items():
        if not isinstance(key, str):
            raise DecodeError("bad attribute")
        object.__setattr__(obj, key, value)


def decode(text: str, limit: int = 200_000_000) -> dict[str, Any]:
    """Rebuild the values of :func:`encode`'s JSON; a malformed value becomes :class:`Unreadable`."""
    if len(text) > limit:
        raise DecodeError("payload too large")
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise DecodeError("payload is not an object")
    values = {}
    for name, payload in raw.items():
        if not isinstance(name, str) or not name.isidentifier():
            continue
        try:
            values[name] = _decode(payload, name)
        except Exception as exc:  # noqa: BLE001 - malformed data of any kind is the student's
            values[name] = Unreadable(name, f"它的数据不完整（{type(exc).__name__}）")
    return values


def emit(names, path: str) -> None:
    """Write :func:`encode` of the caller's IPython namespace to ``path`` (runs in the student's kernel)."""
    from IPython import get_ipython

    shell = get_ipython()
    namespace = shell.user_ns if shell is not None else {}
    with open(path, "w", encoding="utf-8") as f:
        f.write(encode(names, namespace))
