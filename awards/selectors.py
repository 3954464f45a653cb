"""Reads of the quality awards: the ranking, what an expert may see, the public lists."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404

from awards.models import Application, Assignment, AwardRound, Score
from orgs import scoping


def combine(totals: list[Decimal], method: str) -> Decimal | None:
    """The application's score from its experts' totals: the mean, or with `trimmed` the mean
    after dropping one highest and one lowest total (when there are at least three)."""
    if not totals:
        return None
    values = sorted(totals)
    if method == AwardRound.Combination.TRIMMED and len(values) >= 3:
        values = values[1:-1]
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))


@dataclass
class Ranked:
    application: Application
    totals: list[Decimal]
    score: Decimal | None
    rank: int | None


def ranking(award: AwardRound) -> list[Ranked]:
    """Accepted applications, best combined score first (unscored last)."""
    applications = (
        award.applications.filter(status=Application.Status.ACCEPTED)
        .select_related("entity")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(scored_at__isnull=False).prefetch_related(
                    Prefetch("scores", queryset=Score.objects.all())
                ),
            )
        )
    )
    rows = []
    for application in applications:
        totals = [a.total() for a in application.assignments.all()]
        rows.append(Ranked(application, totals, combine(totals, award.combination), None))
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.application.pk))
    for position, row in enumerate(rows, start=1):
        if row.score is not None:
            row.rank = position
    return rows


def round_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> AwardRound:
    return scoping.get_for_user(
        AwardRound.objects.for_user(user).select_related("unit"), pk=pk, user=user, action=action
    )


def application_get_for_user(user, pk: int, action: str = scoping.Action.VIEW) -> Application:
    return scoping.get_for_user(
        Application.objects.filter(round__in=AwardRound.objects.for_user(user)).select_related(
            "round__unit", "entity"
        ),
        pk=pk,
        user=user,
        action=action,
        unit_of=lambda a: a.round.unit,
    )


def assignments_for_expert(user):
    return Assignment.objects.filter(expert__user=user).select_related(
        "application__entity", "application__round"
    )


def assignment_get_for_expert(user, pk: int) -> Assignment:
    """An expert's own assignment; anyone else's is not found (404): an expert sees only what
    they are assigned."""
    assignment = assignments_for_expert(user).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return assignment


def public_round(pk: int) -> AwardRound:
    award = AwardRound.objects.public().select_related("unit").filter(pk=pk).first()
    if award is None:
        raise Http404
    return award
