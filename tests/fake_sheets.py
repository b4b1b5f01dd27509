"""Serve a workbook as a fake Google spreadsheet until Ctrl-C.

    python tests/fake_sheets.py --port 8765 --load BOOK.xlsx [--id ID] [--token T]

The implementation lives in the package tests/fake_sheets/ (a directory wins over this
file on import, so `import fake_sheets` from tests/ gets the package).
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fake_sheets.cli import main

    sys.exit(main())
