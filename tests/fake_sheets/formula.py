"""A plausible value for a formula: arithmetic, cell references, SUM and HYPERLINK only."""

from __future__ import annotations

import ast
import operator
import re
from typing import TYPE_CHECKING, Any

from . import a1

if TYPE_CHECKING:
    from .model import Sheet

_HYPERLINK = re.compile(r'^=HYPERLINK\(\s*"[^"]*"\s*(?:[,;]\s*"([^"]*)"\s*)?\)$', re.IGNORECASE)
_SUM = re.compile(r"SUM\(\s*([A-Z]{1,3}\d+)\s*:\s*([A-Z]{1,3}\d+)\s*\)", re.IGNORECASE)
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def evaluate(formula: str, sheet: Sheet) -> Any:
    """The value a formula shows; '' when it is beyond this imitation."""
    link = _HYPERLINK.match(formula.strip())
    if link:
        return link.group(1) if link.group(1) is not None else formula.split('"')[1]
    expression = _SUM.sub(lambda m: str(_sum(sheet, m.group(1), m.group(2))), formula[1:])
    expression = _REF.sub(lambda m: repr(_number(sheet, m.group(1), m.group(2))), expression)
    try:
        value = _eval(ast.parse(expression.replace("^", "**"), mode="eval").body)
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, KeyError):
        return ""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _number(sheet: Sheet, letters: str, digits: str) -> float:
    cell = sheet.peek(int(digits) - 1, a1.col_index(letters))
    value = cell.value if cell else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def _sum(sheet: Sheet, start: str, end: str) -> float:
    a, b = _REF.match(start.upper()), _REF.match(end.upper())
    if not a or not b:
        return 0.0
    r0, r1 = sorted((int(a.group(2)) - 1, int(b.group(2)) - 1))
    c0, c1 = sorted((a1.col_index(a.group(1)), a1.col_index(b.group(1))))
    return sum(
        _number(sheet, a1.col_letters(c), str(r + 1))
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
    )


def _eval(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval(node.left), _eval(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval(node.operand))
    raise ValueError("unsupported")
