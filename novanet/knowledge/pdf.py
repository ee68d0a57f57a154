"""A practice as a PDF document (fpdf2). Uses DejaVu Sans when installed so every accent and
symbol prints; otherwise the built-in Helvetica with characters outside Latin-1 replaced."""

import os
from datetime import date

from flask import current_app, url_for
from flask_babel import gettext as _
from fpdf import FPDF

from novanet.core import markup
from novanet.knowledge.vocab import LEVELS, category_label, country_label

FONT_DIR = "/usr/share/fonts/truetype/dejavu"


class _Doc(FPDF):
    unicode = False

    def footer(self):
        self.set_y(-12)
        self._font(8)
        self.cell(0, 8, self.clean(f"NovaNet – {self.page_no()}"), align="C")

    def _font(self, size: int, bold: bool = False):
        family = "DejaVu" if self.unicode else "Helvetica"
        self.set_font(family, "B" if bold else "", size)

    def clean(self, text) -> str:
        text = str(text or "")
        if self.unicode:
            return text
        replaced = text.replace("–", "-").replace("—", "-").replace("“", '"').replace("”", '"')
        replaced = replaced.replace("’", "'").replace("…", "...").replace("€", "EUR")
        return replaced.encode("latin-1", "replace").decode("latin-1")


def _document() -> _Doc:
    doc = _Doc(format="A4")
    folder = current_app.config.get("KNOWLEDGE_PDF_FONT_DIR", FONT_DIR)
    regular, bold = os.path.join(folder, "DejaVuSans.ttf"), os.path.join(folder,
                                                                          "DejaVuSans-Bold.ttf")
    if os.path.exists(regular) and os.path.exists(bold):
        doc.add_font("DejaVu", "", regular)
        doc.add_font("DejaVu", "B", bold)
        doc.unicode = True
    doc.set_auto_page_break(True, margin=16)
    doc.set_margins(18, 16, 18)
    return doc


def _when(value: date | None) -> str:
    return value.isoformat() if value else "–"


def practice_pdf(practice, adoptions) -> bytes:
    doc = _document()
    doc.set_title(doc.clean(practice.title))
    doc.set_author(doc.clean(practice.administration))
    doc.set_lang(current_app.config.get("BABEL_DEFAULT_LOCALE", "es"))
    doc.add_page()

    def heading(text, size=13):
        doc.ln(3)
        doc._font(size, bold=True)
        doc.multi_cell(0, 7, doc.clean(text), new_x="LMARGIN", new_y="NEXT")
        doc._font(10)

    def paragraph(text):
        if text:
            doc._font(10)
            doc.multi_cell(0, 5.5, doc.clean(text), new_x="LMARGIN", new_y="NEXT")
            doc.ln(1)

    def fact(label, value):
        if value:
            doc._font(10, bold=True)
            doc.write(5.5, doc.clean(f"{label}: "))
            doc._font(10)
            doc.write(5.5, doc.clean(value))
            doc.ln(6)

    doc._font(18, bold=True)
    doc.multi_cell(0, 9, doc.clean(practice.title), new_x="LMARGIN", new_y="NEXT")
    doc._font(11)
    doc.multi_cell(0, 6, doc.clean(
        f"{practice.administration} · {LEVELS.get(practice.level, practice.level)} · "
        f"{country_label(practice.country)}"), new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    fact(_("Category"), category_label(practice.category))
    fact(_("Responsible department"), practice.department)
    fact(_("Responsible person"), practice.responsible_person)
    fact(_("Target group"), practice.target_group)
    fact(_("Dates"), f"{_when(practice.start_date)} – {_when(practice.end_date)}")
    if practice.budget is not None:
        fact(_("Budget"), f"{practice.budget:,.2f} {practice.currency}")
    fact(_("Funding source"), practice.funding_source)

    heading(_("Objectives"))
    paragraph(practice.objectives)
    heading(_("Description"))
    for block in (practice.description or "").split("\n\n"):
        paragraph(markup.plain_text(block))
    if practice.resources:
        heading(_("Resources"))
        paragraph(practice.resources)
    if practice.indicators:
        heading(_("Follow-up indicators"))
        with doc.table(col_widths=(70, 30, 35, 35), text_align="LEFT") as table:
            row = table.row()
            for title in (_("Indicator"), _("Value"), _("Unit"), _("Date")):
                row.cell(doc.clean(title))
            for item in practice.indicators:
                row = table.row()
                row.cell(doc.clean(item.name))
                row.cell(f"{item.value:g}")
                row.cell(doc.clean(item.unit))
                row.cell(_when(item.measured_on))
    if adoptions:
        heading(_("Adopted by"))
        for adoption in adoptions:
            fact(adoption.administration, markup.plain_text(adoption.result, 400))
    if practice.links:
        heading(_("Links"))
        for link in practice.links:
            paragraph(link)
    doc.ln(4)
    doc._font(8)
    doc.multi_cell(0, 4.5, doc.clean(url_for("knowledge.practice", practice_id=practice.id,
                                             _external=True)), new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())
