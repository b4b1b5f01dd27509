"""A stand-in for pywin32 and Windows, so that xlwings' own ``_xlwindows.py`` runs on Linux.

``load()`` imports ``xlwings._xlwindows`` with fake ``pywintypes``, ``pythoncom``,
``win32api``, ``win32con``, ``win32gui``, ``win32process``, ``win32timezone``
and ``win32com.client`` modules, and with ``ctypes.windll``/``oledll``/``PyDLL``
answering the few Win32 calls xlwings makes to find a running Excel. Below
that, the COM objects answer like Excel's object model (see README.md).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import importlib
import sys
import types
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.xlwings_engine.values import COM_ERRORS  # xlwings._xlwindows.cell_errors, reversed
from tests.xlwings_platforms.model import (
    MAX_COL,
    MAX_ROW,
    AppModel,
    BookModel,
    ErrorValue,
    SheetModel,
    area_address,
    is_currency,
    load_xlsx,
    parse_areas,
    typed,
)

XL_NONE = -4142  # xlColorIndexNone
VALIGN = {"top": -4160, "center": -4108, "bottom": -4107, "justify": -4130, "distributed": -4117}
DISP_E_UNKNOWNNAME = -2147352570
DISP_E_MEMBERNOTFOUND = -2147352573
DISP_E_EXCEPTION = -2147352567


# -- pywintypes / pythoncom -----------------------------------------------------------
class com_error(Exception):
    """pywintypes.com_error: (hresult, strerror, excepinfo, argerror)."""

    def __init__(self, hresult: int, strerror: str, excepinfo: Any = None,
                 argerror: Any = None) -> None:
        super().__init__(hresult, strerror, excepinfo, argerror)
        self.hresult, self.strerror, self.excepinfo, self.argerror = (
            hresult, strerror, excepinfo, argerror)


def excel_error(text: str) -> com_error:
    """What Excel raises through IDispatch when it refuses something."""
    return com_error(DISP_E_EXCEPTION, "Exception occurred.",
                     (0, "Microsoft Excel", text, "xlmain11.chm", 0, -2146827284), None)


class _UTC(dt.tzinfo):
    """win32timezone.TimeZoneInfo.utc(): how pywin32 tags the dates COM hands over."""

    def utcoffset(self, when: Any) -> dt.timedelta:
        return dt.timedelta(0)

    def dst(self, when: Any) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, when: Any) -> str:
        return "Coordinated Universal Time"

    def __repr__(self) -> str:
        return "TimeZoneInfo('UTC', True)"


UTC = _UTC()


class TimeType(dt.datetime):
    """pywintypes.TimeType: a datetime subclass, timezone-aware (UTC) when COM hands it over."""


def com_date(value: dt.datetime) -> TimeType:
    """A VT_DATE as pywin32 gives it."""
    return TimeType(value.year, value.month, value.day, value.hour, value.minute,
                    value.second, value.microsecond, tzinfo=UTC)


RANGE_IID = "{00020846-0000-0000-C000-000000000046}"


class _OleObj:
    """PyIDispatch: its type info names the interface (xlwings' is_range_instance asks)."""

    def __init__(self, iid: str | None = None) -> None:
        self.iid = iid

    def GetIDsOfNames(self, lcid: int, name: str) -> int:
        raise com_error(DISP_E_UNKNOWNNAME, "Unknown name.", None, None)

    def GetTypeInfo(self) -> Any:
        attr = types.SimpleNamespace(iid=self.iid or "{00020400-0000-0000-C000-000000000046}")
        return types.SimpleNamespace(GetTypeAttr=lambda: attr)


class CDispatch:
    """win32com.client.CDispatch: every COM object below is one of these."""


class DispatchBaseClass:
    """win32com.client.DispatchBaseClass (makepy wrappers; unused here)."""


class CoClassBaseClass:
    """win32com.client.CoClassBaseClass (unused here)."""


# -- the COM object model -------------------------------------------------------------
def _inner(obj: Any) -> Any:
    """A COM object behind xlwings' COMRetryObjectWrapper."""
    return obj.__dict__.get("_inner", obj) if hasattr(obj, "__dict__") else obj


class Com(CDispatch):
    """An IDispatch object: ``get_X``/``put_X`` are properties, ``call_X`` methods.

    Each property read or write and each method call counts as one round trip.
    """

    def __init__(self, app: AppModel) -> None:
        object.__setattr__(self, "_app", app)
        object.__setattr__(self, "_oleobj_", _OleObj())

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        cls = type(self)
        getter = getattr(cls, "get_" + name, None)
        if getter is not None:
            self._app.count(f"{cls.__name__}.{name}")
            return getter(self)
        method = getattr(cls, "call_" + name, None)
        if method is not None:
            app, kind = self._app, f"{cls.__name__}.{name}()"

            def call(_self: Any, *args: Any, **kwargs: Any) -> Any:
                app.count(kind)
                return method(_self, *args, **kwargs)

            return types.MethodType(call, self)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        setter = getattr(type(self), "put_" + name, None)
        if setter is None:
            raise com_error(DISP_E_MEMBERNOTFOUND, "Member not found.", None, None)
        self._app.count(f"{type(self).__name__}.{name}=")
        setter(self, _inner(value))


class Application(Com):
    """Excel.Application."""

    def __init__(self, app: AppModel, hwnd: int) -> None:
        super().__init__(app)
        object.__setattr__(self, "_hwnd", hwnd)

    def get_Application(self) -> Application:
        return self

    def get_Workbooks(self) -> Workbooks:
        return Workbooks(self._app, self)

    def get_ActiveWorkbook(self) -> Workbook | None:
        return Workbook(self._app, self, self._app.book()) if self._app.books else None

    def get_ActiveSheet(self) -> Worksheet | None:
        book = self.get_ActiveWorkbook()
        return book.get_ActiveSheet() if book else None

    def get_ActiveWindow(self) -> Window | None:
        return Window(self._app, self, self._app.book()) if self._app.books else None

    def get_Hwnd(self) -> int:
        return self._hwnd

    def get_Version(self) -> str:
        return "16.0"

    def get_International(self) -> tuple:
        values: list[Any] = [None] * 45
        values[5] = ","  # read by xlwings as International[xlListSeparator (5)]
        return tuple(values)

    def get_ScreenUpdating(self) -> bool:
        return self._app.screen_updating

    def put_ScreenUpdating(self, value: bool) -> None:
        self._app.screen_updating = bool(value)

    def get_DisplayAlerts(self) -> bool:
        return self._app.display_alerts

    def put_DisplayAlerts(self, value: bool) -> None:
        self._app.display_alerts = bool(value)

    def get_StatusBar(self) -> Any:
        return self._app.status_bar

    def put_StatusBar(self, value: Any) -> None:
        self._app.status_bar = value

    def get_Visible(self) -> bool:
        return True

    def put_Visible(self, value: bool) -> None:
        pass

    def call_InputBox(self, Prompt: str, Title: Any = None, Default: Any = None,
                      *rest: Any) -> Any:
        """Application.InputBox: the typed text, or False on Cancel."""
        self._app.asked.append({"prompt": Prompt, "title": Title, "default": Default})
        answer = self._app.inputs.pop(0) if self._app.inputs else Default
        return False if answer is None else answer


class Window(Com):
    """A workbook window: FreezePanes, SplitRow and SplitColumn act on the sheet it shows."""

    def __init__(self, app: AppModel, application: Application, book: BookModel) -> None:
        super().__init__(app)
        object.__setattr__(self, "_application", application)
        object.__setattr__(self, "_book", book)

    def _sheet(self) -> SheetModel:
        return self._book.sheets[self._book.active]

    def get_FreezePanes(self) -> bool:
        return self._sheet().frozen_rows > 0

    def put_FreezePanes(self, value: bool) -> None:
        sheet = self._sheet()
        sheet.frozen_rows = getattr(sheet, "_split_row", 0) if value else 0
        sheet.frozen_columns = getattr(sheet, "_split_column", 0) if value else 0

    def get_SplitRow(self) -> int:
        return getattr(self._sheet(), "_split_row", 0)

    def put_SplitRow(self, value: int) -> None:
        self._sheet()._split_row = int(value)  # type: ignore[attr-defined]

    def get_SplitColumn(self) -> int:
        return getattr(self._sheet(), "_split_column", 0)

    def put_SplitColumn(self, value: int) -> None:
        self._sheet()._split_column = int(value)  # type: ignore[attr-defined]

    def get_Application(self) -> Application:
        return self._application


class Workbooks(Com):
    """Application.Workbooks."""

    def __init__(self, app: AppModel, application: Application) -> None:
        super().__init__(app)
        object.__setattr__(self, "_application", application)

    def _book(self, book: BookModel) -> Workbook:
        return Workbook(self._app, self._application, book)

    def get_Count(self) -> int:
        return len(self._app.books)

    def get_Application(self) -> Application:
        return self._application

    def __call__(self, key: Any) -> Workbook:
        self._app.count("Workbooks()")
        if isinstance(key, int):
            if not 1 <= key <= len(self._app.books):
                raise excel_error("Subscript out of range")
            return self._book(self._app.books[key - 1])
        for book in self._app.books:
            if book.name.lower() == str(key).lower():
                return self._book(book)
        raise excel_error("Subscript out of range")

    def __iter__(self):
        return iter([self._book(b) for b in self._app.books])

    def call_Open(self, Filename: str, *rest: Any) -> Workbook:
        path = Path(Filename)
        for i, book in enumerate(self._app.books):
            if book.fullname == str(path.resolve()):
                self._app.active_book = i
                return self._book(book)
        if not path.exists():
            raise excel_error(f"Sorry, we couldn't find {Filename}.")
        self._app.books.append(load_xlsx(path))
        self._app.active_book = len(self._app.books) - 1
        return self._book(self._app.books[-1])

    def call_Add(self, *args: Any) -> Workbook:
        n = len(self._app.books) + 1
        self._app.books.append(BookModel(f"Book{n}", f"Book{n}", [SheetModel("Sheet1")]))
        self._app.active_book = len(self._app.books) - 1
        return self._book(self._app.books[-1])


class Workbook(Com):
    """One open workbook."""

    def __init__(self, app: AppModel, application: Application, book: BookModel) -> None:
        super().__init__(app)
        object.__setattr__(self, "_application", application)
        object.__setattr__(self, "_book", book)

    def get_Name(self) -> str:
        return self._book.name

    def get_FullName(self) -> str:
        return self._book.fullname

    def get_Path(self) -> str:
        full = Path(self._book.fullname)
        return str(full.parent) if full.is_absolute() else ""

    def get_FileFormat(self) -> int:
        return 51  # xlOpenXMLWorkbook

    def get_Application(self) -> Application:
        return self._application

    def get_Parent(self) -> Application:
        return self._application

    def get_Worksheets(self) -> Worksheets:
        return Worksheets(self._app, self._application, self._book)

    get_Sheets = get_Worksheets

    def get_ActiveSheet(self) -> Worksheet:
        return Worksheet(self._app, self._application, self._book,
                         self._book.sheets[self._book.active])

    def call_Windows(self, index: int) -> Window:
        return Window(self._app, self._application, self._book)

    def call_Activate(self) -> None:
        self._app.active_book = self._app.books.index(self._book)

    def call_Save(self) -> None:
        self._book.saves += 1

    def call_Close(self, SaveChanges: Any = None, *rest: Any) -> None:
        self._app.books.remove(self._book)
        self._app.active_book = max(0, len(self._app.books) - 1)

    def call_ExportAsFixedFormat(self, **kwargs: Any) -> None:
        export(self._app, kwargs)


def export(app: AppModel, kwargs: dict[str, Any]) -> None:
    """ExportAsFixedFormat: recorded; the stand-in does not render pages."""
    app.alerts.append({"export": kwargs})
    raise excel_error("Document not saved. The document may be open, or an error may have "
                      "been encountered when saving.")


class Worksheets(Com):
    """Workbook.Worksheets."""

    def __init__(self, app: AppModel, application: Application, book: BookModel) -> None:
        super().__init__(app)
        object.__setattr__(self, "_application", application)
        object.__setattr__(self, "_book", book)

    def _sheet(self, sheet: SheetModel) -> Worksheet:
        return Worksheet(self._app, self._application, self._book, sheet)

    def get_Count(self) -> int:
        return len(self._book.sheets)

    def get_Parent(self) -> Workbook:
        return Workbook(self._app, self._application, self._book)

    def __call__(self, key: Any) -> Worksheet:
        self._app.count("Worksheets()")
        if isinstance(key, int):
            if not 1 <= key <= len(self._book.sheets):
                raise excel_error("Subscript out of range")
            return self._sheet(self._book.sheets[key - 1])
        try:
            return self._sheet(self._book.sheet(str(key)))
        except KeyError:
            raise excel_error("Subscript out of range") from None

    def __iter__(self):
        return iter([self._sheet(s) for s in self._book.sheets])

    def call_Add(self, Before: Any = None, After: Any = None, *rest: Any) -> Worksheet:
        taken = {s.name.lower() for s in self._book.sheets}
        n = 1
        while f"sheet{n}" in taken:
            n += 1
        sheet = SheetModel(f"Sheet{n}")
        sheets = self._book.sheets
        if Before is not None:
            sheets.insert(sheets.index(_inner(Before)._sheet), sheet)
        elif After is not None:
            sheets.insert(sheets.index(_inner(After)._sheet) + 1, sheet)
        else:
            sheets.insert(self._book.active, sheet)
        self._book.active = sheets.index(sheet)
        return self._sheet(sheet)


class Worksheet(Com):
    """One worksheet."""

    def __init__(self, app: AppModel, application: Application, book: BookModel,
                 sheet: SheetModel) -> None:
        super().__init__(app)
        object.__setattr__(self, "_application", application)
        object.__setattr__(self, "_book", book)
        object.__setattr__(self, "_sheet", sheet)

    def _range(self, areas: list[tuple[int, int, int, int]]) -> Range:
        return Range(self._app, self, areas)

    def get_Name(self) -> str:
        return self._sheet.name

    def put_Name(self, value: str) -> None:
        value = str(value)
        others = [s.name.lower() for s in self._book.sheets if s is not self._sheet]
        if (not value or len(value) > 31 or any(ch in value for ch in "[]:*?/\\")
                or value.lower() in others):
            raise excel_error("That name is already taken. Try a different one.")
        self._sheet.name = value

    def get_Index(self) -> int:
        return self._book.sheets.index(self._sheet) + 1

    def get_Visible(self) -> int:
        return -1 if self._sheet.visible else 0

    def put_Visible(self, value: Any) -> None:
        visible = value not in (False, 0, 2)
        if not visible and sum(s.visible for s in self._book.sheets) == 1 and self._sheet.visible:
            raise excel_error("Unable to set the Visible property of the Worksheet class")
        self._sheet.visible = visible

    def get_Parent(self) -> Workbook:
        return Workbook(self._app, self._application, self._book)

    def get_Application(self) -> Application:
        return self._application

    def get_UsedRange(self) -> Range:
        return self._range([self._sheet.used_box()])

    def get_Cells(self) -> Range:
        return self._range([(1, 1, MAX_ROW, MAX_COL)])

    def get_Comments(self) -> list:
        return [Comment(self._app, self, r, c)
                for (r, c), cell in sorted(self._sheet.cells.items()) if cell.note is not None]

    def call_Range(self, cell1: Any, cell2: Any = None) -> Range:
        areas = self._areas(cell1)
        if cell2 is None:
            return self._range(areas)
        other = self._areas(cell2)
        box = areas + other
        return self._range([(min(a[0] for a in box), min(a[1] for a in box),
                             max(a[2] for a in box), max(a[3] for a in box))])

    def _areas(self, ref: Any) -> list[tuple[int, int, int, int]]:
        ref = _inner(ref)
        if isinstance(ref, Range):
            return list(ref._areas)
        try:
            return parse_areas(str(ref))
        except ValueError:
            raise excel_error("Method 'Range' of object '_Worksheet' failed") from None

    def call_Cells(self, row: int, col: int) -> Range:
        return self._range([(int(row), int(col), int(row), int(col))])

    def call_Activate(self) -> None:
        if not self._sheet.visible:
            raise excel_error("Activate method of Worksheet class failed")
        self._book.active = self._book.sheets.index(self._sheet)
        self._app.active_book = self._app.books.index(self._book)

    def call_Delete(self) -> None:
        visible = [s for s in self._book.sheets if s.visible]
        if visible == [self._sheet]:
            raise excel_error("A workbook must contain at least one visible worksheet.")
        index = self._book.sheets.index(self._sheet)
        self._book.sheets.remove(self._sheet)
        if self._book.active >= index:
            self._book.active = max(0, self._book.active - 1)
        while not self._book.sheets[self._book.active].visible:
            self._book.active = (self._book.active + 1) % len(self._book.sheets)

    def call_Move(self, Before: Any = None, After: Any = None) -> None:
        sheets = self._book.sheets
        sheets.remove(self._sheet)
        if Before is not None:
            sheets.insert(sheets.index(_inner(Before)._sheet), self._sheet)
        else:
            sheets.insert(sheets.index(_inner(After)._sheet) + 1, self._sheet)
        self._book.active = sheets.index(self._sheet)

    def call_ExportAsFixedFormat(self, **kwargs: Any) -> None:
        export(self._app, kwargs)


class Range(Com):
    """A Range: one or more rectangular areas of one worksheet."""

    def __init__(self, app: AppModel, worksheet: Worksheet,
                 areas: list[tuple[int, int, int, int]]) -> None:
        super().__init__(app)
        object.__setattr__(self, "_ws", worksheet)
        object.__setattr__(self, "_areas", areas)
        object.__setattr__(self, "_oleobj_", _OleObj(RANGE_IID))

    @property
    def _model(self) -> SheetModel:
        return self._ws._sheet

    def _cells(self):
        for r1, c1, r2, c2 in self._areas:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    yield r, c

    def _sub(self, areas: list[tuple[int, int, int, int]]) -> Range:
        return Range(self._app, self._ws, areas)

    def get_CLSID(self) -> str:
        return RANGE_IID

    def __call__(self, row: int, col: int = 1) -> Range:
        self._app.count("Range()")
        r1, c1 = self._areas[0][:2]
        r, c = r1 + int(row) - 1, c1 + int(col) - 1
        return self._sub([(r, c, r, c)])

    # values
    def _com_value(self, r: int, c: int) -> Any:
        cell = self._model.peek(r, c)
        value = cell.value
        if isinstance(value, ErrorValue):
            return COM_ERRORS[str(value)]
        if isinstance(value, dt.datetime):
            return com_date(value)
        if isinstance(value, float) and is_currency(cell.number_format):
            return Decimal(round(value * 10000)) / Decimal(10000)
        return value

    def get_Value(self) -> Any:
        r1, c1, r2, c2 = self._areas[0]
        if (r1, c1) == (r2, c2):
            return self._com_value(r1, c1)
        return tuple(tuple(self._com_value(r, c) for c in range(c1, c2 + 1))
                     for r in range(r1, r2 + 1))

    def put_Value(self, data: Any) -> None:
        for r1, c1, r2, c2 in self._areas:
            rows = data if isinstance(data, list | tuple) else [[data] * (c2 - c1 + 1)] * (
                r2 - r1 + 1)
            for i, row in enumerate(rows):
                row = row if isinstance(row, list | tuple) else [row]
                for j, value in enumerate(row):
                    if r1 + i > r2 or c1 + j > c2:
                        continue
                    if isinstance(value, Decimal):
                        value = float(value)
                    cell = self._model.cell(r1 + i, c1 + j)
                    cell.value, cell.formula = typed(value)

    def get_Formula(self) -> Any:
        r1, c1 = self._areas[0][:2]
        cell = self._model.peek(r1, c1)
        return cell.formula or ("" if cell.value is None else str(cell.value))

    def get_NumberFormat(self) -> Any:
        formats = {self._model.peek(r, c).number_format for r, c in self._cells()}
        return formats.pop() if len(formats) == 1 else None

    # geometry
    def get_Row(self) -> int:
        return self._areas[0][0]

    def get_Column(self) -> int:
        return self._areas[0][1]

    def get_Rows(self) -> Lines:
        r1, _, r2, _ = self._areas[0]
        return Lines(self._app, self, r2 - r1 + 1)

    def get_Columns(self) -> Lines:
        _, c1, _, c2 = self._areas[0]
        return Lines(self._app, self, c2 - c1 + 1)

    def get_Count(self) -> int:
        return sum((a[2] - a[0] + 1) * (a[3] - a[1] + 1) for a in self._areas)

    def get_Worksheet(self) -> Worksheet:
        return self._ws

    get_Parent = get_Worksheet

    def get_Application(self) -> Application:
        return self._ws._application

    def get_Address(self) -> str:
        return ",".join(area_address(a) for a in self._areas)

    def call_GetAddress(self, *args: Any) -> str:
        return self.get_Address()

    def get_Areas(self) -> Areas:
        return Areas(self._app, self)

    # merged cells
    def get_MergeCells(self) -> bool | None:
        total = self.get_Count()
        merged = 0
        for r1, c1, r2, c2 in self._areas:
            for m1, n1, m2, n2 in self._model.merges:
                h = min(r2, m2) - max(r1, m1) + 1
                w = min(c2, n2) - max(c1, n1) + 1
                merged += max(h, 0) * max(w, 0) if h > 0 and w > 0 else 0
        return True if merged == total else False if merged == 0 else None

    def get_MergeArea(self) -> Range:
        r, c = self._areas[0][:2]
        area = self._model.merge_at(r, c) or (r, c, r, c)
        return self._sub([area])

    # formatting
    def get_Interior(self) -> Interior:
        return Interior(self._app, self)

    def get_Font(self) -> Font:
        return Font(self._app, self)

    def _uniform(self, attribute: str) -> Any:
        values = {getattr(self._model.peek(r, c), attribute) for r, c in self._cells()}
        return values.pop() if len(values) == 1 else None

    def _set_all(self, attribute: str, value: Any) -> None:
        for r, c in self._cells():
            setattr(self._model.cell(r, c), attribute, value)

    def get_WrapText(self) -> bool | None:
        return self._uniform("wrap")

    def put_WrapText(self, value: bool) -> None:
        self._set_all("wrap", bool(value))

    def get_VerticalAlignment(self) -> int | None:
        name = self._uniform("valign")
        return VALIGN.get(name) if name else None

    def put_VerticalAlignment(self, value: int) -> None:
        names = {v: k for k, v in VALIGN.items()}
        self._set_all("valign", names[value])

    def get_ColumnWidth(self) -> float | None:
        _, c1, _, c2 = self._areas[0]
        widths = {self._model.widths.get(c, 8.43) for c in range(c1, c2 + 1)}
        return widths.pop() if len(widths) == 1 else None

    def put_ColumnWidth(self, value: float) -> None:
        for _, c1, _, c2 in self._areas:
            for c in range(c1, c2 + 1):
                self._model.widths[c] = float(value)

    # notes, links, validation
    def get_Comment(self) -> Comment | None:
        r, c = self._areas[0][:2]
        return Comment(self._app, self._ws, r, c) if self._model.peek(r, c).note is not None \
            else None

    def call_AddComment(self, Text: Any = None) -> Comment:
        r1, c1, r2, c2 = self._areas[0]
        if len(self._areas) > 1 or (r1, c1) != (r2, c2):
            raise excel_error("AddComment method of Range class failed")
        cell = self._model.cell(r1, c1)
        if cell.note is not None:
            raise excel_error("AddComment method of Range class failed")
        cell.note = "" if Text is None else str(Text)
        return Comment(self._app, self._ws, r1, c1)

    def call_ClearComments(self) -> None:
        for r, c in self._cells():
            if (r, c) in self._model.cells:
                self._model.cells[(r, c)].note = None

    def get_Hyperlinks(self) -> Hyperlinks:
        return Hyperlinks(self._app, self)

    def get_Validation(self) -> Validation:
        return Validation(self._app, self)

    def call_SpecialCells(self, Type: int, Value: Any = None) -> Range:
        raise excel_error("No cells were found.")

    def call_ExportAsFixedFormat(self, **kwargs: Any) -> None:
        export(self._app, kwargs)


class Lines(Com):
    """Range.Rows / Range.Columns: a count and AutoFit."""

    def __init__(self, app: AppModel, parent: Range, count: int) -> None:
        super().__init__(app)
        object.__setattr__(self, "_count", count)

    def get_Count(self) -> int:
        return self._count

    def call_AutoFit(self) -> None:
        pass


class Areas(Com):
    """Range.Areas."""

    def __init__(self, app: AppModel, parent: Range) -> None:
        super().__init__(app)
        object.__setattr__(self, "_parent", parent)

    def get_Count(self) -> int:
        return len(self._parent._areas)

    def call_Item(self, index: int) -> Range:
        return self._parent._sub([self._parent._areas[index - 1]])

    def __iter__(self):
        return iter([self._parent._sub([a]) for a in self._parent._areas])


class Interior(Com):
    """Range.Interior: Color is a BGR integer, ColorIndex -4142 means no fill."""

    def __init__(self, app: AppModel, parent: Range) -> None:
        super().__init__(app)
        object.__setattr__(self, "_parent", parent)

    def get_ColorIndex(self) -> int | None:
        fills = {self._parent._model.peek(r, c).fill is None for r, c in self._parent._cells()}
        if len(fills) > 1:
            return None
        return XL_NONE if fills.pop() else 1

    def put_ColorIndex(self, value: int) -> None:
        if value == XL_NONE:
            self._parent._set_all("fill", None)

    def get_Color(self) -> int | None:
        fill = self._parent._uniform("fill") if self._parent.get_Count() else None
        fills = {self._parent._model.peek(r, c).fill for r, c in self._parent._cells()}
        if len(fills) > 1:
            return None
        fill = fills.pop()
        r, g, b = fill if fill is not None else (255, 255, 255)
        return r + g * 256 + b * 65536

    def put_Color(self, value: int) -> None:
        value = int(value)
        self._parent._set_all("fill", (value % 256, value // 256 % 256, value // 65536 % 256))


class Font(Com):
    """Range.Font."""

    def __init__(self, app: AppModel, parent: Range) -> None:
        super().__init__(app)
        object.__setattr__(self, "_parent", parent)

    def get_Bold(self) -> bool | None:
        return self._parent._uniform("bold")

    def put_Bold(self, value: bool) -> None:
        self._parent._set_all("bold", bool(value))


class Comment(Com):
    """A note (Range.Comment): Text() reads, Text(value) writes."""

    def __init__(self, app: AppModel, worksheet: Worksheet, row: int, col: int) -> None:
        super().__init__(app)
        object.__setattr__(self, "_ws", worksheet)
        object.__setattr__(self, "_at", (row, col))

    def call_Text(self, Text: Any = None, Start: Any = None, Overwrite: Any = None) -> str:
        cell = self._ws._sheet.cell(*self._at)
        if Text is not None:
            cell.note = str(Text)
        return cell.note or ""

    def call_Delete(self) -> None:
        self._ws._sheet.cell(*self._at).note = None

    def get_Author(self) -> str:
        return "Coordinator"

    def get_Parent(self) -> Range:
        r, c = self._at
        return Range(self._app, self._ws, [(r, c, r, c)])


class Hyperlinks(Com):
    """Range.Hyperlinks."""

    def __init__(self, app: AppModel, parent: Range) -> None:
        super().__init__(app)
        object.__setattr__(self, "_parent", parent)

    def call_Add(self, Anchor: Any, Address: str, SubAddress: Any = None,
                 ScreenTip: Any = None, TextToDisplay: Any = None) -> Hyperlink:
        anchor = _inner(Anchor)
        r, c = anchor._areas[0][:2]
        cell = anchor._model.cell(r, c)
        cell.link = str(Address).lstrip("#")
        if cell.value is None:
            cell.value = str(Address)
        return Hyperlink(self._app, anchor, r, c)


class Hyperlink(Com):
    """One hyperlink: what it shows and its tip."""

    def __init__(self, app: AppModel, parent: Range, row: int, col: int) -> None:
        super().__init__(app)
        object.__setattr__(self, "_cell", parent._model.cell(row, col))

    def put_TextToDisplay(self, value: str) -> None:
        self._cell.value = str(value)

    def put_ScreenTip(self, value: str) -> None:
        pass


class Validation(Com):
    """Range.Validation: list drop-downs (Type 3 = xlValidateList)."""

    def __init__(self, app: AppModel, parent: Range) -> None:
        super().__init__(app)
        object.__setattr__(self, "_parent", parent)

    def _address(self) -> str:
        return ",".join(area_address(a, absolute=False) for a in self._parent._areas)

    def get_Type(self) -> int:
        if any(a == self._address() for a, _ in self._parent._model.validations):
            return 3
        raise excel_error("Application-defined or object-defined error")

    def call_Add(self, Type: int, AlertStyle: Any = None, Operator: Any = None,
                 Formula1: Any = None, Formula2: Any = None) -> None:
        if any(a == self._address() for a, _ in self._parent._model.validations):
            raise excel_error("Application-defined or object-defined error")
        if Type == 3:
            self._parent._model.validations.append((self._address(), str(Formula1)))

    def call_Delete(self) -> None:
        model = self._parent._model
        model.validations = [v for v in model.validations if v[0] != self._address()]

    def put_InCellDropdown(self, value: bool) -> None:
        pass


# -- finding Excel's window (what xlwings asks Win32 for) ------------------------------
EXCELS: list[Application] = []
"""The running Excel instances, in Z-order."""


def start_excel(app: AppModel) -> Application:
    """A running Excel instance on the model (the top window)."""
    application = Application(app, 1000 + len(EXCELS) * 10)
    EXCELS.insert(0, application)
    return application


def stop_all() -> None:
    """Close every Excel instance (between tests)."""
    EXCELS.clear()


def _by_hwnd(hwnd: int) -> Application | None:
    for application in EXCELS:
        if hwnd in (application._hwnd, application._hwnd + 1, application._hwnd + 2):
            return application
    return None


class _User32:
    def GetTopWindow(self, parent: Any) -> int:
        return EXCELS[0]._hwnd if EXCELS else 0

    def GetWindow(self, hwnd: int, cmd: int) -> int:
        hwnds = [a._hwnd for a in EXCELS]
        i = hwnds.index(hwnd) if hwnd in hwnds else len(hwnds)
        return hwnds[i + 1] if i + 1 < len(hwnds) else 0

    def GetForegroundWindow(self) -> int:
        return self.GetTopWindow(None)

    def SetForegroundWindow(self, hwnd: int) -> int:
        return 1

    def SetWindowPos(self, *args: Any) -> int:
        return 1


class _Oleacc:
    def AccessibleObjectFromWindow(self, hwnd: int, objid: int, iid: Any, ptr: Any) -> int:
        if _by_hwnd(hwnd) is None:
            raise OSError("no accessible object")
        ptr._obj.value = hwnd
        return 0


class _Ole32:
    def CLSIDFromString(self, text: str, guid: Any) -> int:
        return 0


class _Dll:
    def __init__(self, **libraries: Any) -> None:
        self.__dict__.update(libraries)


class _PyDll:
    def __init__(self, path: Any) -> None:
        self.PyCom_PyObjectFromIUnknown = _object_from_iunknown


class _Function:
    restype: Any = None

    def __call__(self, ptr: Any, iid: Any, add_ref: bool) -> Any:
        application = _by_hwnd(ptr.value)
        app = application._app
        return Window(app, application, app.book() if app.books else None)


_object_from_iunknown = _Function()


def _find_window_ex(parent: int, after: int, cls: str, title: Any) -> int:
    application = _by_hwnd(parent)
    if application is None:
        return 0
    return parent + 1 if cls == "XLDESK" else parent + 1 if cls == "EXCEL7" else 0


def _message_box(hwnd: int, text: str, title: str, style: int) -> int:
    """win32api.MessageBox: recorded; answered from the queue, else the first button."""
    application = _by_hwnd(hwnd)
    app = application._app if application else AppModel()
    buttons = {0: ["ok"], 1: ["ok", "cancel"], 4: ["yes", "no"], 3: ["yes", "no", "cancel"]}
    names = buttons[style & 0xF]
    mode = "critical" if style & 0x30 == 0x30 else "info" if style & 0x40 else None
    app.alerts.append({"prompt": text, "title": title, "buttons": names, "mode": mode})
    answer = app.alert_answers.pop(0) if app.alert_answers else names[0]
    return {"ok": 1, "cancel": 2, "yes": 6, "no": 7}[answer]


def _modules() -> dict[str, types.ModuleType]:
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = com_error
    pywintypes.error = OSError
    pywintypes.TimeType = TimeType
    pywintypes.datetime = TimeType
    pywintypes.IID = lambda text: text
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.__file__ = "pythoncom311.dll"
    pythoncom.CoInitialize = lambda: None
    pythoncom.ole_error = com_error
    pythoncom.new = lambda clsid: None
    pythoncom.IID_IDispatch = "{00020400-0000-0000-C000-000000000046}"
    pythoncom.CoMarshalInterThreadInterfaceInStream = lambda iid, obj: obj
    pythoncom.CoGetInterfaceAndReleaseStream = lambda stream, iid: stream
    win32api = types.ModuleType("win32api")
    win32api.MessageBox = _message_box
    win32con = types.ModuleType("win32con")
    for name, value in {"MB_OK": 0, "MB_OKCANCEL": 1, "MB_YESNOCANCEL": 3, "MB_YESNO": 4,
                        "MB_ICONWARNING": 0x30, "MB_ICONINFORMATION": 0x40}.items():
        setattr(win32con, name, value)
    win32gui = types.ModuleType("win32gui")
    win32gui.FindWindowEx = _find_window_ex
    win32process = types.ModuleType("win32process")
    win32process.GetWindowThreadProcessId = lambda hwnd: (1, 4000 + hwnd)
    win32timezone = types.ModuleType("win32timezone")
    win32timezone.TimeZoneInfo = type("TimeZoneInfo", (), {"utc": staticmethod(lambda: UTC)})
    client = types.ModuleType("win32com.client")
    client.CDispatch = CDispatch
    client.CoClassBaseClass = CoClassBaseClass
    client.DispatchBaseClass = DispatchBaseClass
    client.Dispatch = lambda obj, *args, **kwargs: obj
    client.DispatchEx = _dispatch_ex
    win32com = types.ModuleType("win32com")
    win32com.client = client
    return {"pywintypes": pywintypes, "pythoncom": pythoncom, "win32api": win32api,
            "win32con": win32con, "win32gui": win32gui, "win32process": win32process,
            "win32timezone": win32timezone, "win32com": win32com, "win32com.client": client}


def _dispatch_ex(progid: str) -> Application:
    """DispatchEx('Excel.Application'): a new Excel instance without books."""
    return start_excel(AppModel())


_LOADED: types.ModuleType | None = None


def load() -> types.ModuleType:
    """xlwings._xlwindows, imported with pywin32 and the Win32 DLLs stood in for."""
    global _LOADED
    if _LOADED is not None:
        return _LOADED
    fakes = _modules()
    saved = {name: sys.modules.get(name) for name in fakes}
    patched = {"oledll": _Dll(ole32=_Ole32(), oleacc=_Oleacc()), "windll": _Dll(user32=_User32()),
               "PyDLL": _PyDll}
    before = {name: getattr(ctypes, name, None) for name in patched}
    sys.modules.update(fakes)
    for name, value in patched.items():
        setattr(ctypes, name, value)
    try:
        module = importlib.import_module("xlwings._xlwindows")
    finally:
        for name, value in before.items():
            if value is None:
                delattr(ctypes, name)
            else:
                setattr(ctypes, name, value)
        for name, previous in saved.items():
            if previous is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = previous
    module.WindowsError = OSError  # a builtin on Windows, named in xlwings' except clauses
    _LOADED = module
    return module


_UDFS: types.ModuleType | None = None


def load_udfs() -> types.ModuleType:
    """xlwings' own ``udfs.py`` (``call_udf``: what the COM server runs for a PD_ cell).

    Loaded as a private copy over the same stand-ins, not registered in
    sys.modules, so nothing else sees a Windows-flavoured xlwings.udfs.
    """
    global _UDFS
    if _UDFS is not None:
        return _UDFS
    from addin.excel.package import private_xlwings_udfs

    load()
    module = private_xlwings_udfs(_modules())
    _UDFS = module
    return module


def _decorated_udfs(udfs: types.ModuleType) -> types.ModuleType:
    """ProdDesk's UDF module as Windows xlwings sees it: decorated by the real xlfunc/xlarg.

    Off Windows ``xw.func`` is a no-op; here the module is executed once more with
    xlwings' own decorators in place (as ``addin.excel.package.udf_vba`` does).
    """
    import importlib.util

    import xlwings as xw

    import addin.excel.udfs as product

    real = {"func": udfs.xlfunc, "arg": udfs.xlarg, "ret": udfs.xlret}
    saved = {name: getattr(xw, name) for name in real}
    for name, value in real.items():
        setattr(xw, name, value)
    try:
        spec = importlib.util.spec_from_file_location("addin.excel.udfs", product.__file__)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        for name, value in saved.items():
            setattr(xw, name, value)
    return module


def call_udf(func_name: str, args: tuple, workbook: Any, caller: Any) -> Any:
    """What Excel's VBA wrapper makes the COM server do for one cell of a PD_ function.

    xlwings' ``com_server`` (its COM server and thread loop, Windows-only) is
    stood in by a module whose ``loop`` is None: only async UDFs would use it.
    """
    udfs = load_udfs()
    if "addin.excel.udfs" not in udfs.udf_modules:
        udfs.udf_modules["addin.excel.udfs"] = {
            "filename": "", "filetime": None, "module": _decorated_udfs(udfs)}
    saved = sys.modules.get("xlwings.com_server")
    sys.modules["xlwings.com_server"] = types.SimpleNamespace(loop=None)
    try:
        return udfs.call_udf("addin.excel.udfs", func_name, args, workbook, caller)
    finally:
        if saved is None:
            sys.modules.pop("xlwings.com_server", None)
        else:
            sys.modules["xlwings.com_server"] = saved
