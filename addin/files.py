"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file, so it is replaced whole or not at all.

    The folder is made when missing. A file being replaced keeps its own
    permissions (and owner and group where this user may set them); a new file
    gets the usual mode for the user's umask. With ``backup``, the file being
    replaced is first copied to ``<name>.bak``, with the same permissions.
    Raises OSError when the file cannot be written; nothing is left behind then.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    bak = path.with_name(path.name + ".bak")
    for target in (path, bak) if backup else (path,):
        if target.is_symlink():
            raise LinkRefused(target)
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
        existing = _stat_or_none(path)
        if existing is None:
            os.chmod(temp, 0o666 & ~current_umask())
        else:
            _keep_permissions(Path(temp), existing)
            if backup:
                _copy_without_following(path, bak, existing)
        os.replace(temp, path)
    except BaseException:
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise


class LinkRefused(OSError):
    """An output, or its backup, is a symbolic link: ProdDesk never writes through one."""

    def __init__(self, link: Path) -> None:
        super().__init__(
            errno.ELOOP,
            f"{link.name} is a symbolic link; ProdDesk does not write through links, so that "
            "no other file is overwritten. Remove the link or choose another file",
        )


def _copy_without_following(source: Path, bak: Path, original: os.stat_result) -> None:
    """Copy ``source`` to ``bak`` through a temporary file, replacing ``bak`` itself even if
    something made it a link since it was checked."""
    temp = None
    try:
        with tempfile.NamedTemporaryFile(dir=bak.parent, prefix=f".~{bak.name}.",
                                         suffix=".tmp", delete=False) as handle:
            temp = handle.name
            with source.open("rb") as data:
                shutil.copyfileobj(data, handle)
        shutil.copystat(source, temp)
        _keep_permissions(Path(temp), original)
        os.replace(temp, bak)
    except BaseException:
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise


def current_umask() -> int:
    """The process's umask (read without leaving it changed)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _keep_permissions(target: Path, original: os.stat_result) -> None:
    """Give ``target`` the mode of ``original``, and its owner and group where allowed."""
    with contextlib.suppress(PermissionError, AttributeError):
        try:
            os.chown(target, original.st_uid, original.st_gid)
        except PermissionError:
            os.chown(target, -1, original.st_gid)
    os.chmod(target, stat.S_IMODE(original.st_mode))
