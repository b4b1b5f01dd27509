"""PDFs of rendered call sheets, made by LibreOffice headless in one run per batch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from addin.errors import AddinError

TIMEOUT_SECONDS = 300
INSTALL_HINT = (
    "LibreOffice is needed to make PDFs and was not found. Install it with "
    "'sudo apt-get install libreoffice-calc-nogui' on Linux, or from libreoffice.org on "
    "Windows and macOS; the .xlsx call sheets were written without PDFs."
)
_CANDIDATES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


FONT_PACKAGES = "fonts-liberation2 and fonts-crosextra-carlito"
METRIC_COMPATIBLE = {
    "arial": ("liberation sans", "arimo"),
    "helvetica": ("liberation sans", "arimo"),
    "arial narrow": ("liberation sans narrow",),
    "times new roman": ("liberation serif", "tinos"),
    "times": ("liberation serif", "tinos"),
    "courier new": ("liberation mono", "cousine"),
    "calibri": ("carlito",),
    "cambria": ("caladea",),
}
"""Fonts whose letters have the same widths as the template's (so lines break alike)."""


class PdfError(AddinError):
    """LibreOffice is missing or could not make a PDF."""


def missing_fonts(fonts: list[str]) -> list[str]:
    """The template's fonts that this machine has neither installed nor a metric twin of.

    Asks fontconfig (``fc-match``), which LibreOffice uses on Linux; on a machine
    without it (Windows, macOS) nothing is reported.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return []
    missing = []
    for font in fonts:
        try:
            found = subprocess.run(
                [fc_match, "-f", "%{family}", font], capture_output=True, text=True,
                timeout=10, check=False,
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            return []
        families = {f.strip().casefold() for f in found.split(",")}
        wanted = font.casefold()
        if wanted not in families and not families & set(METRIC_COMPATIBLE.get(wanted, ())):
            missing.append(font)
    return missing


def font_warning(font: str, template: str) -> str:
    """What a missing template font means for the PDF, and what to install."""
    twin = METRIC_COMPATIBLE.get(font.casefold())
    remedy = (
        f"install {FONT_PACKAGES} (sudo apt-get install {FONT_PACKAGES.replace(' and', '')})"
        if twin
        else f"install the font {font}, or pick a font this machine has in the template"
    )
    return (
        f"The template {template} uses the font {font}, which this machine does not have; "
        f"LibreOffice draws the PDF with another, wider or narrower font, so text may wrap "
        f"differently: {remedy}."
    )


def find_soffice() -> str | None:
    """The LibreOffice executable: $PRODDESK_SOFFICE, then soffice/libreoffice on PATH."""
    configured = os.environ.get("PRODDESK_SOFFICE")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _CANDIDATES if Path(c).exists()), None)


def convert_to_pdf(files: list[Path]) -> list[Path]:
    """A PDF next to each .xlsx file; one LibreOffice process per folder of files.

    A private LibreOffice profile is used, so this works while LibreOffice is
    open on the desktop. Raises PdfError when LibreOffice is missing or fails.
    """
    if not files:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(INSTALL_HINT)
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for file in files:
        by_folder[file.resolve().parent].append(file.resolve())
    made: list[Path] = []
    for folder, group in by_folder.items():
        _run(soffice, folder, group)
        for file in group:
            pdf = file.with_suffix(".pdf")
            if not pdf.exists():
                raise PdfError(f"LibreOffice did not make {pdf.name} from {file.name}.")
            made.append(pdf)
    return made


def _run(soffice: str, folder: Path, files: list[Path]) -> None:
    for file in files:
        file.with_suffix(".pdf").unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="proddesk-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(f) for f in files),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
                if sys.platform == "win32"
                else 0,
            )
        except FileNotFoundError as exc:
            raise PdfError(INSTALL_HINT) from exc
        except subprocess.TimeoutExpired as exc:
            raise PdfError(
                f"LibreOffice took longer than {TIMEOUT_SECONDS} seconds to make the PDFs; "
                "close any LibreOffice dialog and try again."
            ) from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise PdfError(
            "LibreOffice could not make the PDFs"
            + (f" ({detail[-1]})." if detail else f" (exit code {result.returncode}).")
        )
