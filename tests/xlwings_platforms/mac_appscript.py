"""A stand-in for appscript, aem, osax and mactypes, so that xlwings' own ``_xlmac.py`` runs.

``load()`` imports ``xlwings._xlmac`` with these modules in ``sys.modules`` (they
stay there: nothing on Linux has them otherwise) and with ``lsappinfo``
answered for xlwings' ``Apps._iter_excel_instances``. An appscript reference
(``app.workbooks["b.xlsx"].worksheets["Crew"].cells["A1:C3"].value``) is a
path; ``get()``, ``set()`` and commands are one Apple event each and are
answered from the shared workbook model like Excel for Mac's AppleScript
dictionary does (see README.md).
"""

from __future__ import annotations

import importlib
import struct
import sys
import types
from pathlib import Path
from typing import Any

from tests.xlwings_platforms.model import (
    AppModel,
    BookModel,
    ErrorValue,
    SheetModel,
    area_address,
    load_xlsx,
    parse_areas,
    typed,
)


# -- appscript basics -----------------------------------------------------------------
class Keyword:
    """appscript.k.name: an AppleScript constant, equal by name."""

    def __init__(self, name: str) -> None:
        self.AS_name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Keyword) and other.AS_name == self.AS_name

    def __hash__(self) -> int:
        return hash(self.AS_name)

    def __repr__(self) -> str:
        return f"k.{self.AS_name}"


class _K:
    def __getattr__(self, name: str) -> Keyword:
        if name.startswith("__"):
            raise AttributeError(name)
        return Keyword(name)


k = _K()
MISSING = k.missing_value


class CommandError(Exception):
    """appscript.reference.CommandError: an Apple event Excel answered with an error."""

    def __init__(self, number: int, message: str = "") -> None:
        super().__init__(f"Command failed: OSERROR: {number} MESSAGE: {message}")
        self.errornumber = number
        self.errormessage = message


def cant_get(what: str) -> CommandError:
    """What Excel answers for an object that is not there (errAENoSuchObject)."""
    return CommandError(-1728, f"Can't get {what}.")


VALIGN = {"top": k.vertical_alignment_top, "center": k.vertical_alignment_center,
          "bottom": k.vertical_alignment_bottom}


class Ref:
    """An appscript reference: attribute and item steps from the application."""

    def __init__(self, excel: Excel, path: tuple = ()) -> None:
        self._excel = excel
        self._path = path

    def __getattr__(self, name: str) -> Ref:
        if name.startswith("__"):
            raise AttributeError(name)
        return Ref(self._excel, (*self._path, ("a", name)))

    def __getitem__(self, key: Any) -> Ref:
        return Ref(self._excel, (*self._path, ("i", key)))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        *base, (_, command) = self._path
        return self._excel.command(tuple(base), command, args, kwargs)

    def get(self) -> Any:
        """The property's value (one Apple event)."""
        return self._excel.get(self._path)

    def set(self, value: Any) -> None:
        """Set the property (one Apple event)."""
        self._excel.set(self._path, value)

    def exists(self) -> bool:
        """Whether the object is there."""
        try:
            self._excel.resolve(self._path)
            return True
        except CommandError:
            return False

    def properties(self) -> dict:
        """The object's properties record."""
        return self._excel.command(self._path, "properties", (), {})

    def __repr__(self) -> str:
        return f"app('Microsoft Excel'){''.join(str(s) for s in self._path)}"


# -- the nodes a reference resolves to --------------------------------------------------
class Node:
    """An object of Excel's AppleScript dictionary."""

    excel: Excel

    def child(self, name: str) -> Node | None:
        return None

    def item(self, key: Any) -> Node:
        raise cant_get(f"item {key!r}")

    def get_prop(self, name: str) -> Any:
        getter = getattr(self, "p_" + name, None)
        if getter is None:
            raise CommandError(-1728, f"Can't get {name}.")
        return getter()

    def set_prop(self, name: str, value: Any) -> None:
        setter = getattr(self, "s_" + name, None)
        if setter is None:
            raise CommandError(-10006, f"Can't set {name}.")
        setter(value)

    def cmd(self, name: str, args: tuple, kwargs: dict) -> Any:
        method = getattr(self, "c_" + name, None)
        if method is None:
            raise CommandError(-1708, f"{type(self).__name__} doesn't understand {name}.")
        return method(*args, **kwargs)


class Collection(Node):
    def __init__(self, excel: Excel, lookup: Any) -> None:
        self.excel, self.lookup = excel, lookup

    def item(self, key: Any) -> Node:
        return self.lookup(key)


class AppNode(Node):
    """The application."""

    def __init__(self, excel: Excel) -> None:
        self.excel = excel
        self.model = excel.model

    def child(self, name: str) -> Node | None:
        if name == "workbooks":
            return Collection(self.excel, self._book)
        if name == "active_workbook":
            return BookNode(self.excel, self.model.book())
        if name == "active_window":
            return WindowNode(self.excel, self.model.book())
        if name == "AS_appdata":
            return AppData(self.excel)
        return None

    def _book(self, key: Any) -> BookNode:
        books = self.model.books
        if isinstance(key, int):
            if not 1 <= key <= len(books):
                raise cant_get(f"workbook {key}")
            return BookNode(self.excel, books[key - 1])
        for book in books:
            if book.name.lower() == str(key).lower():
                return BookNode(self.excel, book)
        raise cant_get(f"workbook {key!r}")

    def p_screen_updating(self) -> bool:
        return self.model.screen_updating

    def s_screen_updating(self, value: bool) -> None:
        self.model.screen_updating = bool(value)

    def p_display_alerts(self) -> bool:
        return self.model.display_alerts

    def s_display_alerts(self, value: bool) -> None:
        self.model.display_alerts = bool(value)

    def p_status_bar(self) -> Any:
        return self.model.status_bar

    def s_status_bar(self, value: Any) -> None:
        self.model.status_bar = value

    def p_version(self) -> str:
        return "16.91"

    def c_count(self, each: Keyword) -> int:
        return len(self.model.books)

    def c_get_international(self, data_type: Any = None) -> str:
        return ","

    def c_open_workbook(self, workbook_file_name: str, **options: Any) -> None:
        path = Path(workbook_file_name)
        for i, book in enumerate(self.model.books):
            if book.fullname == str(path.resolve()):
                self.model.active_book = i
                return
        if not path.exists():
            raise CommandError(-50, f"Parameter error: {workbook_file_name}")
        self.model.books.append(load_xlsx(path))
        self.model.active_book = len(self.model.books) - 1

    def c_intersect(self, range1: Any = None, range2: Any = None) -> Any:
        raise CommandError(-1728, "Can't get intersection.")


class AppData(Node):
    """app.AS_appdata.target().addressdesc.coerce(typeKernelProcessID).data: the pid."""

    def __init__(self, excel: Excel) -> None:
        self.excel = excel

    def c_target(self) -> Any:
        data = struct.pack("i", self.excel.pid)
        desc = types.SimpleNamespace(data=data)
        return types.SimpleNamespace(addressdesc=types.SimpleNamespace(coerce=lambda t: desc))


class BookNode(Node):
    """A workbook."""

    def __init__(self, excel: Excel, book: BookModel) -> None:
        self.excel, self.book = excel, book

    def child(self, name: str) -> Node | None:
        if name in ("worksheets", "sheets"):
            return Collection(self.excel, self._sheet)
        if name == "active_sheet":
            return SheetNode(self.excel, self.book, self.book.sheets[self.book.active])
        if name == "windows":
            return Collection(self.excel, lambda key: WindowNode(self.excel, self.book))
        return None

    def _sheet(self, key: Any) -> SheetNode:
        if isinstance(key, int):
            if not 1 <= key <= len(self.book.sheets):
                raise cant_get(f"worksheet {key}")
            return SheetNode(self.excel, self.book, self.book.sheets[key - 1])
        try:
            return SheetNode(self.excel, self.book, self.book.sheet(str(key)))
        except KeyError:
            raise cant_get(f"worksheet {key!r}") from None

    def p_name(self) -> str:
        return self.book.name

    def c_properties(self) -> dict:
        full = Path(self.book.fullname)
        return {k.full_name: self.book.fullname, k.name: self.book.name,
                k.path: str(full.parent) if full.is_absolute() else "",
                k.file_format: k.Excel_XML_file_format}

    def c_count(self, each: Keyword) -> int:
        return len(self.book.sheets)

    def c_make(self, new: Keyword, at: Any = None, **kwargs: Any) -> Ref:
        sheets = self.book.sheets
        taken = {s.name.lower() for s in sheets}
        n = 1
        while f"sheet{n}" in taken:
            n += 1
        sheet = SheetModel(f"Sheet{n}")
        position = self.excel.resolve(at._path) if at is not None else None
        if isinstance(position, PositionNode):
            index = sheets.index(position.sheet) + (1 if position.after else 0)
        else:
            index = self.book.active
        sheets.insert(index, sheet)
        self.book.active = index
        return self.excel.ref_to_sheet(self.book, sheet)

    def c_activate_object(self) -> None:
        self.excel.model.active_book = self.excel.model.books.index(self.book)

    def c_save(self, **kwargs: Any) -> None:
        if kwargs.get("as_") == k.PDF_file_format:
            self.excel.model.alerts.append({"export": {"path": kwargs.get("in_")}})
            raise CommandError(-50, "Parameter error.")
        self.book.saves += 1

    def c_close(self, saving: Any = None) -> None:
        self.excel.model.books.remove(self.book)


class WindowNode(Node):
    """A workbook window: freeze panes, split row and split column act on the sheet it shows."""

    def __init__(self, excel: Excel, book: BookModel) -> None:
        self.excel, self.book = excel, book

    def _sheet(self) -> SheetModel:
        return self.book.sheets[self.book.active]

    def p_freeze_panes(self) -> bool:
        return self._sheet().frozen_rows > 0

    def s_freeze_panes(self, value: bool) -> None:
        sheet = self._sheet()
        sheet.frozen_rows = getattr(sheet, "_split_row", 0) if value else 0
        sheet.frozen_columns = getattr(sheet, "_split_column", 0) if value else 0

    def p_split_row(self) -> int:
        return getattr(self._sheet(), "_split_row", 0)

    def s_split_row(self, value: int) -> None:
        self._sheet()._split_row = int(value)  # type: ignore[attr-defined]

    def s_split_column(self, value: int) -> None:
        self._sheet()._split_column = int(value)  # type: ignore[attr-defined]


class PositionNode(Node):
    """``sheet.before`` / ``sheet.after``: an insertion location."""

    def __init__(self, excel: Excel, sheet: SheetModel, after: bool) -> None:
        self.excel, self.sheet, self.after = excel, sheet, after


class SheetNode(Node):
    """A worksheet."""

    def __init__(self, excel: Excel, book: BookModel, sheet: SheetModel) -> None:
        self.excel, self.book, self.sheet = excel, book, sheet

    def _range(self, areas: list[tuple[int, int, int, int]]) -> RangeNode:
        return RangeNode(self.excel, self.book, self.sheet, areas)

    def child(self, name: str) -> Node | None:
        if name in ("cells", "ranges"):
            return Collection(self.excel, self._cells)
        if name == "rows":
            return Collection(self.excel, self._row)
        if name == "columns":
            return Collection(self.excel, self._cells)
        if name == "used_range":
            return self._range([self.sheet.used_box()])
        if name in ("after", "before"):
            return PositionNode(self.excel, self.sheet, name == "after")
        return None

    def _cells(self, address: Any) -> RangeNode:
        try:
            return self._range(parse_areas(str(address)))
        except ValueError:
            raise cant_get(f"range {address!r}") from None

    def _row(self, key: Any) -> Node:
        if isinstance(key, int):
            return RowNode(self, key)
        return self._cells(key)

    def p_name(self) -> str:
        return self.sheet.name

    def s_name(self, value: str) -> None:
        value = str(value)
        others = [s.name.lower() for s in self.book.sheets if s is not self.sheet]
        if (not value or len(value) > 31 or any(ch in value for ch in "[]:*?/\\")
                or value.lower() in others):
            raise CommandError(-50, "Parameter error.")
        self.sheet.name = value

    def p_entry_index(self) -> int:
        return self.book.sheets.index(self.sheet) + 1

    def p_visible(self) -> Keyword:
        return k.sheet_visible if self.sheet.visible else k.sheet_hidden

    def s_visible(self, value: Any) -> None:
        visible = value is True or value == k.sheet_visible
        if not visible and [s for s in self.book.sheets if s.visible] == [self.sheet]:
            raise CommandError(-50, "Parameter error.")
        self.sheet.visible = visible

    def c_count(self, each: Keyword) -> int:
        return 1048576 if each == k.row else 16384

    def c_activate_object(self) -> None:
        if not self.sheet.visible:
            raise CommandError(-50, "Parameter error.")
        self.book.active = self.book.sheets.index(self.sheet)

    def c_delete(self) -> None:
        if [s for s in self.book.sheets if s.visible] == [self.sheet]:
            raise CommandError(-50, "Parameter error.")
        index = self.book.sheets.index(self.sheet)
        self.book.sheets.remove(self.sheet)
        if self.book.active >= index:
            self.book.active = max(0, self.book.active - 1)


class RowNode(Node):
    """``sheet.rows[n]``: its columns[m] is one cell."""

    def __init__(self, sheet: SheetNode, row: int) -> None:
        self.excel, self.sheet, self.row = sheet.excel, sheet, row

    def child(self, name: str) -> Node | None:
        if name == "columns":
            return Collection(self.excel,
                              lambda col: self.sheet._range([(self.row, col, self.row, col)]))
        return None


class RangeNode(Node):
    """A range of cells (one or more areas)."""

    def __init__(self, excel: Excel, book: BookModel, sheet: SheetModel,
                 areas: list[tuple[int, int, int, int]]) -> None:
        self.excel, self.book, self.sheet, self.areas = excel, book, sheet, areas

    def cells(self):
        for r1, c1, r2, c2 in self.areas:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    yield r, c

    def child(self, name: str) -> Node | None:
        if name == "interior_object":
            return Interior(self)
        if name == "font_object":
            return Font(self)
        if name == "validation":
            return Validation(self)
        if name == "Excel_comment":
            return CommentNode(self)
        if name == "merge_area":
            r, c = self.areas[0][:2]
            return RangeNode(self.excel, self.book, self.sheet,
                             [self.sheet.merge_at(r, c) or (r, c, r, c)])
        return None

    def _mac_value(self, r: int, c: int) -> Any:
        value = self.sheet.peek(r, c).value
        if value is None:
            return ""
        if isinstance(value, ErrorValue):
            return MISSING
        return value

    def _grid(self, read: Any) -> Any:
        r1, c1, r2, c2 = self.areas[0]
        if (r1, c1) == (r2, c2):
            return read(r1, c1)
        return [[read(r, c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def p_value(self) -> Any:
        return self._grid(self._mac_value)

    def p_string_value(self) -> Any:
        def shown(r: int, c: int) -> str:
            value = self.sheet.peek(r, c).value
            return "" if value is None else str(value)

        return self._grid(shown)

    def s_value(self, data: Any) -> None:
        for r1, c1, r2, c2 in self.areas:
            rows = data if isinstance(data, list) else [[data] * (c2 - c1 + 1)] * (r2 - r1 + 1)
            for i, row in enumerate(rows):
                row = row if isinstance(row, list) else [row]
                for j, value in enumerate(row):
                    if r1 + i <= r2 and c1 + j <= c2:
                        cell = self.sheet.cell(r1 + i, c1 + j)
                        cell.value, cell.formula = typed(value)

    def p_first_row_index(self) -> int:
        return self.areas[0][0]

    def p_first_column_index(self) -> int:
        return self.areas[0][1]

    def c_count(self, each: Keyword) -> int:
        r1, c1, r2, c2 = self.areas[0]
        if each == k.row:
            return r2 - r1 + 1
        if each == k.column:
            return c2 - c1 + 1
        return sum((a[2] - a[0] + 1) * (a[3] - a[1] + 1) for a in self.areas)

    def c_get_address(self, **kwargs: Any) -> str:
        return ",".join(area_address(a) for a in self.areas)

    def p_merge_cells(self) -> Any:
        total = self.c_count(k.cell)
        merged = 0
        for r1, c1, r2, c2 in self.areas:
            for m1, n1, m2, n2 in self.sheet.merges:
                h, w = min(r2, m2) - max(r1, m1) + 1, min(c2, n2) - max(c1, n1) + 1
                merged += h * w if h > 0 and w > 0 else 0
        return True if merged == total else False if merged == 0 else MISSING

    def _uniform(self, attribute: str) -> Any:
        values = {getattr(self.sheet.peek(r, c), attribute) for r, c in self.cells()}
        return values.pop() if len(values) == 1 else MISSING

    def set_all(self, attribute: str, value: Any) -> None:
        for r, c in self.cells():
            setattr(self.sheet.cell(r, c), attribute, value)

    def p_wrap_text(self) -> Any:
        return self._uniform("wrap")

    def s_wrap_text(self, value: bool) -> None:
        self.set_all("wrap", bool(value))

    def p_vertical_alignment(self) -> Any:
        name = self._uniform("valign")
        return VALIGN.get(name, MISSING) if isinstance(name, str) else MISSING

    def s_vertical_alignment(self, value: Keyword) -> None:
        names = {v: n for n, v in VALIGN.items()}
        self.set_all("valign", names[value])

    def p_column_width(self) -> Any:
        _, c1, _, c2 = self.areas[0]
        widths = {self.sheet.widths.get(c, 8.43) for c in range(c1, c2 + 1)}
        return widths.pop() if len(widths) == 1 else MISSING

    def s_column_width(self, value: float) -> None:
        for _, c1, _, c2 in self.areas:
            for c in range(c1, c2 + 1):
                self.sheet.widths[c] = float(value)

    def c_autofit(self) -> None:
        pass

    def c_add_comment(self, comment_text: str = "") -> Ref:
        r1, c1, r2, c2 = self.areas[0]
        if len(self.areas) > 1 or (r1, c1) != (r2, c2):
            raise CommandError(-50, "Parameter error.")
        cell = self.sheet.cell(r1, c1)
        if cell.note is not None:
            raise CommandError(-50, "Parameter error.")
        cell.note = str(comment_text)
        return self.excel.ref_to_range(self, "Excel_comment")

    def c_clear_Excel_comments(self) -> None:
        for r, c in self.cells():
            if (r, c) in self.sheet.cells:
                self.sheet.cells[(r, c)].note = None

    def c_make(self, new: Keyword, at: Any = None, with_properties: dict | None = None) -> None:
        props = with_properties or {}
        r, c = self.areas[0][:2]
        cell = self.sheet.cell(r, c)
        address = str(props.get(k.address, ""))
        cell.link = address.lstrip("#")
        cell.value = props.get(k.text_to_display) or cell.value or address

    def c_special_cells(self, type: Any = None, **kwargs: Any) -> Any:
        """Only ``cell_type_comments`` finds cells here (the cells that have a note)."""
        noted = [(r, c) for r, c in self.cells()
                 if self.sheet.peek(r, c).note is not None] if type == k.cell_type_comments else []
        if not noted:
            raise CommandError(-50, "No cells were found.")
        address = ",".join(area_address((r, c, r, c)) for r, c in noted)
        return self.excel.ref_to_sheet(self.book, self.sheet).cells[address]


class Interior(Node):
    """interior_object: color is [r, g, b]; color_index is color_index_none without a fill."""

    def __init__(self, parent: RangeNode) -> None:
        self.excel, self.parent = parent.excel, parent

    def p_color_index(self) -> Any:
        fills = {self.parent.sheet.peek(r, c).fill is None for r, c in self.parent.cells()}
        if len(fills) > 1:
            return MISSING
        return k.color_index_none if fills.pop() else 1

    def s_color_index(self, value: Any) -> None:
        if value in (-4142, k.color_index_none):
            self.parent.set_all("fill", None)

    def p_color(self) -> Any:
        fills = {self.parent.sheet.peek(r, c).fill for r, c in self.parent.cells()}
        if len(fills) > 1:
            return MISSING
        fill = fills.pop()
        return list(fill) if fill is not None else [255, 255, 255]

    def s_color(self, value: Any) -> None:
        self.parent.set_all("fill", tuple(int(v) for v in value))


class Font(Node):
    """font_object."""

    def __init__(self, parent: RangeNode) -> None:
        self.excel, self.parent = parent.excel, parent

    def p_bold(self) -> Any:
        return self.parent._uniform("bold")

    def s_bold(self, value: bool) -> None:
        self.parent.set_all("bold", bool(value))


class CommentNode(Node):
    """Excel_comment of a cell: there only when the cell has a note."""

    def __init__(self, parent: RangeNode) -> None:
        self.excel, self.parent = parent.excel, parent
        r, c = parent.areas[0][:2]
        self.cell = parent.sheet.peek(r, c)
        self.at = (r, c)

    def c_Excel_comment_text(self, text: Any = None, **kwargs: Any) -> str:
        cell = self.parent.sheet.cells.get(self.at)
        if cell is None or cell.note is None:
            raise cant_get("Excel comment")
        if text is not None:
            cell.note = str(text)
        return cell.note

    def p_author(self) -> str:
        return "Coordinator"


class Validation(Node):
    """validation of a range: list drop-downs."""

    def __init__(self, parent: RangeNode) -> None:
        self.excel, self.parent = parent.excel, parent

    def _address(self) -> str:
        return ",".join(area_address(a, absolute=False) for a in self.parent.areas)

    def p_validation_type(self) -> Any:
        if any(a == self._address() for a, _ in self.parent.sheet.validations):
            return k.validate_list
        raise CommandError(-1728, "Can't get validation type.")

    def c_add_data_validation(self, type: Any = None, formula1: Any = None,
                              **kwargs: Any) -> None:
        if type == k.validate_list:
            self.parent.sheet.validations.append((self._address(), str(formula1)))

    def c_delete(self) -> None:
        sheet = self.parent.sheet
        sheet.validations = [v for v in sheet.validations if v[0] != self._address()]

    def s_in_cell_dropdown(self, value: bool) -> None:
        pass


# -- one running Excel ------------------------------------------------------------------
class Excel:
    """An Excel for Mac process: answers Apple events from its application model."""

    def __init__(self, model: AppModel, pid: int) -> None:
        self.model, self.pid = model, pid

    def root(self) -> Ref:
        return Ref(self)

    def resolve(self, path: tuple) -> Any:
        node: Any = AppNode(self)
        for kind, key in path:
            if kind == "a":
                child = node.child(key)
                if child is None:
                    raise cant_get(key)
                node = child
            else:
                node = node.item(key)
        return node

    def _prop(self, path: tuple) -> tuple[Node, str]:
        *base, (kind, name) = path
        if kind != "a":
            raise cant_get(str(name))
        return self.resolve(tuple(base)), name

    def get(self, path: tuple) -> Any:
        self.model.count(f"get {path[-1][1]}")
        node, name = self._prop(path)
        return node.get_prop(name)

    def set(self, path: tuple, value: Any) -> None:
        self.model.count(f"set {path[-1][1]}")
        node, name = self._prop(path)
        node.set_prop(name, value)

    def command(self, path: tuple, name: str, args: tuple, kwargs: dict) -> Any:
        self.model.count(name)
        kwargs.pop("timeout", None)
        return self.resolve(path).cmd(name, args, kwargs)

    def ref_to_sheet(self, book: BookModel, sheet: SheetModel) -> Ref:
        return self.root().workbooks[book.name].worksheets[sheet.name]

    def ref_to_range(self, node: RangeNode, attr: str) -> Ref:
        address = ",".join(area_address(a) for a in node.areas)
        return getattr(self.ref_to_sheet(node.book, node.sheet).cells[address], attr)


EXCELS: list[Excel] = []


def start_excel(model: AppModel) -> Excel:
    """A running Excel for Mac on the model (the frontmost one)."""
    excel = Excel(model, 7000 + len(EXCELS))
    EXCELS.insert(0, excel)
    return excel


def stop_all() -> None:
    """Quit every Excel (between tests)."""
    EXCELS.clear()


def _excel(pid: int) -> Excel:
    for excel in EXCELS:
        if excel.pid == pid:
            return excel
    raise CommandError(-600, "Application isn't running.")


class _SystemEvents:
    """appscript.app('System Events'): processes[...].visible / frontmost."""

    def __getattr__(self, name: str) -> Any:
        return self

    def __getitem__(self, key: Any) -> Any:
        return self

    def get(self) -> list:
        return [True]

    def set(self, value: Any) -> None:
        pass


def _app(name: str | None = None, pid: int | None = None, terms: Any = None,
         newinstance: bool = False, hide: bool = False) -> Any:
    """appscript.app(...)."""
    if name == "System Events":
        return _SystemEvents()
    if pid is not None:
        return _excel(pid).root()
    return start_excel(AppModel()).root()


class _Its:
    def __getattr__(self, name: str) -> Any:
        return self

    def __eq__(self, other: object) -> bool:  # its.unix_id == pid
        return True

    __hash__ = object.__hash__


class OSAX:
    """osax.OSAX(pid=...): StandardAdditions sent to Excel (display alert, display dialog)."""

    def __init__(self, *args: Any, pid: int | None = None, **kwargs: Any) -> None:
        self.excel = _excel(pid) if pid is not None else EXCELS[0]

    def activate(self) -> None:
        """Bring Excel to the front."""

    def display_alert(self, title: str, message: str = "", buttons: Any = "OK",
                      as_: Any = None, **kwargs: Any) -> dict:
        """Recorded; answered from the queue, else the default (rightmost) button."""
        names = [buttons] if isinstance(buttons, str) else list(buttons)
        mode = {k.critical: "critical", k.informational: "info"}.get(as_)
        model = self.excel.model
        model.count("display alert")
        model.alerts.append({"prompt": message, "title": title,
                             "buttons": [n.lower() for n in names], "mode": mode})
        answer = model.alert_answers.pop(0) if model.alert_answers else names[-1].lower()
        chosen = next(n for n in names if n.lower() == answer)
        return {k.button_returned: chosen}

    def display_dialog(self, text: str, default_answer: str = "", with_title: str = "",
                       buttons: Any = None, default_button: Any = None,
                       cancel_button: Any = None, **kwargs: Any) -> dict:
        """A question with a text field: the typed text, or error -128 on Cancel."""
        model = self.excel.model
        model.count("display dialog")
        model.asked.append({"prompt": text, "title": with_title, "default": default_answer})
        answer = model.inputs.pop(0) if model.inputs else default_answer
        if answer is None:
            raise CommandError(-128, "User canceled.")
        return {k.text_returned: answer, k.button_returned: default_button or "OK"}


def _lsappinfo(args: list[str]) -> bytes:
    """What macOS's lsappinfo prints for xlwings' Apps._iter_excel_instances."""
    if args[1] == "visibleprocesslist":
        return " ".join(f'"Microsoft_Excel"-ASN:0x0-0x{e.pid:x}:' for e in EXCELS).encode()
    pid = int(args[-1].split("0x")[-1].rstrip(":"), 16)
    return f'"pid"={pid}'.encode()


def _modules() -> dict[str, types.ModuleType]:
    appscript = types.ModuleType("appscript")
    reference = types.ModuleType("appscript.reference")
    reference.CommandError = CommandError
    reference.Reference = Ref
    mactypes = types.ModuleType("mactypes")
    mactypes.Alias = lambda path: types.SimpleNamespace(hfspath="Macintosh HD" + str(path)
                                                        .replace("/", ":"))
    mactypes.convertpathtourl = lambda path, style: path
    mactypes.converturltopath = lambda url, style: "/" + "/".join(url.split(":")[1:])
    appscript.app = _app
    appscript.its = _Its()
    appscript.k = k
    appscript.mactypes = mactypes
    appscript.reference = reference
    appscript.CommandError = CommandError
    aem = types.ModuleType("aem")
    aem.kae = types.SimpleNamespace(typeKernelProcessID=b"kpid")
    osax = types.ModuleType("osax")
    osax.OSAX = OSAX
    return {"appscript": appscript, "appscript.reference": reference, "mactypes": mactypes,
            "aem": aem, "osax": osax}


_LOADED: types.ModuleType | None = None


def load() -> types.ModuleType:
    """xlwings._xlmac, imported over the appscript stand-in."""
    global _LOADED
    if _LOADED is not None:
        return _LOADED
    sys.modules.update(_modules())
    psutil_missing = "psutil" not in sys.modules
    try:
        import psutil  # noqa: F401
    except ImportError:
        stand_in = types.ModuleType("psutil")
        stand_in.process_iter = lambda: iter(())  # xlwings' atexit cleanup asks for Excel
        sys.modules["psutil"] = stand_in
    try:
        module = importlib.import_module("xlwings._xlmac")
    finally:
        if psutil_missing and not hasattr(sys.modules.get("psutil"), "__file__"):
            sys.modules.pop("psutil", None)
    module.subprocess = types.SimpleNamespace(
        check_output=_lsappinfo, run=lambda *a, **kw: None)
    _LOADED = module
    return module

