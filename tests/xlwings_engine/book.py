"""Engine, Apps, App, Books and Book of the openpyxl engine."""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any

import openpyxl
from xlwings import base_classes

from tests.xlwings_engine.sheet import Sheets
from tests.xlwings_engine.stats import counted
from tests.xlwings_engine.values import clean_element, prepare_element, to_com

_PIDS = itertools.count(4242)


class Engine:
    """The engine object xlwings keeps in ``xw.engines`` (named ``openpyxl``)."""

    def __init__(self) -> None:
        self._apps = Apps(self)

    @property
    def apps(self) -> Apps:
        """The running apps."""
        return self._apps

    @property
    def name(self) -> str:
        """The engine's name in ``xw.engines``."""
        return "openpyxl"

    @property
    def type(self) -> str:
        """Behaves like desktop Excel: scalars are written in one call."""
        return "desktop"

    @staticmethod
    def clean_value_data(data: Any, datetime_builder: Any, empty_as: Any, number_builder: Any,
                         err_to_str: bool) -> list[list[Any]]:
        """COM values to Python, as the Windows engine does."""
        return [
            [clean_element(v, datetime_builder, empty_as, number_builder, err_to_str) for v in row]
            for row in data
        ]

    @staticmethod
    def prepare_xl_data_element(value: Any, options: Any) -> Any:
        """A Python value ready to be handed over."""
        return prepare_element(value)


class Apps(base_classes.Apps):
    """The apps of the engine; the first is the active one."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.apps: list[App] = []

    def keys(self) -> list[int]:
        """Process ids."""
        return [app.pid for app in self.apps]

    def add(self, spec: Any = None, add_book: bool | None = True, xl: Any = None,
            visible: bool | None = None) -> App:
        """Start a new app; it becomes the active one."""
        app = App(self, add_book=add_book is not False)
        self.apps.insert(0, app)
        return app

    @staticmethod
    def cleanup() -> None:
        """Nothing to clean up."""

    def __iter__(self):
        return iter(list(self.apps))

    def __len__(self) -> int:
        return len(self.apps)

    def __getitem__(self, index: int) -> App:
        return self.apps[index]


class App(base_classes.App):
    """An Excel instance: its books and its settings; message boxes are recorded."""

    def __init__(self, apps: Apps, add_book: bool = True) -> None:
        self._apps = apps
        self._pid = next(_PIDS)
        self._books = Books(self)
        self.settings: dict[str, Any] = {
            "screen_updating": True, "display_alerts": True, "enable_events": True,
            "interactive": True, "calculation": "automatic", "status_bar": False,
            "cut_copy_mode": False, "visible": True,
        }
        self.alerts: list[dict[str, Any]] = []
        self.alert_answers: list[str] = []
        if add_book:
            self._books.add()

    @property
    def engine(self) -> Engine:
        """The engine this app belongs to."""
        return self._apps.engine

    @property
    def api(self) -> App:
        """No native object: the app itself."""
        return self

    @property
    def books(self) -> Books:
        """The open books."""
        return self._books

    @property
    def pid(self) -> int:
        """A made-up process id."""
        return self._pid

    @property
    def version(self) -> str:
        """Reported like Excel 2016 and later."""
        return "16.0"

    @property
    def path(self) -> str:
        """No installation path."""
        return ""

    @property
    def hwnd(self) -> None:
        """No window."""
        return None

    @property
    def selection(self) -> Any:
        """Nothing is selected."""
        return None

    def activate(self, steal_focus: bool = False) -> None:
        """Make this the active app."""
        self._apps.apps.remove(self)
        self._apps.apps.insert(0, self)

    def quit(self) -> None:
        """Close every book and stop."""
        if self in self._apps.apps:
            self._apps.apps.remove(self)

    def kill(self) -> None:
        """Same as quit."""
        self.quit()

    def calculate(self) -> None:
        """Formulas are not evaluated (cached values are kept)."""

    def range(self, arg1: Any, arg2: Any = None) -> Any:
        """A range of the active sheet."""
        return self._books.active.sheets.active.range(arg1, arg2)

    @counted("app.alert")
    def alert(self, prompt: str, title: str | None, buttons: str, mode: str | None,
              callback: str | None) -> str:
        """Record the message box; answer the next queued answer, else its first button."""
        self.alerts.append({"prompt": prompt, "title": title, "buttons": buttons, "mode": mode})
        if self.alert_answers:
            return self.alert_answers.pop(0)
        return buttons.split("_")[0]


def _setting(key: str) -> property:
    @counted(f"app.{key}.get")
    def get(self: App) -> Any:
        return self.settings[key]

    @counted(f"app.{key}.set")
    def set_(self: App, value: Any) -> None:
        self.settings[key] = value

    return property(get, set_, doc=f"The app's {key.replace('_', ' ')}.")


for _key in ("screen_updating", "display_alerts", "enable_events", "interactive",
             "calculation", "status_bar", "cut_copy_mode", "visible"):
    setattr(App, _key, _setting(_key))


class Books(base_classes.Books):
    """The books open in an app."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.books: list[Book] = []
        self.active_book: Book | None = None
        self._untitled = itertools.count(1)

    @property
    def api(self) -> Books:
        """No native object."""
        return self

    @property
    def active(self) -> Book:
        """The active book."""
        if self.active_book is None:
            raise RuntimeError("No book is open")
        return self.active_book

    def __call__(self, name_or_index: int | str) -> Book:
        if isinstance(name_or_index, int):
            return self.books[name_or_index - 1]
        for book in self.books:
            if book.name.lower() == str(name_or_index).lower():
                return book
        raise KeyError(name_or_index)

    def __len__(self) -> int:
        return len(self.books)

    def __iter__(self):
        return iter(list(self.books))

    @counted("books.add")
    def add(self) -> Book:
        """A new book with one tab, Sheet1."""
        wb = openpyxl.Workbook()
        wb.active.title = "Sheet1"
        return self._register(Book(self, wb, None, f"Book{next(self._untitled)}"))

    @counted("books.open")
    def open(self, fullname: str, *args: Any, **kwargs: Any) -> Book:
        """Open an .xlsx/.xlsm file (formulas kept, their cached values shown)."""
        path = Path(fullname)
        keep_vba = path.suffix.lower() == ".xlsm"
        wb = openpyxl.load_workbook(path, keep_vba=keep_vba, rich_text=False)
        values = openpyxl.load_workbook(path, data_only=True, keep_vba=False)
        book = Book(self, wb, path, path.name)
        book.cache = {id(ws): vws for ws, vws in zip(wb.worksheets, values.worksheets,
                                                      strict=True)}
        return self._register(book)

    def _register(self, book: Book) -> Book:
        self.books.append(book)
        self.active_book = book
        return book


class Book(base_classes.Book):
    """One workbook, held as an openpyxl Workbook."""

    def __init__(self, books: Books, wb: Any, path: Path | None, name: str) -> None:
        self._books = books
        self.wb = wb
        self.path = path
        self._name = name
        self.cache: dict[int, Any] = {}
        self.overwritten: set[tuple[int, int, int]] = set()
        self.sheet_counter = len(wb.worksheets)

    def cached_value(self, ws: Any, row: int, col: int) -> Any:
        """The value Excel last computed for a formula cell (None if never computed)."""
        values = self.cache.get(id(ws))
        if values is None or (id(ws), row, col) in self.overwritten:
            return None
        cell = values._cells.get((row, col))
        return None if cell is None else to_com(cell.value, cell.data_type)

    def forget_cached(self, ws: Any, row: int, col: int) -> None:
        """A cell was written: its cached formula value no longer applies."""
        self.overwritten.add((id(ws), row, col))

    @property
    def api(self) -> Any:
        """The openpyxl workbook."""
        return self.wb

    @property
    @counted("book.name")
    def name(self) -> str:
        """File name, or BookN before the first save."""
        return self._name

    @property
    @counted("book.fullname")
    def fullname(self) -> str:
        """Full path, or the name before the first save."""
        return str(self.path) if self.path else self._name

    @property
    def sheets(self) -> Sheets:
        """The tabs."""
        return Sheets(self)

    @property
    def app(self) -> App:
        """The app holding the book."""
        return self._books.app

    @property
    def names(self) -> list:
        """Defined names are not modelled."""
        return []

    @counted("book.close")
    def close(self) -> None:
        """Close without saving."""
        self._books.books.remove(self)
        if self._books.active_book is self:
            self._books.active_book = self._books.books[-1] if self._books.books else None

    @counted("book.save")
    def save(self, path: str | None = None, password: str | None = None) -> None:
        """Save to its file, or to ``path`` (then the book is known under the new name)."""
        if path is None and self.path is None:
            path = os.path.join(os.getcwd(), f"{self._name}.xlsx")
        if path is not None:
            self.path = Path(path).resolve()
            self._name = self.path.name
        self.wb.save(self.path)

    @counted("book.activate")
    def activate(self) -> None:
        """Make this the active book."""
        self._books.active_book = self
