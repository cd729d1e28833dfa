"""The one base class of errors a user can fix: bad input, bad settings, a run that did nothing.

A :class:`SplatbenchError`'s ``str()`` is one line naming the file, scene, key or field (and,
where useful, the fix). Command-line entry points catch it and print that line on stderr with
exit status 2 (:func:`exit_with_one_line`); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys

USER_ERROR_EXIT_STATUS = 2


class SplatbenchError(Exception):
    """A problem with the user's input or settings; ``str(error)`` is the whole message."""


def one_line(text: str, limit: int = 2000) -> str:
    """Collapse a message onto one line (newlines become '; '), cut at a word boundary past ``limit``."""
    line = "; ".join(part.strip() for part in str(text).splitlines() if part.strip())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > 0 else limit] + " ..."


def short_reason(error: BaseException, limit: int = 160) -> str:
    """``"TypeName: first line of the message"``, cut at a word boundary: for wrapping a library's
    error into our own one-line message."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if len(text) > limit and ". " in text[:limit]:
        text = text[: text[:limit].rfind(". ") + 1]  # whole sentences rather than a cut one
    text = one_line(text, limit)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def report_one_line(prefix: str, error: BaseException) -> int:
    """Print ``prefix: message`` on stderr as one line; return exit status 2."""
    print(f"{prefix}: {one_line(str(error))}", file=sys.stderr)
    return USER_ERROR_EXIT_STATUS


def exit_with_one_line(prefix: str, error: BaseException) -> None:
    """Print ``prefix: message`` on stderr as one line and exit with status 2."""
    raise SystemExit(report_one_line(prefix, error)) from None
