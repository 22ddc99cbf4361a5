"""PDF rendering of invoices, credit notes and reports with fpdf2 (pure Python, no system deps)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpdf import FPDF

# A Unicode font when the system has one (guest names are not all Latin-1); else Helvetica.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _latin1(*parts: Any) -> bool:
    try:
        for part in parts:
            str(part).encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _document(unicode: bool) -> tuple[FPDF, str]:
    """A4 page; the embedded Unicode font only when the text needs it (it costs ~0.3 s)."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    family = "Helvetica"
    if unicode and _DEJAVU.exists() and _DEJAVU_BOLD.exists():
        pdf.add_font("DejaVu", "", str(_DEJAVU))
        pdf.add_font("DejaVu", "B", str(_DEJAVU_BOLD))
        family = "DejaVu"
    pdf.add_page()
    return pdf, family


def _text(value: Any, family: str) -> str:
    text = "" if value is None else str(value)
    if family == "Helvetica":
        return text.encode("latin-1", "replace").decode("latin-1")
    return text


def table_pdf(title: str, header_lines: Sequence[str], columns: Sequence[tuple[str, int, str]],
              rows: Sequence[Sequence[Any]], footer_lines: Sequence[str] = ()) -> bytes:
    """A titled one-table document. columns: (heading, width in mm, align "L"|"R")."""
    cells = [title, *header_lines, *footer_lines, *(c[0] for c in columns),
             *(value for row in rows for value in row)]
    pdf, family = _document(unicode=not _latin1(*cells))
    pdf.set_font(family, "B", 15)
    pdf.cell(0, 9, _text(title, family), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 9)
    for line in header_lines:
        pdf.cell(0, 5, _text(line, family), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "B", 9)
    for heading, width, align in columns:
        pdf.cell(width, 6, _text(heading, family), border="B", align=align)
    pdf.ln()
    pdf.set_font(family, "", 9)
    for row in rows:
        for (_, width, align), value in zip(columns, row, strict=False):
            pdf.cell(width, 5.5, _text(value, family)[:70], align=align)
        pdf.ln()
    if footer_lines:
        pdf.ln(3)
        pdf.set_font(family, "B", 10)
        for line in footer_lines:
            pdf.cell(0, 6, _text(line, family), align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def invoice_pdf(doc: dict[str, Any]) -> bytes:
    """Render an invoice or credit note from its stored fields (seller, buyer, lines, taxes)."""
    seller, buyer = doc["seller"], doc["buyer"]
    title = "Credit note" if doc["kind"] == "credit_note" else "Invoice"
    header = [seller.get("legal_name") or seller.get("name", ""), seller.get("address") or "",
              " ".join(x for x in (seller.get("country"), seller.get("email"),
                                   seller.get("phone")) if x),
              f"Tax id: {seller['tax_id']}" if seller.get("tax_id") else "",
              "", f"{title} {doc['display_number']}    Date: {doc['business_date']}",
              f"Bill to: {buyer.get('name', '')}"]
    if buyer.get("address"):
        header.append(f"         {buyer['address']}")
    if buyer.get("tax_id"):
        header.append(f"         Tax id: {buyer['tax_id']}")
    if doc.get("corrects"):
        header.append(f"Corrects invoice {doc['corrects']}: {doc.get('reason', '')}")
    columns = [("Date", 25, "L"), ("Description", 110, "L"), ("Amount", 45, "R")]
    rows = [(line["date"], line["description"], f"{line['amount']} {doc['currency']}")
            for line in doc["lines"]]
    footer = [f"Net: {doc['net_total']} {doc['currency']}"]
    footer += [f"{t['name']}: {t['amount']} {doc['currency']}" for t in doc["tax_breakdown"]]
    footer.append(f"Total: {doc['total']} {doc['currency']}")
    return table_pdf(f"{title} {doc['display_number']}", header, columns, rows, footer)
