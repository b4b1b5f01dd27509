"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import contextlib
import errno
import os
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
    existing = _stat_or_none(path)
    if backup and existing is not None:
        _replace_through_temp(bak, path.read_bytes(), existing, keep_times=True)
    _replace_through_temp(path, payload, existing)


class LinkRefused(OSError):
    """An output, or its backup, is a symbolic link: ProdDesk never writes through one."""

    def __init__(self, link: Path) -> None:
        super().__init__(
            errno.ELOOP,
            f"{link.name} is a symbolic link; ProdDesk does not write through links, so that "
            "no other file is overwritten. Remove the link or choose another file",
        )


def _replace_through_temp(
    path: Path, payload: bytes, like: os.stat_result | None, *, keep_times: bool = False
) -> None:
    """Put ``payload`` at ``path`` in one step: written to a temporary file beside it, given
    the permissions of ``like`` (or the umask's for a new file) and with ``keep_times`` its
    modification time, then renamed over ``path`` (a rename replaces a link itself, never
    the file it points to)."""
    temp = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".~{path.name}.", suffix=".tmp", delete=False
        ) as handle:
            temp = handle.name
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if like is None:
            os.chmod(temp, 0o666 & ~current_umask())
        else:
            _keep_permissions(Path(temp), like)
            if keep_times:
                os.utime(temp, ns=(like.st_atime_ns, like.st_mtime_ns))
        os.replace(temp, path)
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
