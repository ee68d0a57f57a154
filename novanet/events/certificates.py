"""Certificates of attendance (PDF) and the QR code of a personal check-in code (SVG)."""

import io

import segno
from flask_babel import format_date
from flask_babel import gettext as _
from fpdf import FPDF
from markupsafe import Markup

from novanet.accounts.services import external_url
from novanet.events.models import Certificate


def qr_svg(data: str, title: str) -> Markup:
    """An inline SVG QR code (no image request, fine for the CSP)."""
    qr = segno.make(data, error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=6, border=2, xmldecl=False, svgns=True, title=title,
            svgclass="qr", lineclass=None)
    return Markup(out.getvalue().decode())


def verify_url(cert: Certificate) -> str:
    return external_url("events.verify_certificate", token=cert.token)


def _latin(text: str) -> str:
    # The core PDF fonts are Latin-1; names from our countries fit, anything else degrades.
    return text.encode("latin-1", "replace").decode("latin-1")


def certificate_pdf(cert: Certificate) -> bytes:
    event = cert.event
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_title(_latin(_("Certificate of attendance")))
    pdf.set_author("NovaNet")
    pdf.add_page()
    pdf.set_line_width(1)
    pdf.rect(10, 10, 277, 190)
    pdf.set_y(30)
    pdf.set_font("Helvetica", "B", 28)
    pdf.cell(0, 14, _latin(_("Certificate of attendance")), align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 10, _latin(_("NovaNet certifies that")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 22)
    pdf.cell(0, 14, _latin(cert.name), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 14)
    pdf.cell(0, 10, _latin(_("attended")), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, _latin(event.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 13)
    start = format_date(event.starts_at, "long")
    end = format_date(event.ends_at, "long")
    when = start if start == end else f"{start} - {end}"
    pdf.cell(0, 9, _latin(when), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 9, _latin(_("Training hours: %(hours)s", hours=_hours(cert.hours))),
             align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(165)
    pdf.set_font("Helvetica", "", 10)
    link = verify_url(cert)
    pdf.cell(0, 6, _latin(_("Verify this certificate at:")), align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Courier", "", 10)
    pdf.cell(0, 6, link, align="C", link=link, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _hours(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
