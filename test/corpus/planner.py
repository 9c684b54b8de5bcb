"""
A planner's workbook with every feature planners keep beside the product's sheets, written
by XlsxWriter (Debian python3-xlsxwriter) from the sample workbook's values:

- a Dashboard whose formulas read the product's sheets (cached results as Excel saves
  them), a chart, an image, a table with a totals row, defined names;
- on Blanket Orders: notes with an author, conditional formats, data validation,
  hyperlinks (to a sheet and to the web), frozen panes, column widths, a planner's own
  column beside the product's table, print settings;
- custom document properties, a hidden sheet.

Usage: python3 planner.py SAMPLE.json OUT.xlsx   (see make-corpus.sh)
"""
import io
import json
import sys

import xlsxwriter
from PIL import Image

DATE_COLUMNS = {"Order Date", "Valid Until", "Shipment Date", "Due Date"}
TEXT_COLUMNS = {
    "No.", "Document No.", "Sell-to Customer No.", "Item No.", "Parent Item No.",
    "Assembly Order No.", "Blanket Order No.", "Sales Order No.", "Assembly Item No.",
    "Blanket Assembly Order No.", "External Document No.", "Code", "Setting", "Value",
}
TABLE_NAMES = {
    "Items": "Items", "Item Units": "ItemUnits", "Resources": "Resources",
    "Assembly BOMs": "AssemblyBOMs", "Blanket Orders": "BlanketOrders", "Setup": "Setup",
    "Blanket Assembly Orders": "BlanketAssemblyOrders", "Sales Orders": "SalesOrders",
    "Assembly Orders": "AssemblyOrders",
}


def main(sample_json, out):
    grids = json.load(open(sample_json))
    wb = xlsxwriter.Workbook(out)
    wb.set_properties({"title": "Blanket agreements 2027", "author": "Planner", "company": "Fabrikam"})
    wb.set_custom_property("Agreement", "FAB-2027")
    wb.set_custom_property("Reviewed", True)
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    text = wb.add_format({"num_format": "@"})
    qty = wb.add_format({"num_format": "#,##0"})
    red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    bold = wb.add_format({"bold": True, "font_size": 14})
    sheets = {s["name"]: s["rows"] for s in grids["sheets"]}

    dashboard = wb.add_worksheet("Dashboard")
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        if name == "About":
            ws.set_column(0, 0, 48)
            ws.set_column(1, 1, 70)
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    if v is not None:
                        ws.write(r, c, v, bold if r == 0 else None)
            continue
        header, body = rows[0], [r for r in rows[1:] if any(v is not None for v in r)]
        for c, h in enumerate(header):
            fmt = date if h in DATE_COLUMNS else text if h in TEXT_COLUMNS else qty if "Quantity" in h else None
            ws.set_column(c, c, max(10, min(40, len(h) + 4)), fmt)
        data = [[row[c] if c < len(row) else None for c in range(len(header))] for row in body]
        ws.add_table(0, 0, max(1, len(data)), len(header) - 1, {
            "name": TABLE_NAMES[name],
            "style": "Table Style Light 9",
            "columns": [{"header": h} for h in header],
            "data": data or None,
        })
        for r, row in enumerate(data):
            for c, v in enumerate(row):
                h = header[c]
                if v is None:
                    continue
                if h in TEXT_COLUMNS:
                    ws.write_string(r + 1, c, str(v), text)
                elif h in DATE_COLUMNS:
                    ws.write_number(r + 1, c, v, date)
                else:
                    ws.write(r + 1, c, v)
        if name == "Blanket Orders":
            blanket_orders(wb, ws, header, data, red)

    lists = wb.add_worksheet("Lists")
    lists.write_column(0, 0, ["Customers", "C10000", "C20000", "C30000"])
    lists.hide()

    bo_header = sheets["Blanket Orders"][0]
    bo = [r for r in sheets["Blanket Orders"][1:] if any(v is not None for v in r)]
    col = {h: i for i, h in enumerate(bo_header)}
    total = lambda h: sum(r[col[h]] or 0 for r in bo if col[h] < len(r) and isinstance(r[col[h]], (int, float)))
    so = sheets["Sales Orders"]
    last = len(bo) + 1
    wb.define_name("AgreedQuantity", f"='Blanket Orders'!$L$2:$L${last}")
    wb.define_name("Dashboard!Horizon", '="2027"')
    dashboard.set_column(0, 0, 34)
    dashboard.set_column(1, 1, 14)
    dashboard.write(0, 0, "Blanket agreements 2027", bold)
    figures = [
        ("Agreed quantity", "=SUM(AgreedQuantity)", total("Quantity")),
        ("Quantity ordered", "=SUM('Blanket Orders'!S:S)", total("Quantity Ordered")),
        ("Remaining quantity", "=SUM(BlanketOrders[Remaining Quantity])", total("Remaining Quantity")),
        ("Qty. to Ship entered", "=SUM('Blanket Orders'!R:R)", total("Qty. to Ship")),
        ("Sales order lines", "=COUNTA('Sales Orders'!A:A)-1", sum(1 for r in so[1:] if r and r[0] is not None)),
    ]
    for i, (label, formula, value) in enumerate(figures):
        dashboard.write(2 + i, 0, label)
        dashboard.write_formula(2 + i, 1, formula, qty, value)
    dashboard.write_url(8, 0, "internal:'Blanket Orders'!A1", string="Go to the blanket orders")
    dashboard.write_comment(2, 1, "Sum over every blanket line", {"author": "Controller"})

    budget = [["Q1", 120, 90], ["Q2", 150, 130], ["Q3", 110, 0]]
    dashboard.add_table(11, 0, 11 + len(budget) + 1, 2, {
        "name": "Budget",
        "data": budget,
        "total_row": True,
        "columns": [
            {"header": "Quarter", "total_string": "Total"},
            {"header": "Planned", "total_function": "sum", "total_value": 380},
            {"header": "Called off", "total_function": "sum", "total_value": 220},
        ],
    })
    chart = wb.add_chart({"type": "column"})
    chart.add_series({
        "name": "Remaining quantity",
        "categories": f"='Blanket Orders'!$I$2:$I${last}",
        "values": f"='Blanket Orders'!$T$2:$T${last}",
    })
    chart.set_title({"name": "Remaining per blanket line"})
    dashboard.insert_chart("D2", chart)
    logo = io.BytesIO()
    Image.new("RGB", (48, 24), (0, 120, 212)).save(logo, format="PNG")
    dashboard.insert_image("D18", "logo.png", {"image_data": logo})
    dashboard.conditional_format("B3:B7", {"type": "cell", "criteria": "<", "value": 0, "format": red})
    dashboard.set_landscape()
    dashboard.print_area("A1:H30")
    dashboard.fit_to_pages(1, 0)
    dashboard.activate()
    wb.close()


def blanket_orders(wb, ws, header, data, red):
    """What a planner adds to the product's Blanket Orders sheet."""
    note = len(header) + 1  # one column free after the product's table
    ws.set_column(note, note, 30)
    ws.write(0, note, "Planner note")
    ws.write(1, note, "Frame agreement signed 2026-11-02")
    ws.write_url(2, note, "internal:Dashboard!A1", string="See the dashboard")
    ws.write_url(3, note, "https://www.example.com/agreements/BSO-1001", string="Agreement PDF")
    ws.write_comment(1, 0, "Customer asked for monthly call-offs", {"author": "Jordan Planner"})
    ws.write_comment(1, header.index("Quantity"), "Agreed in the signed frame agreement", {"author": "Jordan Planner"})
    remaining = header.index("Remaining Quantity")
    ws.conditional_format(1, remaining, 1000, remaining, {"type": "cell", "criteria": "<", "value": 50, "format": red})
    ws.data_validation(1, note + 1, 1000, note + 1, {"validate": "list", "source": ["Open", "Closed"]})
    ws.write(0, note + 1, "Status")
    ws.write(1, note + 1, "Open")
    ws.freeze_panes(1, 1)
    ws.set_landscape()
    ws.repeat_rows(0)
    ws.set_header("&CBlanket orders 2027")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
