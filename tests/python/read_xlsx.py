"""Reads a workbook with openpyxl, the reader most Python users of Excel reach for, and
prints what the xlsx tests check as JSON: per sheet its print setup, frozen rows, merged
ranges and every non-empty cell with its type and number format.

    python3 tests/python/read_xlsx.py output/example-2025.xlsx
"""

import json
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    props = wb.properties
    out = {
        "title": props.title,
        "creator": props.creator,
        "created": props.created.isoformat() if props.created else None,
        "sheets": [],
    }
    for ws in wb.worksheets:
        setup = ws.page_setup
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                kind = "number" if isinstance(c.value, (int, float)) else "text"
                cells[c.coordinate] = {
                    "kind": kind,
                    "value": c.value if kind == "number" else str(c.value),
                    "format": c.number_format,
                    "bold": bool(c.font and c.font.b),
                }
        out["sheets"].append(
            {
                "name": ws.title,
                "orientation": setup.orientation,
                "paper": setup.paperSize,
                "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                "fit_width": setup.fitToWidth if setup.fitToWidth is not None else 1,
                "fit_height": setup.fitToHeight,
                "print_title_rows": ws.print_title_rows,
                "freeze": ws.freeze_panes,
                "merges": sorted(str(r) for r in ws.merged_cells.ranges),
                "cells": cells,
            }
        )
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
