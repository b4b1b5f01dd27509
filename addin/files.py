"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file, so it is replaced whole or not at all.

    The folder is made when missing. With ``backup``, the file being replaced is
    first copied to ``<name>.bak``. Raises OSError when the file cannot be written;
    nothing is left behind then.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".~{path.name}.", suffix=".tmp", delete=False
        ) as handle:
            temp = handle.name
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(temp, path)
    except BaseException:
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
