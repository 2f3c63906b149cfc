"""Downloads of one table of a dashboard, as CSV or XLSX: exactly the table on the page, with the
same hidden cells (both read `table_lines`), and audited with the page's filter."""

import csv
import tempfile

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from baken.core.models import AuditAction
from baken.core.services import audit_record, list_view_reason

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_text(figure, threshold: int) -> str:
    if figure.status == "small":
        return f"< {threshold}"
    if figure.hidden:
        return "×"
    return str(figure.value)


def table_lines(table, *, numbers: bool = False):
    """The header, one line per category and the totals line, as the page shows them; with
    `numbers`, shown figures stay numbers (for a spreadsheet) and hidden ones their mark."""
    threshold = table.table.threshold

    def value(figure):
        return figure.value if numbers and not figure.hidden else cell_text(figure, threshold)

    yield [table.title, *table.columns]
    for label, cells in table.rows:
        yield [str(label), *(value(f) for f in cells)]
    if table.table.column_totals is not None:
        yield [_("Totaal"), *(value(f) for f in table.table.column_totals)]


def _audit(request: HttpRequest, table, form, kind: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="reporting.statistics",
        object_id=table.key,
        reason=list_view_reason(f"cijfers-{table.key}-{kind}", form if form.is_bound else None),
    )


def csv_response(request: HttpRequest, table, form) -> HttpResponse:
    _audit(request, table, form, "csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="baken-cijfers-{table.key}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerows(table_lines(table))
    return response


def xlsx_response(request: HttpRequest, table, form) -> FileResponse:
    """Written row by row in openpyxl's write-only mode to a temporary file that is streamed and
    then removed, so memory stays flat however long the table."""
    _audit(request, table, form, "xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=table.key[:31])
    for line in table_lines(table, numbers=True):
        sheet.append(line)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"baken-cijfers-{table.key}.xlsx", content_type=XLSX_TYPE)
