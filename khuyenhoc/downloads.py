"""Files the browser is to save rather than show."""

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(data: bytes, *, name: str, content_type: str) -> HttpResponse:
    """`data` as a download named `name` (a slug: plain ASCII, nothing to quote)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
