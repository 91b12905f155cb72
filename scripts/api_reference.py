"""Build the API reference from the docstrings with pdoc, every warning an error.

    python scripts/api_reference.py [OUTPUT]       (default: build/api)

Documents the package and each public module. Run by .ci/run; pdoc is in the ``docs``
extra.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import typing
import warnings
from pathlib import Path

import hoctap


def _annotations_resolvable(modules: list[str]) -> None:
    # pdoc reads a signature's annotations in the module the function names. Two kinds
    # of function name another: a named tuple's __new__ (typing names a module that does
    # not exist, "namedtuple_Blocker") and a hypothesis strategy (@st.composite rebuilds
    # it in a module of hypothesis' own, its return type a ForwardRef bound there).
    # Naming the module they were written in fixes the reference, and only it.
    for name in modules:
        for value in vars(importlib.import_module(name)).values():
            if getattr(value, "is_hypothesis_strategy_function", False):
                # a strategy: its signature says SearchStrategy[ForwardRef(...)], which
                # resolves in hypothesis' module; written as text, it resolves in ours
                sig = inspect.signature(value)
                args = typing.get_args(sig.return_annotation)
                text = getattr(args[0], "__forward_arg__", None) if args else None
                if text is not None:
                    hint = f"st.SearchStrategy[{text}]"
                    value.__signature__ = sig.replace(return_annotation=hint)
                    inner = inspect.unwrap(value)  # what pdoc documents
                    inner.__module__ = name
                    inner.__annotations__["return"] = hint
            is_named = isinstance(value, type) and issubclass(value, tuple)
            if is_named and hasattr(value, "_fields") and value.__module__ == name:
                value.__new__.__module__ = name


def main(argv: list[str]) -> int:
    """Write the reference; exit 1 (with pdoc's words) on any warning."""
    out = Path(argv[0]) if argv else Path("build/api")
    # The public surface only: a module or package whose name starts with _ is internal.
    # pdoc takes each subpackage's public modules along with it.
    modules = ["hoctap"] + [
        f"hoctap.{m.name}"
        for m in pkgutil.iter_modules(hoctap.__path__)
        if not m.name.startswith("_")
    ]
    every = [m.name for m in pkgutil.walk_packages(hoctap.__path__, "hoctap.")]
    # pdoc walks a subpackage's modules, private ones too: "!name" leaves those out.
    modules += [f"!{name}" for name in every if "._" in name]
    # Private modules too: a public page may show a record they define.
    _annotations_resolvable(["hoctap", *every])
    warnings.simplefilter("error")  # a docstring or annotation pdoc cannot read fails the build
    import pdoc  # noqa: PLC0415 - after the filter, so its own warnings count too

    pdoc.pdoc(*modules, output_directory=out)
    print(f"api reference: {sum(1 for m in modules if m[0] != '!')} modules and packages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
