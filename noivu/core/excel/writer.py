"""The one .xlsx writer of the project (ghi tệp Excel): streaming, several sheets, styles, comments and
drop-down lists.

xlsxwriter spends about 30 µs per cell in Python and openpyxl more; an export of 100,000 persons has
1.8 million cells. This writer formats each row as one string of inline-string cells straight into the
zip stream, several times faster, and keeps memory flat. It writes what the importers and exporters
need: column widths and default formats, a frozen bold header row, header comments documenting a column,
cells highlighted and commented one by one, drop-down lists read from another sheet, dates dd/mm/yyyy.

Text is always written as text, never as a formula: a cell whose text starts with = + - or @ also gets
Excel's quote prefix, so that editing it in Excel keeps it text (no formula injection from user data).
"""

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import IO, Any

from noivu.core.excel.reader import column_letter

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
MAX_CELL_CHARS = 32_767  # Excel's own limit
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
FORMULA_STARTS = ("=", "+", "-", "@")
AUTHOR = "Nội vụ số"
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ESCAPE_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
# Characters XML 1.0 does not allow; a cell value may carry them from a pasted text.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


@dataclass(frozen=True)
class Style:
    """How a cell looks: colours are RGB hex ("DDEBF7"), ``number_format`` an Excel format code."""

    bold: bool = False
    fill: str = ""
    font_color: str = ""
    number_format: str = ""
    wrap: bool = False
    top: bool = False
    border: bool = False
    quote_prefix: bool = False


PLAIN = Style()
HEADER = Style(bold=True, fill="DDEBF7", border=True, wrap=True, top=True)
DATE = Style(number_format=DATE_FORMAT)
TEXT = Style(number_format="@")
WRAPPED = Style(wrap=True, top=True)
WRONG = Style(fill="FFC7CE", font_color="9C0006")
NOTE = Style(font_color="9C0006")


@dataclass(frozen=True)
class Cell:
    """A value written with its own style and, optionally, a comment (ghi chú) shown on hover."""

    value: Any
    style: Style = PLAIN
    comment: str = ""


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, width, default style (for the cells a user will type too), a
    comment documenting it on the header, and a drop-down list (``choices``, a range such as
    ``'Danh mục'!$A$2:$A$9``) offered as a warning, not a hard rule."""

    header: str
    width: float = 12
    style: Style = PLAIN
    comment: str = ""
    choices: str = ""
    choices_error: str = ""


@dataclass
class Sheet:
    """One worksheet: ``rows`` (sequences of values or :class:`Cell`, streamed once) below the header row.

    ``row_numbers``, when given, places each row at that Excel row number (the error workbook repeats
    the uploaded rows where they were); ``validation_rows`` is how far down the drop-down lists reach.
    """

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]] = ()
    row_numbers: Iterable[int] | None = None
    header_style: Style = HEADER
    header_height: float | None = None
    freeze_header: bool = True
    validation_rows: int = 0
    written: int = field(default=0, init=False)


def _text(value: str) -> str:
    text = value[:MAX_CELL_CHARS].translate(_ESCAPE)
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def _attribute(value: str) -> str:
    return _ILLEGAL.sub("", value.translate(_ESCAPE_ATTRIBUTE))


class _Styles:
    """The styles a workbook uses, numbered as Excel's cell formats (0 is the plain style)."""

    def __init__(self) -> None:
        self.index: dict[Style, int] = {PLAIN: 0}
        self._derived: dict[tuple[Style, str], Style] = {}

    def of(self, style: Style) -> int:
        return self.index.setdefault(style, len(self.index))

    def attribute(self, style: Style) -> str:
        number = self.of(style)
        return f' s="{number}"' if number else ""

    def dated(self, style: Style, day: dt.date) -> Style:
        wanted = DATETIME_FORMAT if isinstance(day, dt.datetime) else DATE_FORMAT
        if style.number_format not in ("", "@", "General"):
            return style
        return replace(style, number_format=wanted)

    def quoted(self, style: Style) -> Style:
        return replace(style, quote_prefix=True)

    def xml(self) -> str:
        formats: dict[str, int] = {}
        fonts: dict[tuple[bool, str], int] = {(False, ""): 0}
        fills: dict[str, int] = {"": 0, "gray125": 1}
        cell_formats = []
        for style in self.index:
            format_id = 0
            if style.number_format == "@":
                format_id = 49
            elif style.number_format:
                format_id = formats.setdefault(style.number_format, 164 + len(formats))
            font_id = fonts.setdefault((style.bold, style.font_color), len(fonts))
            fill_id = fills.setdefault(style.fill, len(fills)) if style.fill else 0
            alignment = ""
            if style.wrap or style.top:
                alignment = (
                    "<alignment"
                    + (' wrapText="1"' if style.wrap else "")
                    + (' vertical="top"' if style.top else "")
                    + "/>"
                )
            cell_formats.append(
                f'<xf numFmtId="{format_id}" fontId="{font_id}" fillId="{fill_id}" '
                f'borderId="{1 if style.border else 0}" xfId="0"'
                + (' applyNumberFormat="1"' if format_id else "")
                + (' applyFont="1"' if font_id else "")
                + (' applyFill="1"' if fill_id else "")
                + (' applyBorder="1"' if style.border else "")
                + (' quotePrefix="1"' if style.quote_prefix else "")
                + (f' applyAlignment="1">{alignment}</xf>' if alignment else "/>")
            )
        font_xml = "".join(
            "<font>"
            + ("<b/>" if bold else "")
            + '<sz val="11"/>'
            + (f'<color rgb="FF{color}"/>' if color else "")
            + '<name val="Calibri"/><family val="2"/></font>'
            for bold, color in fonts
        )
        fill_xml = (
            '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
        )
        fill_xml += "".join(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{color}"/><bgColor indexed="64"/>'
            "</patternFill></fill>"
            for color in list(fills)[2:]
        )
        format_xml = "".join(
            f'<numFmt numFmtId="{number}" formatCode="{_attribute(code)}"/>'
            for code, number in formats.items()
        )
        thin = '<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>'
        thin += '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom>'
        return (
            f'{_XML}<styleSheet xmlns="{_MAIN}">'
            + (f'<numFmts count="{len(formats)}">{format_xml}</numFmts>' if formats else "")
            + f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
            + f'<fills count="{len(fills)}">{fill_xml}</fills>'
            + '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            + f"<border>{thin}<diagonal/></border></borders>"
            + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            + f'<cellXfs count="{len(cell_formats)}">{"".join(cell_formats)}</cellXfs>'
            + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            + "</styleSheet>"
        )


@dataclass
class _ColumnPlan:
    letter: str
    text: str  # the s="…" attribute of text and number cells
    date: str
    datetime: str
    quoted: str


def _serial(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - EXCEL_EPOCH
        return repr(delta.days + delta.seconds / 86_400)
    return str((value - EXCEL_EPOCH.date()).days)


def _write_sheet(raw: IO[bytes], sheet: Sheet, styles: _Styles, comments: list[tuple[str, str]]) -> None:
    plans = []
    for index, column in enumerate(sheet.columns):
        plans.append(
            _ColumnPlan(
                letter=column_letter(index),
                text=styles.attribute(column.style),
                date=styles.attribute(styles.dated(column.style, dt.date.min)),
                datetime=styles.attribute(styles.dated(column.style, dt.datetime.min)),
                quoted=styles.attribute(styles.quoted(column.style)),
            )
        )
    header = styles.attribute(sheet.header_style)
    head = [f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">']
    if sheet.freeze_header:
        head.append(
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            "</sheetView></sheetViews>"
        )
    if sheet.columns:
        head.append("<cols>")
        head.extend(
            f'<col min="{index}" max="{index}" width="{column.width}" customWidth="1"'
            f"{plan.text.replace(' s=', ' style=')}/>"
            for index, (column, plan) in enumerate(zip(sheet.columns, plans, strict=True), start=1)
        )
        head.append("</cols>")
    height = f' ht="{sheet.header_height}" customHeight="1"' if sheet.header_height else ""
    head.append(f'<sheetData><row r="1"{height}>')
    for column, plan in zip(sheet.columns, plans, strict=True):
        head.append(f'<c r="{plan.letter}1"{header} t="inlineStr"><is><t>{_text(column.header)}</t></is></c>')
        if column.comment:
            comments.append((f"{plan.letter}1", column.comment))
    head.append("</row>")
    buffer = head
    numbers = iter(sheet.row_numbers) if sheet.row_numbers is not None else None
    line = 1
    for row in sheet.rows:
        line = next(numbers) if numbers is not None else line + 1
        cells = [f'<row r="{line}">']
        for plan, value in zip(plans, row, strict=False):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                style = plan.quoted if value.startswith(FORMULA_STARTS) else plan.text
                cells.append(
                    f'<c r="{plan.letter}{line}"{style} t="inlineStr"><is><t>{_text(value)}</t></is></c>'
                )
            elif kind is dt.date:
                cells.append(f'<c r="{plan.letter}{line}"{plan.date}><v>{_serial(value)}</v></c>')
            elif kind is int or kind is float:
                cells.append(f'<c r="{plan.letter}{line}"{plan.text}><v>{value!r}</v></c>')
            else:
                cells.append(_other_cell(f"{plan.letter}{line}", value, plan, styles, comments))
        cells.append("</row>")
        buffer.append("".join(cells))
        sheet.written += 1
        if len(buffer) >= 1_000:
            raw.write("".join(buffer).encode())
            buffer.clear()
    buffer.append("</sheetData>")
    validations = [
        (plan.letter, column) for plan, column in zip(plans, sheet.columns, strict=True) if column.choices
    ]
    if validations and sheet.validation_rows:
        buffer.append(f'<dataValidations count="{len(validations)}">')
        for letter, column in validations:
            buffer.append(
                '<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" '
                f'errorTitle="{_attribute(column.header[:32])}" error="{_attribute(column.choices_error)}" '
                f'sqref="{letter}2:{letter}{sheet.validation_rows + 1}">'
                f"<formula1>{_text(column.choices)}</formula1></dataValidation>"
            )
        buffer.append("</dataValidations>")
    if comments:
        buffer.append('<legacyDrawing r:id="rId1"/>')
    buffer.append("</worksheet>")
    raw.write("".join(buffer).encode())


def _other_cell(
    reference: str, value: Any, plan: _ColumnPlan, styles: _Styles, comments: list[tuple[str, str]]
) -> str:
    """A cell of a less common kind: bool, datetime, a :class:`Cell`, or any object written as its text."""
    if isinstance(value, Cell):
        if value.comment:
            comments.append((reference, value.comment))
        inner = value.value
        if inner is None or inner == "":
            style = styles.attribute(value.style)
            return f'<c r="{reference}"{style}/>' if style else ""
        if isinstance(inner, bool):
            return f'<c r="{reference}"{styles.attribute(value.style)} t="b"><v>{int(inner)}</v></c>'
        if isinstance(inner, dt.date):
            style = styles.attribute(styles.dated(value.style, inner))
            return f'<c r="{reference}"{style}><v>{_serial(inner)}</v></c>'
        if isinstance(inner, int | float):
            return f'<c r="{reference}"{styles.attribute(value.style)}><v>{inner!r}</v></c>'
        text = str(inner)
        text_style = styles.quoted(value.style) if text.startswith(FORMULA_STARTS) else value.style
        quoted = styles.attribute(text_style)
        return f'<c r="{reference}"{quoted} t="inlineStr"><is><t>{_text(text)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}"{plan.text} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{reference}"{plan.datetime}><v>{_serial(value)}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{reference}"{plan.date}><v>{_serial(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"{plan.text}><v>{value!r}</v></c>'
    text = str(value)
    style = plan.quoted if text.startswith(FORMULA_STARTS) else plan.text
    return f'<c r="{reference}"{style} t="inlineStr"><is><t>{_text(text)}</t></is></c>'


def _comments_xml(comments: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<comment ref="{reference}" authorId="0"><text><r><t xml:space="preserve">{_text(text)}</t></r>'
        "</text></comment>"
        for reference, text in comments
    )
    return (
        f'{_XML}<comments xmlns="{_MAIN}"><authors><author>{AUTHOR}</author></authors>'
        f"<commentList>{body}</commentList></comments>"
    )


def _vml_xml(comments: list[tuple[str, str]], sheet_number: int) -> str:
    """The legacy drawing Excel needs to show comments: one hidden note box per comment."""
    shapes = []
    for number, (reference, _comment) in enumerate(comments, start=1):
        letters = reference.rstrip("0123456789")
        row = int(reference[len(letters) :]) - 1
        column = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(letters))) - 1
        shapes.append(
            f'<v:shape id="_x0000_s{sheet_number * 1024 + number}" type="#_x0000_t202" '
            'style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:90pt;'
            'z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
            '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
            "<x:MoveWithCells/><x:SizeWithCells/>"
            f"<x:Anchor>{column + 1}, 15, {row}, 10, {column + 5}, 15, {row + 6}, 4</x:Anchor>"
            f"<x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{column}</x:Column>"
            "</x:ClientData></v:shape>"
        )
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{sheet_number}"/></o:shapelayout>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        + "".join(shapes)
        + "</xml>"
    )


def write_workbook(output: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` as one workbook to ``output``; each sheet's ``written`` tells its data rows."""
    styles = _Styles()
    overrides = []
    sheet_relations = []
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number, sheet in enumerate(sheets, start=1):
            comments: list[tuple[str, str]] = []
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as raw:
                _write_sheet(raw, sheet, styles, comments)
            overrides.append((f"/xl/worksheets/sheet{number}.xml", f"{_CONTENT}.worksheet+xml"))
            sheet_relations.append(
                f'<Relationship Id="rId{number}" Type="{_RELATIONSHIPS}/worksheet" '
                f'Target="worksheets/sheet{number}.xml"/>'
            )
            if comments:
                archive.writestr(f"xl/comments{number}.xml", _comments_xml(comments))
                archive.writestr(f"xl/drawings/vmlDrawing{number}.vml", _vml_xml(comments, number))
                archive.writestr(
                    f"xl/worksheets/_rels/sheet{number}.xml.rels",
                    f'{_XML}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
                    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/vmlDrawing" '
                    f'Target="../drawings/vmlDrawing{number}.vml"/>'
                    f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/comments" '
                    f'Target="../comments{number}.xml"/>'
                    "</Relationships>",
                )
                overrides.append((f"/xl/comments{number}.xml", f"{_CONTENT}.comments+xml"))
        styles_id = len(sheets) + 1
        archive.writestr("xl/styles.xml", styles.xml())
        archive.writestr(
            "xl/workbook.xml",
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
            + "".join(
                f'<sheet name="{_attribute(sheet.name[:31])}" sheetId="{number}" r:id="rId{number}"/>'
                for number, sheet in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_XML}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            + "".join(sheet_relations)
            + f'<Relationship Id="rId{styles_id}" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "_rels/.rels",
            f'{_XML}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        overrides += [
            ("/xl/workbook.xml", f"{_CONTENT}.sheet.main+xml"),
            ("/xl/styles.xml", f"{_CONTENT}.styles+xml"),
        ]
        archive.writestr(
            "[Content_Types].xml",
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="vml" '
            'ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
            + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
            + "</Types>",
        )


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx bytes of ``sheets``: for workbooks small enough to hold in memory."""
    output = io.BytesIO()
    write_workbook(output, sheets)
    return output.getvalue()
