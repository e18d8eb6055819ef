r"""Input checks shared by every module, declared apart from the maths.

A learner who passes the wrong thing should get an error that names the
argument and says what was expected, never a silent NaN three cells later.
Every public function of ``ffnn_edu`` funnels its arguments through the
helpers here.

One pattern: ``@checked``
-------------------------
The chapters show package functions with ``show_source``, so a function's
body should read as the chapter's formula. The checks are therefore
*declared* above the function, with the :func:`checked` decorator, and the
body receives arguments that are already checked and converted::

    @checked(rows_match("x", "t"), inputs_match_weights("x", "w"),
             x=samples, t=values, w=vector, eta=positive)
    def delta_rule_update(x, t, w, eta):
        residual = t - linear_neuron(x, w)
        return w + eta * x.T @ residual

* keyword arguments of ``checked`` name a parameter and its **checker**, a
  function ``checker(value, name) -> converted value`` that raises
  ``ValueError``/``TypeError`` naming the argument: :func:`array`,
  :func:`vector`, :func:`matrix`, :func:`samples`, :func:`values`,
  :func:`probabilities`, :func:`scalar`, :func:`positive`, :func:`count`,
  :func:`seed`, :func:`label`, :func:`labels`, :func:`binary_labels`,
  :func:`instance_of`, or any function of that shape
  (``functools.partial(check_number, low=0.0)``, a lambda);
* positional arguments are **relations** between arguments, called after
  every checker with the dictionary of checked arguments (including ``self``
  for a method): :func:`rows_match`, :func:`inputs_match_weights`, or any
  function ``relation(arguments) -> None`` that raises, and may replace an
  entry of the dictionary (e.g. a network converting ``T`` to the shape its
  output layer needs);
* :func:`no_overflow` is a relation of its own kind: the body runs with
  numpy's overflow turned into a ``ValueError`` that explains which
  arguments were too large, never a ``RuntimeWarning`` and an infinity;
* the undecorated function stays available as ``f.__wrapped__``, and
  :func:`unchecked` returns it for a function or a bound method alike.

A wrong *type* (a string where a number belongs, a float where a count
belongs, None) raises ``TypeError``; a value of the right type out of range
raises ``ValueError``. Seeds, counts, layer sizes and "fit before predict"
have one check each (:func:`check_seed`, :func:`check_count`,
:func:`check_sizes`, :func:`check_fitted`) that every module calls, so the
same mistake gets the same message everywhere.

Hot loops do not pay for checks twice: the training loop calls the
network's unchecked kernels ``run_forward`` / ``run_backward``, whose public,
checked doors are ``forward`` / ``backprop``. Optimizers, penalties and
dropout follow the same rule: ``@checked`` on what a learner calls,
unchecked kernels for what the training loop calls.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import itertools
import math
import numbers
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar, cast

import numpy as np
from numpy.typing import DTypeLike, NDArray

#: A float64 numpy array: what every checker of numbers returns.
Array = NDArray[np.float64]


def _keywords(function: Callable[..., Any]) -> list[str] | None:
    """The keywords ``function`` accepts, in order; None if it takes any keyword."""
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p.name for p in parameters if p.kind in kinds and p.name != "self"]


def _refusing_unknown_keywords(init: Callable[..., None]) -> Callable[..., None]:
    """``init``, refusing a keyword it does not have by :func:`known_names`.

    The refusal names the class called (``Nesterov()``, whose ``__init__`` is
    ``Momentum``'s), not the class that defines the ``__init__``.
    """
    accepted = _keywords(init)
    if accepted is None or hasattr(init, "_refuses_unknown_names"):
        return init  # takes any keyword, or refuses already
    names = accepted
    known = frozenset(names)

    @functools.wraps(init)
    def checked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        if kwargs and not known.issuperset(kwargs):
            known_names(kwargs, names, f"{type(self).__name__}()", "keyword argument")
        init(self, *args, **kwargs)

    checked_init._refuses_unknown_names = True  # type: ignore[attr-defined]
    return checked_init


def _refusing_new(new: Callable[..., Any]) -> Callable[..., Any]:
    """A class's own ``__new__`` (a NamedTuple's), refusing a keyword it lacks."""
    accepted = _keywords(new)
    if accepted is None:
        return new
    names = accepted[1:]  # after the class
    known = frozenset(names)

    @functools.wraps(new)
    def refusing_new(cls: type, *args: Any, **kwargs: Any) -> Any:
        if kwargs and not known.issuperset(kwargs):
            known_names(kwargs, names, f"{cls.__name__}()", "keyword argument")
        return new(cls, *args, **kwargs)

    return refusing_new


def _takes_nothing(self: Any) -> None:
    """The ``__init__`` of a class that takes no arguments, said in its signature."""


_Refusing = TypeVar("_Refusing", bound=type)


def refuses_unknown_keywords(klass: _Refusing) -> _Refusing:
    """Class decorator: its constructor refuses an unknown keyword by name.

    Python's own refusal ("got an unexpected keyword argument") is a bare
    ``TypeError`` that names neither the keywords accepted nor the one meant. A
    class a learner constructs refuses with :class:`UnknownNameError` instead: a
    plain class by inheriting :class:`KnownKeywords`, a dataclass (whose
    ``__init__`` is made after the class, out of the base's reach) or a
    ``NamedTuple`` by this decorator. The class keeps its identity, its
    ``__init__`` (a NamedTuple's ``__new__``) is wrapped, not replaced, so it
    pickles, copies and reads its signature as before; one with ``**kwargs`` takes
    any keyword and is left as it is. Functions do not take it: a ``@checked``
    function refuses by its own checks.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @refuses_unknown_keywords
    ... @dataclass
    ... class Shrink:
    ...     lam: float = 0.1
    >>> Shrink(lamda=0.5)
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: Shrink() got an unknown keyword argument
    'lamda'; the only keyword argument is lam; did you mean 'lam'?
    """
    if not isinstance(klass, type):
        raise TypeError(
            "refuses_unknown_keywords decorates a class, but it got "
            f"{type(klass).__name__} {klass!r}; a function refuses by @checked"
        )
    kind = cast(Any, klass)
    if kind.__init__ is object.__init__ and kind.__new__ is not object.__new__:
        # a NamedTuple: its __new__ takes the fields, and pickles by them
        kind.__new__ = staticmethod(_refusing_new(kind.__new__))
        return klass
    init = kind.__init__
    if init is object.__init__:  # which takes any keyword when __new__ is own
        init = _takes_nothing
    kind.__init__ = _refusing_unknown_keywords(init)
    return klass


# numpy >= 1.25 keeps ComplexWarning in numpy.exceptions; 1.24
# (our lowest) only at the top.
_ComplexWarning = getattr(np, "exceptions", np).ComplexWarning


class InputTypeError(TypeError, ValueError):
    """Data of the wrong type, which scikit-learn calls a ``ValueError``: this is both.

    The package raises ``TypeError`` for a wrong type; scikit-learn's estimators and
    its ``check_array`` raise ``ValueError`` for data that is not numbers (text in
    ``X``: "could not convert string to float"; complex numbers), for labels of mixed
    kinds ("Mix of label input types (string and number)") and for a missing ``y``.
    ``as_array`` and ``as_labels`` raise this for data of the wrong type, so
    an ``except`` clause written for either convention catches it, in every function
    that checks ``X``, ``T`` or ``y``.

    Examples
    --------
    >>> issubclass(InputTypeError, TypeError), issubclass(InputTypeError, ValueError)
    (True, True)
    """


def as_array(
    value: Any,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
) -> Array:
    """Convert ``value`` to a finite, non-empty float64 array, or explain why not.

    Parameters
    ----------
    value : array_like
        Numbers (nested lists, tuples or an ndarray).
    name : str
        The argument's name, used in the error message.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    allow_empty : bool
        Accept an array with no entries (refused by default: an empty data
        set, weight vector or target array is a mistake everywhere in the book).

    Returns
    -------
    ndarray of float64

    Raises
    ------
    InputTypeError
        If ``value`` holds something that is not a number (a string, None, a dict):
        a ``TypeError`` and a ``ValueError`` alike (as scikit-learn refuses it).
    ValueError
        If it has the wrong number of dimensions, is empty, holds NaN or infinity,
        or holds a finite number too large for float64 (a longdouble, Decimal,
        Fraction or Python int beyond about 1.8e308, which the cast would turn
        into infinity).

    Examples
    --------
    >>> as_array([1, 2], "x")
    array([1., 2.])
    >>> as_array(np.empty((0, 2)), "X")
    Traceback (most recent call last):
    ...
    ValueError: X must not be empty, but it has shape (0, 2)
    >>> as_array([1, float("nan")], "x")
    Traceback (most recent call last):
    ...
    ValueError: x must contain only finite numbers, but it contains NaN or infinity at
    index (1,)
    >>> as_array([1, None], "x")
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.InputTypeError: x must be an array of numbers, but it holds
    None
    >>> as_array([[0.5, "2"]], "X")
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.InputTypeError: X must be an array of numbers, but it holds
    text '2'
    """
    if isinstance(value, (str, bytes)):
        raise InputTypeError(
            f"{name} must be an array of numbers, not {type(value).__name__}"
        )
    text = _first_text(value)
    if text is not None:  # numpy reads "1.5" as 1.5, and a lone "1.5" is refused
        raise InputTypeError(
            f"{name} must be an array of numbers, but it holds text {text!r}"
        )
    complex_error = InputTypeError(
        f"{name} must hold real numbers, but it holds complex numbers "
        "(casting them to real would drop the imaginary parts)"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", _ComplexWarning)
            # a longdouble beyond float64 casts to inf: named below, not warned here
            warnings.filterwarnings("ignore", "overflow encountered", RuntimeWarning)
            array = np.asarray(value, dtype=np.float64)
    except _ComplexWarning:
        raise complex_error from None
    except OverflowError:  # a Python int or Fraction too large for a float
        raise _beyond_float64(value, name) from None
    except (TypeError, ValueError) as error:
        if "complex" in str(error):
            raise complex_error from None
        raise InputTypeError(f"{name} must be an array of numbers ({error})") from None
    bad = ~np.isfinite(array)

    def holds_none(
        item: Any,
    ) -> bool:  # None becomes NaN in a float array: a wrong type
        if item is None:
            return True
        if isinstance(item, np.ndarray):
            return item.dtype == object and any(holds_none(v) for v in item.flat)
        return isinstance(item, (list, tuple)) and any(holds_none(v) for v in item)

    if bad.any() and holds_none(value):
        got = "not None" if value is None else "but it holds None"
        raise InputTypeError(f"{name} must be an array of numbers, {got}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if array.ndim not in allowed:
            wanted = " or ".join(str(d) for d in allowed)
            raise ValueError(
                f"{name} must have {wanted} dimension(s), "
                f"but it has shape {array.shape}"
            )
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, but it has shape {array.shape}")
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        if _finite(_item(value, where)):  # finite in its own type, not in float64
            raise _beyond_float64(value, name)
        raise ValueError(
            f"{name} must contain only finite numbers, but it contains NaN or infinity "
            f"at index {where}"
        )
    return array


#: float64's range, as messages write it (its largest number is 1.797...e308).
_FLOAT64_RANGE = "float64's range (magnitudes up to about 1.8e308)"


def _beyond_float64(value: Any, name: str) -> ValueError:
    """The error for ``value``'s first entry that is finite but too large for float64.

    A longdouble, Decimal, Fraction or Python int can hold a finite number beyond
    float64's range; cast to float64 it becomes infinity (or an ``OverflowError``),
    which is not what the learner wrote.

    Examples
    --------
    >>> print(_beyond_float64([[1, 2], [3, -(10**400)]], "X"))
    X must hold numbers within float64's range (magnitudes up to about 1.8e308), but
    it holds -1e+400 at index (1, 1)
    >>> print(_beyond_float64(np.longdouble("1e4000"), "x"))
    x must be a number within float64's range (magnitudes up to about 1.8e308), but
    it is 1e+4000
    """
    entries = _entries(value)
    if entries is None:
        return ValueError(f"{name} must hold numbers within {_FLOAT64_RANGE}")
    for where in np.ndindex(entries.shape):
        entry = entries[where]
        if beyond_float64(entry):
            if not where:
                return ValueError(
                    f"{name} must be a number within {_FLOAT64_RANGE}, but it is "
                    f"{_short(entry)}"
                )
            return ValueError(
                f"{name} must hold numbers within {_FLOAT64_RANGE}, but it holds "
                f"{_short(entry)} at index {where}"
            )
    return ValueError(f"{name} must hold numbers within {_FLOAT64_RANGE}")


def beyond_float64(entry: Any) -> bool:
    """Whether ``entry`` is a finite number that float64 cannot hold.

    A longdouble, Decimal, Fraction or Python int can be finite in its own type and
    beyond float64's range (magnitudes up to about 1.8e308): the cast makes it
    infinity or raises ``OverflowError``. NaN, infinity and what is no number are not.

    Examples
    --------
    >>> beyond_float64(10**400), beyond_float64(np.longdouble("-1e4000"))
    (True, True)
    >>> beyond_float64(1e308), beyond_float64(float("inf")), beyond_float64("1e400")
    (False, False, False)
    """
    return _finite(entry) and _too_large(entry)


def _entries(value: Any) -> np.ndarray | None:
    """``value``'s entries as numpy reads them, each in its own type, or None.

    Read through numpy, never by indexing ``value`` itself: an ``np.matrix``
    (``value[1]`` is a 1 x n matrix), a DataFrame (``value[0]`` is a column, by label)
    or an object with only ``__array__`` index otherwise or not at all. An ndarray is
    viewed as a plain one, not copied; other data keep their own types (a longdouble, or
    a Python int, Decimal or Fraction in an object array). Only the error path calls
    this, on data the float64 cast has read: None if numpy cannot read it again.

    Examples
    --------
    >>> _entries(np.array([1.0, 2.0], dtype=np.longdouble))[1].dtype == np.longdouble
    True
    >>> _entries([1, 10**400])[1] == 10**400
    True
    """
    try:
        return np.asarray(value)
    except (TypeError, ValueError, OverflowError, MemoryError):
        return None


def _item(value: Any, where: tuple[int, ...]) -> Any:
    """The entry of ``value`` at index ``where``, in its own type, or None.

    ``where`` is an index into ``value`` read as a float64 array; None where numpy reads
    ``value`` otherwise (:func:`_entries`).

    Examples
    --------
    >>> bool(np.isnan(_item(np.array([[0.0, 1.0], [1.0, np.nan]]), (1, 1))))
    True
    >>> _item(([1, 2], (3, -(10**400))), (1, 1)) == -(10**400)
    True
    >>> print(_item([1, 2], (0, 1)))
    None
    """
    entries = _entries(value)
    if entries is None or entries.ndim != len(where):
        return None
    if any(i >= n for i, n in zip(where, entries.shape)):
        return None
    return entries[where]


def _finite(entry: Any) -> bool:
    """Whether ``entry`` is a finite number in its own type (longdouble, Decimal...)."""
    if isinstance(entry, (int, numbers.Rational)):
        return True
    if hasattr(entry, "is_finite"):  # Decimal
        return bool(entry.is_finite())
    try:
        return bool(np.isfinite(entry))
    except (TypeError, OverflowError):
        return False


def _too_large(entry: Any) -> bool:
    """Whether a finite ``entry`` overflows float64 (never a complex number)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return not np.isfinite(np.float64(entry))
    except OverflowError:
        return True
    except (TypeError, ValueError):
        return False


def _short(entry: Any) -> str:
    """A finite number too large for float64, in a few digits: ``1e+4000``."""
    if isinstance(entry, np.floating):
        return np.format_float_scientific(entry, precision=3, trim="-")
    if isinstance(entry, numbers.Rational):  # int, Fraction: exact, in decimal
        entry = Decimal(int(entry.numerator)) / Decimal(int(entry.denominator))
    mantissa, exponent = f"{Decimal(entry):.4e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent))}"


def _first_text(value: Any) -> str | bytes | None:
    """The first string in ``value`` (nested lists, tuples, arrays), or None."""
    if isinstance(value, (str, bytes, np.str_, np.bytes_)):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "US":
            return value.flat[0].item() if value.size else None
        if value.dtype != object:
            return None
        items: Any = value.flat
    elif isinstance(value, (list, tuple)):
        try:  # numpy reads a long list of numbers at C speed; walk it only if mixed
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                kind = np.asarray(value).dtype.kind
        except (TypeError, ValueError):
            kind = "O"  # ragged: walk it
        if kind not in "USO":
            return None
        items = value
    else:
        return None
    for item in items:
        text = _first_text(item)
        if text is not None:
            return text
    return None


def as_samples(value: Any, name: str) -> Array:
    """Return a 2-D array with one sample per row.

    A 1-D input is read as a single sample (one row).

    Examples
    --------
    >>> as_samples([0.23, 0.82], "X").shape
    (1, 2)
    """
    array = as_array(value, name, ndim=(1, 2))
    return array[np.newaxis, :] if array.ndim == 1 else array


def as_targets(value: Any, n_samples: int, n_outputs: int, name: str = "T") -> Array:
    """Targets as an ``(n_samples, n_outputs)`` array, or say which shape was expected.

    A 1-D array is accepted as the column of targets of a one-output network,
    or as the one row of targets of a single sample.

    Parameters
    ----------
    value : array_like
        The targets.
    n_samples : int
        Rows of the inputs (one target row per sample).
    n_outputs : int
        Output neurons (one target column per output).
    name : str
        The argument's name, used in the error message.

    Examples
    --------
    >>> as_targets([0, 1, 1, 0], 4, 1, "T").shape
    (4, 1)
    >>> as_targets([0, 1, 1, 1], 4, 2, "T")
    Traceback (most recent call last):
    ...
    ValueError: T must have shape (4, 2) (one row per sample, one column per output
    neuron), but it has shape (4,)
    """
    targets = as_array(value, name, ndim=(1, 2))
    if targets.ndim == 1 and n_outputs == 1:
        targets = targets[:, np.newaxis]
    elif targets.ndim == 1 and n_samples == 1:
        targets = targets[np.newaxis, :]
    if targets.shape != (n_samples, n_outputs):
        raise ValueError(
            f"{name} must have shape {(n_samples, n_outputs)} (one row per sample, one "
            f"column per output neuron), but it has shape {np.shape(value)}"
        )
    return targets


def check_rows_match(
    first: Array, second: Array, first_name: str, second_name: str
) -> None:
    """Raise ``ValueError`` unless two arrays have the same number of rows."""
    if first.shape[0] != second.shape[0]:
        raise ValueError(
            f"{first_name} and {second_name} must have the same number of rows "
            f"(samples), but they have {first.shape[0]} and {second.shape[0]}"
        )


def check_number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """Return ``value`` as a float after checking it is a finite number in range.

    Examples
    --------
    >>> check_number(0.7, "eta", low=0, low_inclusive=False)
    0.7
    >>> check_number(-1, "eta", low=0, low_inclusive=False)
    Traceback (most recent call last):
    ...
    ValueError: eta must be > 0, but it is -1
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    number = as_float(value, name)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number, but it is {value}")
    if low is not None and (number < low or (number == low and not low_inclusive)):
        sign = ">=" if low_inclusive else ">"
        raise ValueError(f"{name} must be {sign} {low:g}, but it is {shown(value)}")
    if high is not None and (number > high or (number == high and not high_inclusive)):
        sign = "<=" if high_inclusive else "<"
        raise ValueError(f"{name} must be {sign} {high:g}, but it is {shown(value)}")
    return number


def as_float(value: Any, name: str) -> float:
    """``value``, one real number, as a float; a ValueError if float64 cannot hold it.

    A Python int, Fraction or Decimal can be finite and beyond float64's range, where
    ``float(value)`` raises a bare ``OverflowError`` that names nothing.

    Examples
    --------
    >>> as_float(3, "eta")
    3.0
    >>> as_float(10**400, "eta")
    Traceback (most recent call last):
    ...
    ValueError: eta must be a number within float64's range (magnitudes up to about
    1.8e308), but it is 1e+400
    """
    try:
        return float(value)
    except OverflowError:
        raise _beyond_float64(value, name) from None


def shown(value: Any) -> str:
    """``value`` as a message shows it: a whole number of many digits in a few.

    A learner who passes ``10**400`` reads ``1e+400``, not a line of 401 digits; other
    values are shown as ``str`` shows them.

    Examples
    --------
    >>> shown(10**400), shown(-(10**25)), shown(12), shown(0.5)
    ('1e+400', '-1e+25', '12', '0.5')
    """
    if isinstance(value, numbers.Rational) and not isinstance(value, bool):
        text = str(value)
        if len(text) > _LONGEST_SHOWN:
            return _short(value)
        return text
    return str(value)


#: Digits of a whole number (or a fraction) beyond which :func:`shown` abbreviates it.
_LONGEST_SHOWN = 20


def check_count(value: Any, name: str, *, low: int = 1) -> int:
    """Return ``value`` as an int after checking it is a whole number >= ``low``.

    Examples
    --------
    >>> check_count(3, "epochs")
    3
    >>> check_count(0, "epochs")
    Traceback (most recent call last):
    ...
    ValueError: epochs must be an integer >= 1, but it is 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer >= {low}, but it is "
            f"{value!r} ({type(value).__name__})"
        )
    if value < low:
        raise ValueError(
            f"{name} must be an integer >= {low}, but it is {shown(int(value))}"
        )
    return int(value)


def optional_count(value: Any, name: str) -> int | None:
    """Checker: None, or a whole number >= 1 returned as an int (:func:`check_count`).

    For the arguments where None means "no limit" or "all": ``patience``, a batch
    size (the full batch), a number of entries to check.

    Examples
    --------
    >>> print(optional_count(None, "patience"))
    None
    >>> optional_count(5, "patience")
    5
    >>> optional_count(0, "patience")
    Traceback (most recent call last):
    ...
    ValueError: patience must be an integer >= 1, but it is 0
    """
    return None if value is None else check_count(value, name)


def check_work(count: int, limit: int, what: str, why: str) -> None:
    """Refuse unbounded work: raise ValueError if ``count`` exceeds ``limit``.

    ``what`` says what is counted and which argument makes it (``"frames
    (lam: 6 x epochs: 3)"``), ``why`` names the module constant that holds
    the limit; the message names the count and the limit.

    Examples
    --------
    >>> check_work(18, 200, "frames", "MAX_FRAMES")
    >>> check_work(1000000, 200, "frames (a: 1000 x b: 1000)", "MAX_FRAMES")
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000 frames (a: 1000 x b: 1000), more than MAX_FRAMES
    = 200
    """
    if count > limit:
        raise ValueError(
            f"this would make {shown(count)} {what}, more than {why} = {limit}"
        )


def check_seed(value: Any, name: str = "seed") -> int | None:
    """Return a random seed after checking it: a whole number >= 0, or None.

    None asks numpy for a fresh, unrepeatable start; every other seed repeats
    the same random numbers on every run.

    Examples
    --------
    >>> check_seed(7)
    7
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a whole number >= 0 (or None for an unrepeatable start),
    but it is -1
    >>> check_seed(1.5)
    Traceback (most recent call last):
    ...
    TypeError: seed must be a whole number >= 0 (or None for an unrepeatable start),
    but it is 1.5 (float)
    """
    if value is None:
        return None
    wanted = "a whole number >= 0 (or None for an unrepeatable start)"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be {wanted}, but it is {value!r} ({type(value).__name__})"
        )
    if value < 0:
        raise ValueError(f"{name} must be {wanted}, but it is {shown(int(value))}")
    return int(value)


def check_sizes(
    value: Any, name: str, *, at_least: int = 1, most: tuple[int, str] | None = None
) -> tuple[int, ...]:
    """Return layer sizes as a tuple of ints >= 1, or explain why not.

    ``most``, (most layers, the name of the constant that holds it), refuses more
    layers before any entry is read (a million entries take half a second to check).
    A list, a tuple, a ``range`` (a sequence, as scikit-learn's MLP accepts it) or a
    one-dimensional numpy array of whole numbers.

    Examples
    --------
    >>> check_sizes([2, 3, 1], "layer_sizes")
    (2, 3, 1)
    >>> check_sizes(range(1, 4), "layer_sizes"), check_sizes(np.array([4, 2]), "sizes")
    ((1, 2, 3), (4, 2))
    >>> check_sizes(3, "layer_sizes")
    Traceback (most recent call last):
    ...
    TypeError: layer_sizes must be a sequence of layer sizes such as (2, 3, 1), but it
    is 3 (int)
    >>> check_sizes([2] * 10**6, "layer_sizes", most=(1000, "MAX_LAYERS"))
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000 layers (layer_sizes with 1000000 entries), more
    than MAX_LAYERS = 1000
    """
    if not isinstance(value, (list, tuple, range, np.ndarray)):
        raise TypeError(
            f"{name} must be a sequence of layer sizes such as (2, 3, 1), but it "
            f"is {value!r} ({type(value).__name__})"
        )
    if most is not None and not (isinstance(value, np.ndarray) and value.ndim != 1):
        limit, why = most
        check_work(len(value), limit, f"layers ({name} with {len(value)} entries)", why)
    sizes = tuple(check_count(n, f"every entry of {name}") for n in value)
    if len(sizes) < at_least:
        raise ValueError(
            f"{name} must hold at least {at_least} layer "
            f"size(s), but it is {list(sizes)}"
        )
    return sizes


def check_float_arrays(value: Any, name: str, why: str) -> list[Array]:
    """``value`` as a list of float numpy arrays that the caller changes in place.

    ``why`` completes the message, e.g. ``"updated in place; an integer array cannot
    hold a step such as 0.1"``. Raises ``TypeError`` for anything else: an array instead
    of a list, or an entry that is not a float array (an integer array would round every
    small change away, and a nested list cannot be changed in place).

    Examples
    --------
    >>> check_float_arrays([np.array([1])], "params", "updated in place")
    Traceback (most recent call last):
    ...
    TypeError: params must be a list of float numpy arrays (updated in place), but entry
    0 is an array of dtype int64; convert it with np.asarray(..., dtype=float)
    """
    if isinstance(value, np.ndarray) or not isinstance(value, (list, tuple)):
        raise TypeError(
            f"{name} must be a list of float numpy arrays ({why}), such as "
            f"network.parameters(), but it is {type(value).__name__}"
        )
    for k, entry in enumerate(value):
        if not isinstance(entry, np.ndarray) or entry.dtype.kind != "f":
            got = (
                f"an array of dtype {entry.dtype}"
                if isinstance(entry, np.ndarray)
                else f"a {type(entry).__name__}"
            )
            raise TypeError(
                f"{name} must be a list of float numpy arrays ({why}), but entry "
                f"{k} is {got}; convert it with np.asarray(..., dtype=float)"
            )
    return list(value)


def sequence_of(
    check: Checker, what: str, limit: tuple[int, str, str] | None = None
) -> Checker:
    """Checker factory: a non-empty list (tuple, range, array), ``check`` per entry.

    ``what`` names the entries in the message, e.g. ``"seeds such as range(100)"``.
    ``limit``, (most entries, the name of the constant that holds it, what the entries
    make), refuses a longer sequence before any entry is checked (``range(10**9)``
    would take minutes to walk through).

    Examples
    --------
    >>> sequence_of(check_count, "counts")(3, "sizes")
    Traceback (most recent call last):
    ...
    TypeError: sizes must be a list of counts, but it is 3 (int)
    >>> runs = (100, "MAX_RUNS", "runs, one per seed")
    >>> sequence_of(check_count, "counts", runs)(range(10**9), "seeds")
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000000 runs, one per seed, more than MAX_RUNS = 100
    """

    def checker(value: Any, name: str) -> list[Any]:
        if isinstance(value, (str, bytes)) or not isinstance(
            value, (list, tuple, range, np.ndarray)
        ):
            raise TypeError(
                f"{name} must be a list of {what}, but it is "
                f"{value!r} ({type(value).__name__})"
            )
        if len(value) == 0:
            raise ValueError(f"{name} must hold at least one entry, but it is empty")
        if limit is not None:
            most, why, makes = limit
            check_work(len(value), most, makes, why)
        return [check(v, f"every entry of {name}") for v in value]

    return checker


def bounded_list(value: Any, name: str, limit: tuple[int, str, str]) -> list[Any]:
    """``value``, any iterable, as a list, refused beyond ``limit`` before it is read.

    ``limit`` is (most entries, the name of the constant that holds it, what the
    entries make), as for :func:`sequence_of`. A value that knows its length (a list,
    a tuple, a ``range``, an array) is counted before any entry is read:
    ``range(10**12)`` would take hours to walk through. An iterator (a generator) is
    read one entry past the limit and no further, so an endless one is refused too.
    The caller checks the entries (and refuses a string or a dict first, if it must).

    Examples
    --------
    >>> bounded_list((k for k in range(3)), "rows", (10, "MAX_ROWS", "rows"))
    [0, 1, 2]
    >>> bounded_list(range(10**12), "rows", (10, "MAX_ROWS", "rows"))
    Traceback (most recent call last):
    ...
    ValueError: this would make 1000000000000 rows (rows with 1000000000000 entries),
    more than MAX_ROWS = 10
    >>> bounded_list(itertools.count(), "rows", (10, "MAX_ROWS", "rows"))
    Traceback (most recent call last):
    ...
    ValueError: this would make 11 or more rows (rows, an iterator, read as far as 11
    entries), more than MAX_ROWS = 10
    """
    most, why, makes = limit
    try:
        length = len(value)
    except TypeError:  # no length to count: read one entry past the limit
        first = list(itertools.islice(value, most + 1))
        if len(first) > most:
            check_work(
                most + 1,
                most,
                f"or more {makes} ({name}, an iterator, read as far as {most + 1} "
                "entries)",
                why,
            )
        return first
    check_work(length, most, f"{makes} ({name} with {length} entries)", why)
    return list(value)


def plane_points(value: Any, name: str) -> Array:
    """Checker: points of the plane, shape ``(n, 2)``, one per row.

    Examples
    --------
    >>> plane_points([[1.0, 2.0, 3.0]], "X")
    Traceback (most recent call last):
    ...
    ValueError: X must hold 2-D points, shape (n, 2), but it has shape (1, 3)
    """
    points = as_array(value, name, ndim=2)
    if points.shape[1] != 2:
        raise ValueError(
            f"{name} must hold 2-D points, shape (n, 2), "
            f"but it has shape {points.shape}"
        )
    return points


def check_fitted(model: Any, attribute: str, how: str) -> None:
    """Raise :class:`NotFittedError` unless ``model`` has the ``attribute`` fit sets.

    ``how`` says what to call first, e.g. ``"call fit(X, t) before predict or score"``.
    """
    if not hasattr(model, attribute):
        error = scikit_learn_twin(NotFittedError, "NotFittedError")
        raise error(f"This {type(model).__name__} is not fitted yet: {how}")


def check_binary(values: Array, name: str) -> None:
    """Raise ``ValueError`` unless every entry is 0 or 1.

    Examples
    --------
    >>> check_binary(np.array([0., 1., 2.]), "t")
    Traceback (most recent call last):
    ...
    ValueError: t must contain only the labels 0 and 1, but it contains 2.0
    """
    bad = (values != 0) & (values != 1)
    if bad.any():
        raise ValueError(
            f"{name} must contain only the labels 0 and 1, "
            f"but it contains {float(values[bad][0])!r}"
        )


def check_probability_rows(
    values: Array, name: str, dtype: DTypeLike | None = None
) -> None:
    r"""Raise ``ValueError`` unless ``values`` is 2-D, with rows >= 0 that sum to 1.

    One-hot rows (a class label coded as a row of 0s with one 1) are the
    usual case. A row's sum may miss 1 by :func:`probability_tolerance`: 1e-9, or
    a few machine epsilons of ``dtype`` per level of a pairwise sum of the row
    (:math:`8\,\varepsilon\,(\lceil\log_2 n\rceil + 1)`) when that is more, so
    that float32 and float16 softmax outputs (``dtype``, the data's type before it was
    made float64; default ``values.dtype``), whose sums miss 1 by an epsilon or a few,
    pass, and a row far from 1 does not, however long. The refusal
    prints the sum with every digit it needs and names the tolerance.

    Examples
    --------
    >>> check_probability_rows(np.array([[0., 1.], [0.25, 0.75]]), "t")
    >>> check_probability_rows(np.array([[1., 1.]]), "t")
    Traceback (most recent call last):
    ...
    ValueError: t must hold one row of probabilities per sample (non-negative, summing
    to 1), but row 0 sums to 2 (further from 1 than the tolerance, 1e-09)
    >>> check_probability_rows(np.array([[0.3333333] * 3]), "t")
    Traceback (most recent call last):
    ...
    ValueError: t must hold one row of probabilities per sample (non-negative, summing
    to 1), but row 0 sums to 0.9999998999999999 (further from 1 than the tolerance,
    1e-09)
    """
    if values.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D, one row of probabilities per sample, but it has "
            f"shape {values.shape}"
        )
    if (values < 0).any():
        raise ValueError(
            f"{name} must hold probabilities (non-negative), but it contains "
            f"{float(values[values < 0][0])!r}"
        )
    sums = values.sum(axis=1)
    tolerance = probability_tolerance(
        values.dtype if dtype is None else dtype, values.shape[1]
    )
    bad = np.abs(sums - 1.0) > tolerance
    if bad.any():
        row = int(np.argmax(bad))
        raise ValueError(
            f"{name} must hold one row of probabilities per sample (non-negative, "
            f"summing to 1), but row {row} sums to {exactly(sums[row])} (further "
            f"from 1 than the tolerance, {exactly(tolerance)})"
        )


def probability_tolerance(dtype: DTypeLike, row_length: int) -> float:
    r"""How far a row of ``row_length`` probabilities of ``dtype`` may sum from 1.

    1e-9, or :math:`8\,\varepsilon\,(\lceil\log_2 n\rceil + 1)` for rows of
    :math:`n` entries of a type of machine epsilon :math:`\varepsilon` when that is
    more. A softmax computed in that type misses 1 by two roundings: each entry is
    rounded by at most :math:`\varepsilon/2` of itself, so the entries, which sum to
    1, together by at most :math:`\varepsilon/2`; and the sum that divides them is
    off by the error of numpy's pairwise summation, about :math:`\varepsilon` per
    level of its tree, :math:`\lceil\log_2 n\rceil` levels. Eight epsilons per
    level leave room for the exponentials' own roundings and still keep the
    tolerance a few epsilons: float16 rows of 100 entries may miss 1 by 0.0625, not
    0.39 (which let a row summing to 0.70 through), float32 rows of 100,000 by 1.7e-5.
    The row is summed in float64 (the check converts first), which adds nothing
    at this scale. A type that is no float (whole-number targets) counts as float64.

    Examples
    --------
    >>> probability_tolerance(np.float64, 3), probability_tolerance(np.float32, 3)
    (1e-09, 2.86102294921875e-06)
    >>> probability_tolerance(np.float16, 100)
    0.0625
    """
    kind = np.dtype(dtype)
    eps = float(np.finfo(kind).eps) if kind.kind == "f" else float(np.finfo(float).eps)
    levels = math.ceil(math.log2(max(row_length, 1))) + 1
    return max(1e-9, 8 * eps * levels)


def exactly(value: Any) -> str:
    """A number as a refusal shows it: ``:g`` when that is the number, else ``repr``.

    ``f"{x:g}"`` keeps six digits, so 0.9999999 and 1.0000001 both read "1", hiding
    the very difference a check refuses; this prints every digit the float needs.

    Examples
    --------
    >>> exactly(2.0), exactly(0.9999999), exactly(np.float64(1.0000000149011612))
    ('2', '0.9999999', '1.0000000149011612')
    """
    number = float(value)
    short = f"{number:g}"
    return short if float(short) == number else repr(number)


def apart(value: Any, other: Any, digits: int = 3) -> str:
    """``value`` to ``digits`` significant digits or more, never reading as ``other``.

    Two numbers a message sets side by side ("the error went from 0.01 to 0.01")
    must not print the same when they differ: ``value`` gets the fewest digits, from
    ``digits`` up, at which it and ``other`` print apart (every digit, ``repr``, at
    most). An expected value of 0.99875 is "0.9988" to four digits, not "1.00".

    Examples
    --------
    >>> apart(0.99875, 1.0, 4), apart(1.0000004, 1.0), apart(4.0, 1.0)
    ('0.9988', '1.0000004', '4')
    """
    value, other = float(value), float(other)
    for more in range(digits, 17):
        text = f"{value:.{more}g}"
        if value == other or text != f"{other:.{more}g}":
            return text
    return repr(value)


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used for prediction before ``fit``.

    A subclass of both ``ValueError`` and ``AttributeError``, like
    scikit-learn's exception of the same name, so code that catches either
    keeps working.

    Examples
    --------
    >>> (issubclass(NotFittedError, ValueError)
    ...  and issubclass(NotFittedError, AttributeError))
    True
    """


class DataConversionWarning(UserWarning):
    """Warns that data was converted to the shape a function needs (as sklearn does).

    :class:`~ffnn_edu.nn.classifier.NetworkClassifier` gives it for labels passed as a
    column, shape ``(n, 1)``, which it reads as the 1-D labels they hold.
    """


class UnknownNameError(ValueError, TypeError):
    """An unknown name (a misspelt keyword or parameter, a key of a dict of settings).

    Python calls a misspelt keyword a ``TypeError`` ("got an unexpected keyword
    argument"); scikit-learn's ``set_params`` calls an unknown parameter a
    ``ValueError``. The package refuses with this one error (raised by
    :func:`known_names`) an unknown keyword of its public classes and of its
    ``@checked`` functions, an unknown key of a dict of settings, and an unknown
    parameter of ``set_params``; a plain (undecorated) function keeps Python's own
    ``TypeError``. The error is both, as numpy's
    ``AxisError`` is both a ``ValueError`` and an ``IndexError``: an ``except``
    clause written for either convention catches it. An unknown *value* of a
    name-like argument (``activation="Relu"``) is a plain ``ValueError``.

    Examples
    --------
    >>> [issubclass(UnknownNameError, error) for error in (TypeError, ValueError)]
    [True, True]
    """


def did_you_mean(value: Any, known: Iterable[str]) -> str:
    """The close of a refusal of an unknown name: ``"; did you mean 'glorot'?"`` or "".

    Names are matched exactly (as scikit-learn does: ``"ReLU"`` is no activation);
    this only points a near miss, a capital letter or a typo, at the name meant, found
    by ``difflib.get_close_matches`` at a similarity of 0.75 (its default, 0.6,
    took ``"sgd"`` for ``"sigmoid"``). Every refusal of an unknown value of a
    name-like argument (``activation="Relu"``, a ``ValueError``) ends with it, and so
    does every refusal of an unknown name (:func:`known_names`).

    Examples
    --------
    >>> did_you_mean("Glorot", ["lecun", "glorot", "he"])
    "; did you mean 'glorot'?"
    >>> did_you_mean("sigmiod", ["sigmoid", "tanh"])
    "; did you mean 'sigmoid'?"
    >>> did_you_mean("sgd", ["sigmoid", "tanh"]), did_you_mean(3, ["l1", "l2"])
    ('', '')
    """
    if not isinstance(value, str):
        return ""
    names = {name.lower(): name for name in known}
    close = difflib.get_close_matches(value.lower(), list(names), n=1, cutoff=0.75)
    return f"; did you mean {names[close[0]]!r}?" if close else ""


def suggest_name(
    value: Any, known: Iterable[str], other_names: dict[str, tuple[str, str]]
) -> str:
    """The close of a refusal of a name known elsewhere: which of ``known`` is meant.

    ``other_names`` maps a name another library or paper uses (lower case, ``_`` for
    ``-`` and spaces) to (what it names, the package's name). For such a name whose
    package name is among ``known``: what it names and the package's name; otherwise
    :func:`did_you_mean` (a near miss), or "". The name is still refused: the
    package keeps one vocabulary.

    Examples
    --------
    >>> names = {"xavier": ("another name for Glorot's rule", "glorot")}
    >>> suggest_name("Xavier", ["lecun", "glorot"], names)
    "; 'Xavier' is another name for Glorot's rule: here 'glorot'"
    >>> suggest_name("glorrot", ["glorot"], names), suggest_name("xavier", ["he"], {})
    ("; did you mean 'glorot'?", '')
    """
    known = list(known)
    if isinstance(value, str):
        key = value.strip().lower().replace("-", "_").replace(" ", "_")
        if key in other_names and other_names[key][1] in known:
            means, name = other_names[key]
            return f"; {value!r} is {means}: here {name!r}"
    return did_you_mean(value, known)


class KnownKeywords:
    """A base class whose subclasses refuse an unknown keyword by :func:`known_names`.

    Every subclass's own ``__init__`` is wrapped, not replaced
    (``inspect.signature``, scikit-learn's ``clone`` and Sphinx read its
    parameters), so a family of classes (the optimizers, the
    schedules) is covered by its root, and a subclass that inherits its ``__init__``
    (``Nesterov``) is named in the refusal, not the class that wrote it. A
    dataclass gets its ``__init__`` after the class is made, so it takes the
    decorator :func:`refuses_unknown_keywords` instead.

    Examples
    --------
    >>> class Rate(KnownKeywords):
    ...     def __init__(self, eta=0.1):
    ...         self.eta = eta
    >>> class Faster(Rate): ...
    >>> Faster(lr=0.5)
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: Faster() got an unknown keyword argument
    'lr'; the only keyword argument is eta; 'lr' is PyTorch's learning rate: here
    'eta'
    """

    def __init__(self) -> None:
        """Take no arguments (wrapped below, as a subclass's ``__init__`` is)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Wrap the subclass's own ``__init__`` (one it inherits is wrapped already)."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is not None:
            cls.__init__ = _refusing_unknown_keywords(init)  # type: ignore[method-assign]


KnownKeywords.__init__ = _refusing_unknown_keywords(  # type: ignore[method-assign]
    KnownKeywords.__init__
)


class HyperParameters(KnownKeywords):
    """``get_params`` / ``set_params`` in scikit-learn's style, without scikit-learn.

    For a class whose ``__init__`` stores each of its arguments, unchanged, under
    the argument's name (scikit-learn's convention): those names are the
    hyper-parameters. ``clone``, a ``Pipeline`` and ``GridSearchCV`` read and set
    them through these two methods. :class:`~ffnn_edu.nn.classifier.NetworkClassifier`
    and :class:`~ffnn_edu.nn.preprocessing.Standardizer` use it. As a
    :class:`KnownKeywords`, its constructor refuses an unknown keyword as
    ``set_params`` refuses an unknown parameter.

    Examples
    --------
    >>> class Scaled(HyperParameters):
    ...     def __init__(self, factor=2.0):
    ...         self.factor = factor
    >>> Scaled(3.0).get_params()
    {'factor': 3.0}
    >>> Scaled().set_params(factor=5.0).factor
    5.0
    >>> Scaled().set_params(factr=5.0)
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: Scaled.set_params() got an unknown
    parameter 'factr'; the only parameter is factor; did you mean 'factor'?
    >>> Scaled(factr=5.0)  # refused as set_params refuses it, not by Python
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: Scaled() got an unknown keyword argument
    'factr'; the only keyword argument is factor; did you mean 'factor'?
    """

    @classmethod
    def _param_names(cls) -> list[str]:
        return [
            name
            for name in inspect.signature(cls.__init__).parameters
            if name not in ("self", "args", "kwargs")
        ]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The hyper-parameters, by name (``deep``: accepted for scikit-learn)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Any:
        """Set hyper-parameters by name; returns ``self``.

        Raises
        ------
        UnknownNameError
            For a name that is not a hyper-parameter (a ``ValueError``, as
            scikit-learn raises, and a ``TypeError``); by :func:`known_names`.
        """
        known_names(
            params,
            self._param_names(),
            f"{type(self).__name__}.set_params()",
            "parameter",
        )
        for name, value in params.items():
            setattr(self, name, value)
        return self


def _in_words(names: Sequence[str]) -> str:
    """Names as a reader lists them: "eta", "eta and lam", "eta, lam and mu"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


#: Keywords other libraries give the package's parameters, each with what it names
#: and the package's keyword (the symbols of ``book/notation.md``): a refusal by
#: :func:`known_names` of one of them points at the keyword meant, where the function
#: called has it. They are refused, not accepted: the package keeps one vocabulary.
OTHER_KEYWORDS: dict[str, tuple[str, str]] = {
    "learning_rate": ("the learning rate of scikit-learn and Keras", "eta"),
    "learning_rate_init": ("scikit-learn's learning rate", "eta"),
    "lr": ("PyTorch's learning rate", "eta"),
    "momentum": ("the momentum rate of scikit-learn, Keras and PyTorch", "mu"),
    "alpha": ("scikit-learn's strength of the L2 penalty", "lam"),
    "weight_decay": ("PyTorch's strength of the L2 penalty", "lam"),
    "lambda": ("the strength of the penalty", "lam"),
    "l2": ("the strength of an L2 penalty", "lam"),
    "beta": ("the momentum rate of some texts (Ng's course)", "mu"),
    "max_iter": ("scikit-learn's number of epochs", "epochs"),
    "n_epochs": ("the number of epochs", "epochs"),
    "hidden_layers": ("the sizes of the hidden layers", "hidden_layer_sizes"),
    "solver": ("scikit-learn's choice of optimizer", "optimizer"),
    "random_state": ("scikit-learn's seed", "seed"),
    "eps": ("PyTorch's small number in the denominator", "epsilon"),
    "beta_1": ("Keras's decay rate of Adam's mean", "beta1"),
    "beta_2": ("Keras's decay rate of Adam's squares", "beta2"),
    "gamma": ("PyTorch's factor of a step decay", "factor"),
    "step_size": ("PyTorch's number of epochs between steps", "every"),
    "p": ("PyTorch's dropout probability", "rate"),
}


#: A table of settings that belong to another argument: a keyword (or the
#: :data:`OTHER_KEYWORDS` name of one) to what it sets and where it goes, with ``{}``
#: for the value given, for :func:`known_names` (``train``'s ``eta`` is a setting of
#: its optimizer).
Elsewhere = Mapping[str, tuple[str, str]]


def _put_elsewhere(name: Any, given: Iterable[Any], elsewhere: Elsewhere) -> str:
    """The close of a refusal of ``name``, a setting of another argument, or "".

    Examples
    --------
    >>> table = {"eta": ("a setting of the optimizer", "GradientDescent(eta={})")}
    >>> _put_elsewhere("lr", {"lr": 0.5}, table)
    "; 'lr' is PyTorch's learning rate, here eta, a setting of the optimizer:
    GradientDescent(eta=0.5)"
    """
    if not isinstance(name, str):
        return ""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    value = given[name] if isinstance(given, Mapping) else None
    shown = "..." if value is None or callable(value) else repr(value)
    if key in elsewhere:
        what, where = elsewhere[key]
        return f"; {name} is {what}: {where.format(shown)}"
    if key in OTHER_KEYWORDS and OTHER_KEYWORDS[key][1] in elsewhere:
        means, meant = OTHER_KEYWORDS[key]
        what, where = elsewhere[meant]
        return f"; {name!r} is {means}, here {meant}, {what}: {where.format(shown)}"
    return ""


def known_names(
    given: Iterable[Any],
    accepted: Iterable[str],
    caller: str,
    noun: str,
    elsewhere: Elsewhere | None = None,
) -> None:
    """Refuse the names of ``given`` that are not ``accepted``: the one rule.

    Every unknown name the package refuses goes through here: a misspelt keyword of
    a ``@checked`` function or of a public class's constructor
    (``NetworkClassifier(etaa=0.1)``, by :class:`KnownKeywords` or
    :func:`refuses_unknown_keywords`), an unknown parameter of ``set_params``
    (:class:`HyperParameters`), a key of a dict of settings or sliders. A plain
    (undecorated) function is not covered: Python refuses its keywords. The
    message has one shape: the caller, the unknown name(s), the names accepted in
    words, and the pointer of :func:`suggest_name`: the package's keyword for a
    name of another library (:data:`OTHER_KEYWORDS`: ``lr`` is ``eta``), or the
    near miss of :func:`did_you_mean`.

    Parameters
    ----------
    given : iterable of str
        The names given (the keys of a dict, the keywords of a call).
    accepted : iterable of str
        The names accepted, in the order the message lists them.
    caller : str
        Who refuses: ``"NetworkClassifier()"``, ``"training_explorer()"``,
        ``"SliderFigure(labels=...)"``.
    noun : str
        What a name is, in the singular: ``"keyword argument"``, ``"slider"``.
    elsewhere : mapping, optional
        Settings that belong to another argument of the caller (:data:`Elsewhere`,
        ``train``'s ``eta`` goes to its optimizer): such a name, or another
        library's name of one, is pointed where it goes, with the value given.

    Raises
    ------
    UnknownNameError
        If a name of ``given`` is not accepted (a ``TypeError`` and a
        ``ValueError``).

    Examples
    --------
    >>> known_names(["etaa"], ["eta", "lam", "mu"], "sliders", "slider")
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: sliders got an unknown slider 'etaa'; the
    sliders are eta, lam and mu; did you mean 'eta'?
    >>> known_names(["lr", "hiden"], ["eta", "hidden"], "f()", "keyword argument")
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: f() got unknown keyword arguments 'lr'
    and 'hiden'; the keyword arguments are eta and hidden; 'lr' is PyTorch's learning
    rate: here 'eta'
    >>> known_names(["learning_rate"], ["eta", "mu"], "Momentum()", "keyword argument")
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: Momentum() got an unknown keyword argument
    'learning_rate'; the keyword arguments are eta and mu; 'learning_rate' is the
    learning rate of scikit-learn and Keras: here 'eta'
    >>> known_names(["eta"], ["eta", "lam"], "sliders", "slider")
    >>> table = {"lam": ("a setting of the penalty", "regularizer=Regularizer('l2', "
    ...                  "lam={})")}
    >>> known_names({"alpha": 0.01}, ["regularizer"], "fit()", "keyword argument",
    ...             table)
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: fit() got an unknown keyword argument
    'alpha'; the only keyword argument is regularizer; 'alpha' is scikit-learn's
    strength of the L2 penalty, here lam, a setting of the penalty:
    regularizer=Regularizer('l2', lam=0.01)
    """
    names = list(accepted)
    unknown = [name for name in given if name not in names]
    if not unknown:
        return
    got = (
        f"an unknown {noun} {unknown[0]!r}"
        if len(unknown) == 1
        else f"unknown {noun}s {_in_words([repr(name) for name in unknown])}"
    )
    which = (
        f"the {noun}s are {_in_words(names)}"
        if len(names) > 1
        else f"the only {noun} is {names[0]}"
        if names
        else f"it takes no {noun}s"
    )
    pointers = (
        _put_elsewhere(n, given, elsewhere or {})
        or suggest_name(n, names, OTHER_KEYWORDS)
        for n in unknown
    )
    close = next((c for c in pointers if c), "")
    raise UnknownNameError(f"{caller} got {got}; {which}{close}")


def settings_of(function: Callable[..., Any]) -> list[str]:
    """The keyword-only parameters of ``function`` (a class: of its ``__init__``).

    Examples
    --------
    >>> def draw(x, *, width=1, colour="red"): ...
    >>> settings_of(draw)
    ['width', 'colour']
    """
    if isinstance(function, type):
        function = function.__init__  # type: ignore[misc]
    return [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1: "1 feature", "3 features".

    For the messages that count things; ``plural`` for a noun that does not take an
    "s" ("1 class", "2 classes").

    Examples
    --------
    >>> counted(1, "feature"), counted(3, "feature"), counted(2, "class", "classes")
    ('1 feature', '3 features', '2 classes')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


#: The package's folder: frames of code in it are not the caller a warning names.
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def warn_caller(message: str | Warning, category: type[Warning] = UserWarning) -> None:
    """Warn with ``message``, pointing at the first line outside ``ffnn_edu``.

    ``message`` may be a warning itself (then of its own class, ``category`` unused),
    as for the scikit-learn twins of :func:`scikit_learn_twin`.

    A fixed ``stacklevel`` names the wrong line once a check declared with
    :func:`checked` or another of the package's functions sits in between (a warning
    from ``train`` called by ``NetworkClassifier.fit`` belongs to the line that
    called ``fit``).
    """
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level + 1)


_Kind = TypeVar("_Kind", bound=type)


def scikit_learn_twin(kind: _Kind, name: str) -> _Kind:
    """``kind``, or, once sklearn is loaded, a subclass of it and of sklearn's ``name``.

    :class:`NotFittedError` and :class:`DataConversionWarning` are the package's own (it
    does not depend on scikit-learn), but code written for scikit-learn catches or
    filters ``sklearn.exceptions.NotFittedError`` and ``DataConversionWarning``. When
    the caller has loaded scikit-learn (``sklearn.exceptions`` is in ``sys.modules``;
    nothing is imported here), what is raised or warned is an instance of both classes,
    so either ``except`` clause or warnings filter catches it.

    Examples
    --------
    >>> error = scikit_learn_twin(NotFittedError, "NotFittedError")
    >>> issubclass(error, NotFittedError), error.__name__  # scikit-learn or not
    (True, 'NotFittedError')
    """
    theirs = getattr(sys.modules.get("sklearn.exceptions"), name, None)
    if not isinstance(theirs, type) or issubclass(kind, theirs):
        return kind
    return cast(_Kind, _twin(cast(type, kind), theirs))


@functools.cache
def _twin(ours: type, theirs: type) -> type:
    """One class per pair, so that raising twice raises the same class."""
    return type(ours.__name__, (ours, theirs), {"__module__": ours.__module__})


def as_labels(value: Any, name: str) -> np.ndarray:
    """Return class labels (numbers or strings) as a non-empty 1-D array.

    Numeric labels must be finite. Labels given as Python objects (a list,
    or an object array such as pandas gives) must all be of one kind: all
    strings, all bytes, all booleans or all numbers; they come back as an
    array of that kind.

    Raises
    ------
    InputTypeError
        For labels of mixed kinds (``[1, "a"]``), or of no kind a label can
        be (``None``), or for something that is no list of labels at all (None,
        a dict, a single string): a ``TypeError`` and a ``ValueError`` alike
        (scikit-learn refuses them with a ``ValueError``, "Mix of label input types").
    ValueError
        For a shape other than 1-D, no labels, or NaN or infinity.

    Examples
    --------
    >>> as_labels(["yes", "no", "yes"], "y")
    array(['yes', 'no', 'yes'], dtype='<U3')
    >>> as_labels(np.array(["yes", "no"], dtype=object), "y")
    array(['yes', 'no'], dtype='<U3')
    >>> as_labels([[0, 1]], "y")
    Traceback (most recent call last):
    ...
    ValueError: y must be 1-D, one class label per sample, but it has shape (1, 2)
    >>> as_labels([1, "a"], "y")
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.InputTypeError: y must hold labels of one kind (all numbers,
    all strings, all bytes or all booleans), but it mixes int, str
    """
    labels = np.asarray(value)
    # None, a dict, one string: no list
    if labels.ndim == 0 and labels.dtype.kind in "OUSV":
        raise InputTypeError(
            f"{name} must be a list or 1-D array of class labels, but it is "
            f"{value!r} ({type(value).__name__})"
        )
    if labels.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D, one class label per sample, "
            f"but it has shape {labels.shape}"
        )
    if labels.size == 0:
        raise ValueError(f"{name} must hold at least one label, but it is empty")
    if labels.dtype.kind in "OUS":
        # the labels as given: np.asarray([1, "a"]) has already turned 1 into "1"
        items = (
            labels.tolist()
            if labels.dtype.kind == "O" or isinstance(value, np.ndarray)
            else list(value)
        )
        kinds = {_label_kind(v) for v in items}
        if len(kinds) != 1 or None in kinds:
            names = sorted({type(v).__name__ for v in items})
            how = "mixes" if len(names) > 1 else "holds"
            raise InputTypeError(
                f"{name} must hold labels of one kind (all numbers, all strings, "
                f"all bytes or all booleans), but it {how} {', '.join(names)}"
            )
        if labels.dtype.kind == "O":
            labels = np.array(items)
    if labels.dtype.kind in "fc":
        as_array(labels, name)  # refuses NaN and infinity
    return labels


def _label_kind(value: Any) -> str | None:
    """The kind of a class label: "str", "bytes", "bool", "number", or None for none."""
    if isinstance(value, str):
        return "str"
    if isinstance(value, bytes):
        return "bytes"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, numbers.Number):
        return "number"
    return None


# --- the @checked pattern -------------------------------------------------------------

#: A checker of ``@checked``: ``checker(value, name)`` returns the checked value.
Checker = Callable[[Any, str], Any]
#: A relation of ``@checked``: it checks (and may replace) the checked arguments.
Relation = Callable[[dict[str, Any]], None]
P = ParamSpec("P")  # a decorated function's parameters, kept exactly for type checkers
R = TypeVar("R")  # and its return type


class SettingsElsewhere:
    """Relation for ``@checked``: where the settings of other arguments go.

    Made by :func:`settings_elsewhere`; an unknown keyword of its table is refused
    by :func:`known_names` with a pointer to the argument it belongs to.
    """

    def __init__(self, table: Elsewhere) -> None:
        self.table = table

    def __call__(self, arguments: dict[str, Any]) -> None:
        """Nothing to check (the table is read when a keyword is refused)."""


def settings_elsewhere(table: Elsewhere) -> SettingsElsewhere:
    """Relation: point a keyword of ``table`` at the argument it belongs to.

    Examples
    --------
    >>> where = {"eta": ("a setting of the optimizer", "optimizer=Rate(eta={})")}
    >>> @checked(settings_elsewhere(where))
    ... def fit(x, *, optimizer=None):
    ...     return x
    >>> fit(1.0, eta=0.5)
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: fit() got an unknown keyword argument
    'eta'; the keyword arguments are x and optimizer; eta is a setting of the
    optimizer: optimizer=Rate(eta=0.5)
    """
    return SettingsElsewhere(table)


class NoOverflow:
    """Relation for ``@checked``: an overflow in the body becomes a clear ValueError.

    Made by :func:`no_overflow`. Where a result is too large for a float
    (beyond about :math:`1.8 \\times 10^{308}`), numpy would print a
    ``RuntimeWarning`` and hand back infinity or NaN; a function declared with
    this relation refuses instead, with ``explain`` naming the arguments that
    were too large.
    """

    def __init__(self, explain: str) -> None:
        self.explain = explain

    def __call__(self, arguments: dict[str, Any]) -> None:
        """Nothing to check before the call (the body is guarded by :func:`checked`)."""


def no_overflow(explain: str) -> NoOverflow:
    """Relation: refuse a result that overflows, with the message ``explain``.

    Examples
    --------
    >>> @checked(no_overflow("x is too large to square"), x=scalar)
    ... def square(x):
    ...     return np.float64(x) ** 2
    >>> square(1e200)
    Traceback (most recent call last):
    ...
    ValueError: x is too large to square (a result beyond the largest float, about
    1.8e308)
    """
    return NoOverflow(explain)


def _called(name: str, method: str, args: tuple[Any, ...]) -> str:
    """The name a learner called, for a refusal.

    The class of ``self`` for an ``__init__`` (a subclass that inherits it,
    ``Nesterov``), the object's name for a ``__call__`` (the loss ``half_sse``), else
    ``name``.
    """
    if method == "__init__" and args:
        return type(args[0]).__name__
    if method == "__call__" and args:
        own = getattr(args[0], "name", None)
        return own if isinstance(own, str) else type(args[0]).__name__
    return name


def checked(
    *relations: Relation, **checkers: Checker
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare how a function's arguments are checked, so its body can be pure maths.

    Parameters
    ----------
    *relations : callable
        ``relation(arguments)``, called with the dictionary of checked
        arguments after every checker has run; raises ``ValueError`` when two
        arguments do not fit together, and may replace entries.
    **checkers : callable
        ``name=checker``: ``checker(value, name)`` returns the checked,
        converted value of the parameter ``name``.

    Raises
    ------
    TypeError
        At decoration time, if a checker names a parameter the function does
        not have.

    Examples
    --------
    >>> @checked(rows_match("x", "t"), x=samples, t=values, eta=positive)
    ... def step(x, t, eta):
    ...     return eta * x.T @ t
    >>> step([[1.0, 2.0]], 3.0, eta=0.5)
    array([1.5, 3. ])
    >>> step([[1.0, 2.0]], [3.0, 4.0], eta=0.5)
    Traceback (most recent call last):
    ...
    ValueError: x and t must have the same number of rows (samples), but they have 1 and
    2
    >>> step.__wrapped__(np.array([[1.0, 2.0]]), np.array([3.0]), 0.5)
    array([1.5, 3. ])
    >>> step([[1.0]], 3.0, eta=0.5, lr=0.1)  # named with the function's keywords
    Traceback (most recent call last):
    ...
    ffnn_edu.nn.validation.UnknownNameError: step() got an unknown keyword argument
    'lr'; the keyword arguments are x, t and eta; 'lr' is PyTorch's learning rate:
    here 'eta'
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(function)
        unknown = set(checkers) - set(signature.parameters)
        if unknown:
            raise TypeError(
                f"checked: {function.__qualname__} has no "
                f"parameter(s) {', '.join(sorted(unknown))}"
            )
        guard = next((r for r in relations if isinstance(r, NoOverflow)), None)
        table = next(
            (r.table for r in relations if isinstance(r, SettingsElsewhere)), None
        )
        # an __init__ is called by its class's name
        qualified = function.__qualname__.split(".")
        called = qualified[-2] if function.__name__ == "__init__" else function.__name__
        kinds = (
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            inspect.Parameter.KEYWORD_ONLY,
        )
        parameters = list(signature.parameters.values())
        keywords = (
            None  # any keyword is accepted
            if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)
            else [p.name for p in parameters if p.kind in kinds and p.name != "self"]
        )

        body: Callable[..., R] = (
            function  # called with the checked, converted arguments
        )

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as error:  # Python's own words lack the function's name
                caller = _called(called, function.__name__, args)
                if keywords is not None:  # a misspelt keyword: the one meant, and all
                    known_names(
                        kwargs, keywords, f"{caller}()", "keyword argument", table
                    )
                raise TypeError(f"{caller}() {error}") from None
            bound.apply_defaults()
            arguments = bound.arguments
            for name, checker in checkers.items():
                arguments[name] = checker(arguments[name], name)
            for relation in relations:
                relation(arguments)
            if guard is None:
                return body(*bound.args, **bound.kwargs)
            try:
                with np.errstate(over="raise", invalid="raise"):
                    return body(*bound.args, **bound.kwargs)
            except FloatingPointError:
                raise ValueError(
                    f"{guard.explain} (a result beyond "
                    "the largest float, about 1.8e308)"
                ) from None

        # the declared relations, for a method that checks what another one would
        # (an optimizer's ``update`` runs the relations of its ``step``)
        wrapper.relations = relations  # type: ignore[attr-defined]
        return wrapper

    return decorate


def unchecked(function: Callable[P, R]) -> Callable[P, R]:
    """The body of a ``@checked`` function or bound method without its checks: a kernel.

    For a loop whose data was checked once: calling the kernel skips the
    checks, which would otherwise run at every step. A function that is not
    ``@checked`` is returned as it is.

    Parameters
    ----------
    function : callable
        A function declared with :func:`checked`, or a method of an object
        (``optimizer.step``) declared with it.

    Returns
    -------
    callable
        The same parameters and result as ``function``, without the checks
        (for a bound method, bound to the same object).

    Examples
    --------
    >>> @checked(eta=positive)
    ... def step(w, eta):
    ...     return w - eta
    >>> step(1.0, eta=-0.5)
    Traceback (most recent call last):
    ...
    ValueError: eta must be > 0, but it is -0.5
    >>> unchecked(step)(1.0, eta=-0.5)      # the caller vouches for its arguments
    1.5
    >>> class Scale:
    ...     @checked(x=scalar)
    ...     def times(self, x):
    ...         return 3 * x
    >>> unchecked(Scale().times)(2.0)
    6.0
    """
    if inspect.ismethod(function):
        body = getattr(function.__func__, "__wrapped__", function.__func__)
        return cast(Callable[P, R], functools.partial(body, function.__self__))
    return cast(Callable[P, R], getattr(function, "__wrapped__", function))


def array(value: Any, name: str) -> Array:
    """Checker: a non-empty array of finite numbers, any shape (:func:`as_array`)."""
    return as_array(value, name)


def vector(value: Any, name: str) -> Array:
    """Checker: a 1-D array of finite numbers.

    Examples
    --------
    >>> vector([[1.0]], "w")
    Traceback (most recent call last):
    ...
    ValueError: w must have 1 dimension(s), but it has shape (1, 1)
    """
    return as_array(value, name, ndim=1)


def matrix(value: Any, name: str) -> Array:
    """Checker: a 2-D array of finite numbers."""
    return as_array(value, name, ndim=2)


def samples(value: Any, name: str) -> Array:
    """Checker: a sample per row (a 1-D input is one sample); see :func:`as_samples`."""
    return as_samples(value, name)


def values(value: Any, name: str) -> Array:
    """Checker: one number, or one number per sample, as a 1-D array.

    Examples
    --------
    >>> values(3.0, "t")
    array([3.])
    """
    return as_array(value, name, ndim=(0, 1)).reshape(-1)


def probabilities(value: Any, name: str) -> Array:
    """Checker: as :func:`values`, with every entry in [0, 1] (targets of a sigmoid).

    Examples
    --------
    >>> probabilities([0.0, 2.0], "t")
    Traceback (most recent call last):
    ...
    ValueError: t must lie in [0, 1] (a sigmoid output can only reach that range),
    but it contains 2.0
    """
    numbers_ = values(value, name)
    outside = (numbers_ < 0) | (numbers_ > 1)
    if outside.any():
        raise ValueError(
            f"{name} must lie in [0, 1] (a sigmoid output can only reach that "
            f"range), but it contains {float(numbers_[outside][0])!r}"
        )
    return numbers_


def scalar(value: Any, name: str) -> float:
    """Checker: a single finite number (a Python number or a 0-d array).

    Examples
    --------
    >>> scalar(np.float64(0.5), "b")
    0.5
    """
    return float(as_array(value, name, ndim=0))


def positive(value: Any, name: str) -> float:
    """Checker: a number > 0, such as a learning rate.

    Examples
    --------
    >>> positive(0, "eta")
    Traceback (most recent call last):
    ...
    ValueError: eta must be > 0, but it is 0
    """
    return check_number(value, name, low=0.0, low_inclusive=False)


def seed(value: Any, name: str) -> int | None:
    """Checker: a random seed, a whole number >= 0 or None (see :func:`check_seed`)."""
    return check_seed(value, name)


def count(value: Any, name: str) -> int:
    """Checker: a whole number >= 1, e.g. a count of epochs (:func:`check_count`)."""
    return check_count(value, name)


def flag(value: Any, name: str) -> bool:
    """Checker: True or False (``bool("False")`` is True, so a string is refused).

    Examples
    --------
    >>> flag(np.True_, "shuffle")
    True
    >>> flag("no", "shuffle")
    Traceback (most recent call last):
    ...
    TypeError: shuffle must be True or False, but it is 'no' (str)
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{name} must be True or False, but it is "
            f"{value!r} ({type(value).__name__})"
        )
    return bool(value)


def instance_of(kind: type, *, optional: bool = False) -> Checker:
    """Checker factory: an object of class ``kind`` (or None if ``optional``).

    Examples
    --------
    >>> instance_of(int)("3", "n")
    Traceback (most recent call last):
    ...
    TypeError: n must be a int, but it is '3' (str)
    """

    def checker(value: Any, name: str) -> Any:
        if (value is None and optional) or isinstance(value, kind):
            return value
        raise TypeError(
            f"{name} must be a {kind.__name__}{' or None' if optional else ''}, "
            f"but it is {value!r} ({type(value).__name__})"
        )

    return checker


def label(value: Any, name: str) -> float:
    """Checker: one class label, 0 or 1.

    Examples
    --------
    >>> label(2, "t")
    Traceback (most recent call last):
    ...
    ValueError: t must contain only the labels 0 and 1, but it contains 2.0
    """
    number = as_array(value, name, ndim=0)
    check_binary(number.reshape(1), name)
    return float(number)


def binary_labels(value: Any, name: str) -> Array:
    """Checker: a 1-D array of class labels 0 and 1, one per sample.

    Examples
    --------
    >>> binary_labels([0, 5], "t")
    Traceback (most recent call last):
    ...
    ValueError: t must contain only the labels 0 and 1, but it contains 5.0
    """
    result = as_array(value, name, ndim=1)
    check_binary(result, name)
    return result


def labels(value: Any, name: str) -> np.ndarray:
    """Checker: class labels of any kind, one per sample (see :func:`as_labels`)."""
    return as_labels(value, name)


def rows_match(first: str, second: str) -> Relation:
    """Relation: two arguments have the same number of rows (samples).

    Examples
    --------
    >>> rows_match("X", "t")({"X": np.zeros((3, 2)), "t": np.zeros(2)})
    Traceback (most recent call last):
    ...
    ValueError: X and t must have the same number of rows (samples), but they have 3 and
    2
    """

    def relation(arguments: dict[str, Any]) -> None:
        check_rows_match(arguments[first], arguments[second], first, second)

    return relation


def inputs_match_weights(inputs: str, weights: str) -> Relation:
    """Relation: one weight (a 1-D ``w``) or weight row (a 2-D ``W``) per input.

    The inputs are a sample (1-D) or one sample per row (2-D).

    Examples
    --------
    >>> inputs_match_weights("x", "w")({"x": np.zeros((1, 2)), "w": np.zeros(3)})
    Traceback (most recent call last):
    ...
    ValueError: x has 2 inputs per sample but w has 3 weights
    >>> inputs_match_weights("x", "W")({"x": np.zeros(2), "W": np.zeros((1, 3))})
    Traceback (most recent call last):
    ...
    ValueError: x has 2 inputs per sample but W has 1 row (one per input), shape (1, 3)
    """

    def relation(arguments: dict[str, Any]) -> None:
        x, w = arguments[inputs], arguments[weights]
        n_inputs = x.shape[-1]
        if w.shape[0] != n_inputs:
            what = (
                counted(w.shape[0], "weight")
                if w.ndim == 1
                else f"{counted(w.shape[0], 'row')} (one per input), shape {w.shape}"
            )
            raise ValueError(
                f"{inputs} has {counted(n_inputs, 'input')} per sample but "
                f"{weights} has {what}"
            )

    return relation


# --- checkers of the training wing (one each; the network, dropout, the optimizers, the
# schedules, the training loop and the classifier all declare these)
# ------------------------

#: The largest epoch a schedule accepts: beyond 2**53 a float no longer tells one whole
#: number from the next, so ``decay * epoch`` and ``epoch // every``
#: stop meaning "this epoch".
LAST_EPOCH = 2**53


def epoch_number(value: Any, name: str) -> int:
    """Checker: an epoch number, counted from 0 and at most ``2**53``.

    The optimizers and the schedules share this rule: an optimizer hands its epoch to
    its schedule, and a schedule cannot tell epochs apart beyond ``2**53``, where floats
    stop counting whole numbers.

    Examples
    --------
    >>> epoch_number(0, "epoch")
    0
    >>> epoch_number(2 ** 60, "epoch")
    Traceback (most recent call last):
    ...
    ValueError: epoch must be at most 2**53, but it is 1152921504606846976
    """
    epoch = check_count(value, name, low=0)
    if epoch > LAST_EPOCH:
        raise ValueError(f"{name} must be at most 2**53, but it is {shown(epoch)}")
    return epoch


def dropout_rate(value: Any, name: str) -> float:
    """Checker: a dropout rate, the probability of dropping a unit, ``0 <= rate < 1``.

    Examples
    --------
    >>> dropout_rate(1.0, "rate")
    Traceback (most recent call last):
    ...
    ValueError: rate must be < 1, but it is 1.0
    """
    return check_number(value, name, low=0.0, high=1.0, high_inclusive=False)


def random_generator(purpose: str) -> Checker:
    """Checker factory: a ``numpy.random.Generator`` (no hidden global randomness).

    ``purpose`` says in the message what the random numbers are for.

    Examples
    --------
    >>> random_generator("it draws the dropout masks")(7, "rng")
    Traceback (most recent call last):
    ...
    TypeError: rng must be a numpy.random.Generator, such as numpy.random.default_rng(0)
    (it draws the dropout masks), but it is 7 (int)
    """

    def checker(value: Any, name: str) -> np.random.Generator:
        if not isinstance(value, np.random.Generator):
            raise TypeError(
                f"{name} must be a numpy.random.Generator, such as "
                f"numpy.random.default_rng(0) ({purpose}), but it is {value!r} "
                f"({type(value).__name__})"
            )
        return value

    return checker


def validation_pair(
    value: Any,
    name: str,
    *,
    pair: str = "(X_val, T_val)",
    holds: str = "validation inputs and targets",
) -> Any:
    """Checker: None, or a pair ``(X_val, T_val)`` of validation inputs and targets.

    ``pair`` and ``holds`` word the message for a caller whose second array has
    another name (the classifier's ``(X_val, y_val)`` of inputs and labels).

    Examples
    --------
    >>> validation_pair(([[0.0]], [1.0], [2.0]), "validation")
    Traceback (most recent call last):
    ...
    TypeError: validation must be a pair (X_val, T_val) of validation inputs and
    targets, or None, but it is a tuple of length 3
    """
    if value is None or (isinstance(value, (tuple, list)) and len(value) == 2):
        return value
    got = (
        f"a {type(value).__name__} of length {len(value)}"
        if isinstance(value, (tuple, list))
        else f"a {type(value).__name__}"
        if isinstance(value, str)
        else f"of type {type(value).__name__}"
    )
    raise TypeError(
        f"{name} must be a pair {pair} of {holds}, or None, but it is {got}"
    )


def takes(function: Callable[..., Any], n: int) -> bool:
    """Whether ``function`` takes ``n`` positional arguments (True if unknown).

    Examples
    --------
    >>> takes(lambda epoch: 0.1, 1), takes(lambda: 0.1, 1)
    (True, False)
    """
    try:
        inspect.signature(function).bind(*range(n))
    except TypeError:
        return False
    except ValueError:  # some built-ins have no signature to inspect
        return True
    return True
