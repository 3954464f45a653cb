"""Notices and plans (通知与方案), and the activities of their schedule tables."""

from ninja import Path, Query, Router

from activities import selectors as activity_selectors
from api import schemas as s
from api.pagination import page
from campaigns import selectors as campaign_selectors
from campaigns.models import Notice

router = Router(tags=["通知与方案"])


def notice_out(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "title": notice.title,
        "doc_number": notice.doc_number,
        "kind": notice.kind,
        "status": notice.status,
        "year": notice.campaign.year,
        "unit": s.unit_ref(notice.unit),
        "issue_date": notice.issue_date,
        "issued_at": notice.issued_at,
    }


@router.get("/notices", response=s.responses(s.NoticePage), summary="通知与方案列表")
def notice_list(request, query: Query[s.NoticeListQuery]):
    """The notices and plans the user may see: their units' own and those sent to them."""
    return page(
        Notice.objects.for_user(request.auth).select_related("unit", "campaign"),
        query,
        filters={"year": "campaign__year", "status": "status"},
        serialize=notice_out,
    )


@router.get(
    "/notices/{notice_id}", response=s.responses(s.NoticeDetailOut), summary="通知与方案详情"
)
def notice_detail(request, path: Path[s.NoticePath]):
    notice = campaign_selectors.notice_get_for_user(request.auth, path.notice_id)
    return {
        **notice_out(notice),
        "theme": notice.theme,
        "issuer_names": [str(n) for n in notice.issuer_names],
        "recipients_text": notice.recipients_text,
        "recipients": [s.unit_ref(u) for u in notice.recipient_units.order_by("path")],
        "body": [b for b in notice.body if isinstance(b, dict)],
        "basis_ids": list(
            Notice.objects.for_user(request.auth)
            .filter(implementations=notice)
            .values_list("pk", flat=True)
        ),
    }


@router.get(
    "/notices/{notice_id}/activities",
    response=s.responses(s.ActivityListOut),
    summary="通知中的活动",
)
def notice_activities(request, path: Path[s.NoticePath]):
    """The activities of a notice or plan, in the order of its schedule table."""
    notice = campaign_selectors.notice_get_for_user(request.auth, path.notice_id)
    items = [
        {
            "id": a.pk,
            "position": a.position,
            "section": a.section,
            "title": a.title,
            "content": a.content,
            "category": a.category.name if a.category else None,
            "window_text": a.window_text,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "status": a.status,
            "leads": [p.name for p in a.leads()],
            "supports": [p.name for p in a.supports()],
        }
        for a in activity_selectors.notice_activities(notice)
    ]
    return {"notice_id": notice.pk, "items": items}
