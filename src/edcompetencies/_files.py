"""Writing an output file so that nothing is lost or half-written: the one writer of every ``-o``.

:func:`write_text` encodes the whole text first (a text that cannot be UTF-8 fails before any
file is touched), writes it to a new temporary file that :func:`tempfile.mkstemp` creates in
the target's folder (a random name, created exclusively: a planted file or link of that name
is never followed), flushes it to disk, gives it the old file's permission bits (or, for a
new file, the usual ``0o666`` less the umask), and renames it over the target in one step.
On any failure (an ``OSError``, an interrupt, anything) the temporary file is removed and the
old file is left as it was.

A target that is a symbolic link is written *through*: the file the link points to is replaced
(the way a shell's ``>`` writes through a link) and the link itself stays.
"""

import contextlib
import os
import tempfile

from .errors import OutputFileError

__all__ = ["write_text"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text(target: str, text: str) -> None:
    """Write *text* (UTF-8, exactly as given: no newline translation) to the file *target*,
    atomically; raise :class:`~edcompetencies.errors.OutputFileError` saying why it cannot."""
    if not isinstance(target, str) or not target:
        raise OutputFileError(target if isinstance(target, str) else repr(target), "the file name is empty")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputFileError(
            target, f"the text cannot be written as UTF-8 ({exc.reason} at offset {exc.start})"
        ) from None
    try:
        real = os.path.realpath(target)  # through a symbolic link, to the file it names
        os.fsencode(real)
    except (ValueError, UnicodeError):  # a NUL character, a lone surrogate
        raise OutputFileError(target, "it is not a usable file name") from None
    if os.path.isdir(real) or target.endswith((os.sep, "/")):
        raise OutputFileError(target, "it is a directory")
    folder = os.path.dirname(real) or "."
    try:
        mode = os.stat(real).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise OutputFileError(target, exc.strerror or str(exc)) from None
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
        temporary = None
    except OSError as exc:
        raise OutputFileError(target, exc.strerror or str(exc)) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):  # the folder went away meanwhile
                os.unlink(temporary)
