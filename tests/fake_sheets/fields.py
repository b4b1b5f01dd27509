"""Field masks (`fields=sheets.properties,sheets(data.rowData.values.note)`, slash form too)."""

from __future__ import annotations

from typing import Any

Tree = dict[str, Any]  # nested dict of mask paths; an empty dict means "everything below"


def parse(mask: str) -> Tree:
    """Parse a field mask into a tree of names."""
    tree: Tree = {}
    _parse_into(mask.replace("/", ".").replace(" ", ""), tree)
    return tree


def _parse_into(text: str, tree: Tree) -> None:
    for part in _split_top(text):
        if not part:
            continue
        if "(" in part and part.endswith(")"):
            head, _, inner = part.partition("(")
            node = _walk(tree, head)
            _parse_into(inner[:-1], node)
        else:
            _walk(tree, part)


def _walk(tree: Tree, dotted: str) -> Tree:
    node = tree
    for name in dotted.split("."):
        node = node.setdefault(name, {})
    return node


def _split_top(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def apply(data: Any, tree: Tree) -> Any:
    """Keep only the masked fields of `data` (lists are masked element by element)."""
    if not tree or tree.get("*") == {}:
        return data
    if isinstance(data, list):
        return [apply(item, tree) for item in data]
    if not isinstance(data, dict):
        return data
    return {key: apply(data[key], sub) for key, sub in tree.items() if key in data}


def paths(mask: str) -> list[str]:
    """Flatten a mask into dotted leaf paths: 'a(b,c)' -> ['a.b', 'a.c']."""
    out: list[str] = []

    def visit(node: Tree, prefix: str) -> None:
        if not node:
            out.append(prefix)
            return
        for name, sub in node.items():
            visit(sub, f"{prefix}.{name}" if prefix else name)

    visit(parse(mask), "")
    return out
