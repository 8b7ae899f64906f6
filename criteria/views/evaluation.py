"""A set seen from the other side: the form a self-assessing subject fills in, evaluated on the spot, and
the what-if over a whole table of scores."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from criteria import selectors, whatif
from criteria.engine import InvalidScores, evaluate
from criteria.forms import ScoreForm, ScoreTableForm
from criteria.spec import FormatError
from criteria.views.access import readable_set


@require_http_methods(["GET", "POST"])
@login_required
def set_preview(request: HttpRequest, set_id: int) -> HttpResponse:
    """Evaluating changes nothing, so every reader of the set may try it."""
    criteria_set = readable_set(request, set_id)
    rules = selectors.effective_set(criteria_set)
    variant = request.GET.get("form") if request.GET.get("form") in {v.key for v in rules.variants} else None
    form = ScoreForm(request.POST or None, rules=rules, variant=variant)
    outcome, problems = None, []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = evaluate(rules, form.scores(), variant)
        except InvalidScores as error:
            problems = error.problems
    context = {
        "set": criteria_set,
        "rules": rules,
        "variant": variant,
        "form": form,
        "groups": form.grouped(rules),
        "outcome": outcome,
        "problems": problems,
        "evaluated": request.method == "POST",
    }
    if request.htmx and request.method == "POST":
        return render(request, "criteria/_outcome.html", context)
    return render(request, "criteria/preview.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def set_whatif(request: HttpRequest, set_id: int) -> HttpResponse:
    criteria_set = readable_set(request, set_id)
    rules = selectors.effective_set(criteria_set)
    form = ScoreTableForm(request.POST or None, request.FILES or None)
    report, problems = None, []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = whatif.run(rules, whatif.read_scores(upload, upload.name, rules))
        except FormatError as error:
            problems = error.problems
    return render(
        request,
        "criteria/whatif.html",
        {"set": criteria_set, "rules": rules, "form": form, "report": report, "problems": problems},
    )


@require_GET
@login_required
def set_score_sheet(request: HttpRequest, set_id: int) -> HttpResponse:
    """An empty score table for the what-if: the subject and form columns, then every item code."""
    criteria_set = readable_set(request, set_id)
    rules = selectors.effective_set(criteria_set)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{criteria_set.key}-v{criteria_set.version}-diem.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the byte-order mark
    csv.writer(response).writerow([column.header for column in whatif.score_columns(rules)])
    return response
