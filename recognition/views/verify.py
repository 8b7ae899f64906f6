"""The public verification page (no login): a certificate's code gives back only what the certificate
itself shows. Unknown and malformed codes get the same plain "not found"; look-ups are throttled per
client address so that codes cannot be guessed."""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from recognition.forms import VerifyForm
from recognition.selectors import verify
from recognition.services import normalise_code

LIMIT = 20  # look-ups per client address …
WINDOW = 600  # … per this many seconds


def _over_limit(request: HttpRequest) -> bool:
    """Count one look-up; True once the address made more than LIMIT in the current window."""
    key = f"verify:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count > LIMIT


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "recognition/verify.html", {"form": VerifyForm(), "not_found": True}, status=404)


def _throttled(request: HttpRequest) -> HttpResponse:
    response = render(request, "recognition/verify_throttled.html", {"minutes": WINDOW // 60}, status=429)
    response["Retry-After"] = str(WINDOW)
    return response


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """The form; a typed code goes to its own address (where it is counted), a malformed one is counted
    and answered here."""
    if "code" not in request.GET:
        return render(request, "recognition/verify.html", {"form": VerifyForm()})
    code = normalise_code(request.GET["code"])
    if code:
        return redirect("verification:code", code)
    return _throttled(request) if _over_limit(request) else _not_found(request)


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    if _over_limit(request):
        return _throttled(request)
    code = normalise_code(code)
    found = verify(code) if code else None
    if found is None:
        return _not_found(request)
    return render(request, "recognition/verify.html", {"form": VerifyForm(), "found": found})
