import subprocess

from commitments.proposals import pdf, selectors

from .conftest import send_reply


def _run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, **kwargs)


def test_reply_letter_embeds_the_chinese_font_and_renders(sole, tmp_path):
    reply = send_reply(sole, body="经研究，我局将在老旧小区增设停车位。")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf.reply_letter_pdf(reply))
    fonts = _run(["pdffonts", str(path)], text=True).stdout
    assert "WQY" in fonts.upper() or "MICROHEI" in fonts.upper()
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts
    text = _run(["pdftotext", str(path), "-"], text=True).stdout
    assert "增设停车位" in text and "住房和城乡建设局" in text and "王代表" in text
    _run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")])
    [png] = list(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 2000


def test_yearly_report_pdf_lists_units(sole, housing, tmp_path):
    send_reply(sole)
    stats = selectors.unit_statistics(year=2025)
    data = pdf.yearly_report_pdf(
        year=2025,
        rows=[(housing.name, stats[housing.pk])],
        total=selectors.totals(stats),
        issuer="澜江市人大常委会",
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = _run(["pdftotext", str(path), "-"], text=True).stdout
    assert "住房和城乡建设局" in text
