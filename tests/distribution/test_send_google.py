"""`proddesk send` on a Google spreadsheet: real gspread over HTTP to the Sheets imitation,
real SMTP to aiosmtpd; the PDF is Google's export of the call sheet tab."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from addin.cli import main
from addin.distribution.tab import HEADER, read_distribution
from addin.hosts.gsheets import open_spreadsheet

SAMPLE = Path(__file__).resolve().parents[2] / "workbooks" / "sample_production.xlsx"


def test_send_on_google_writes_the_distribution_tab_into_the_spreadsheet(
    fake, mail_server, tmp_path
):
    sid = fake.load_xlsx(SAMPLE)
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    args = ["send", url, "--day", "1", "--only", "Grip", "--credentials", "token:t",
            "--out", str(tmp_path / "cs")]
    assert main(args) == 0
    received = mail_server.recorder.received
    assert len(received) == 4
    attachment = next(received[0].message.iter_attachments())
    text = subprocess.run(["pdftotext", "-", "-"], input=attachment.get_content(),
                          capture_output=True, check=True).stdout.decode()
    assert "Day 1 of 4" in text  # Google's own export of the book's call sheet tab
    tab = fake.book(sid).sheet_by_title("Distribution")
    assert tab is not None
    rows = read_distribution(open_spreadsheet(url, credentials="token:t"))
    assert {r.name for r in rows} == {"Marcus Bell", "Tony Alvarez", "Kevin O'Neill",
                                      "Ray Simmons"}
    assert {r.status for r in rows} == {"Sent"}
    host = open_spreadsheet(url, credentials="token:t")
    assert host.read_all()["Distribution"][1][: len(HEADER)] == HEADER
    assert main(args) == 0
    assert len(received) == 4  # the rerun sends nothing new
