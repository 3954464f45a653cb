"""Who made a change: the actor (and address) that django-auditlog writes on its entries.

Services say `with set_actor(user):` around their writes, so that commands and tasks are
attributed too; in a web request the middleware below has already opened a context for the
signed-in user. auditlog's own `set_actor` must not be nested: each nested use leaves one
pre_save receiver connected for the life of the process (jazzband/django-auditlog#846), and
Django scans a signal's receivers on every connect, disconnect and send — a server got slower
with every request it had served. Here at most one auditlog context is open per request,
command or task; an inner `set_actor` changes the actor of the open one and puts it back.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from auditlog import get_logentry_model
from auditlog.cid import get_cid, set_cid
from auditlog.context import set_extra_data
from auditlog.diff import model_instance_diff
from auditlog.middleware import AuditlogMiddleware
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import smart_str

from core import rows
from core.client import client_ip

_open: ContextVar[dict | None] = ContextVar("qm_audit_context", default=None)


@contextmanager
def set_actor(actor, **extra) -> Iterator[None]:
    """Attribute the audit entries written in this block to `actor` (None: the system)."""
    data = _open.get()
    if data is None:
        data = {"actor": actor, "remote_addr": None, "remote_port": None, **extra}
        token = _open.set(data)
        try:
            # auditlog keeps this very dict and reads it when an entry is saved.
            with set_extra_data(context_data=data):
                yield
        finally:
            _open.reset(token)
        return
    saved = dict(data)
    data.update(actor=actor, **extra)
    try:
        yield
    finally:
        data.clear()
        data.update(saved)


def _entry(instance, action: int, changes: dict, using: str):
    """An audit entry for `instance`, filled as auditlog's `log_create` and its receiver fill
    one, with the actor, address and port of the open context."""
    entry_model = get_logentry_model()
    context = _open.get() or {}
    actor = context.get("actor")
    entry = entry_model(
        content_type=ContentType.objects.db_manager(using).get_for_model(instance),
        object_pk=str(instance.pk),
        object_id=instance.pk,
        object_repr=smart_str(instance),
        action=action,
        changes=changes,
        cid=get_cid(),
        remote_addr=context.get("remote_addr"),
        remote_port=context.get("remote_port"),
    )
    if isinstance(actor, get_user_model()):
        entry.actor_id, entry.actor_email = actor.pk, actor.email
    get_additional_data = getattr(instance, "get_additional_data", None)
    if callable(get_additional_data):
        entry.additional_data = get_additional_data()
    return entry


def update_entry(instance, changes: dict, using: str) -> tuple[str, list]:
    """The INSERT of one audit entry for a change of `instance` written with `core.rows`
    (which sends no signal, so auditlog does not see it), to run with it."""
    entry = _entry(instance, get_logentry_model().Action.UPDATE, changes, using)
    return rows.insert_statement([entry], _ENTRY_FIELDS, using)


def log_bulk_created(instances: Iterable) -> None:
    """Creation entries for rows written with `bulk_create`, which sends no signal: one
    INSERT for all of them, each entry as auditlog writes for a row saved alone."""
    entries = []
    for instance in instances:
        changes = model_instance_diff(
            None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
        )
        using = instance._state.db or "default"
        entries.append(_entry(instance, get_logentry_model().Action.CREATE, changes, using))
    if entries:
        get_logentry_model().objects.using(using).bulk_create(entries)


# A statistic's value in its report's audit entry: "statistic:<indicator label>".
STATISTIC_PREFIX = "statistic:"


def statistic_change_key(label: str) -> str:
    return f"{STATISTIC_PREFIX}{label}"


_ENTRY_FIELDS = [
    "additional_data",
    "content_type",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes_text",
    "changes",
    "actor",
    "actor_email",
    "cid",
    "remote_addr",
    "remote_port",
    "timestamp",
]


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, opening its context through `set_actor` (safe to nest in), with
    the client address as the rate limits see it (core.client), not the first entry of
    X-Forwarded-For, which the client writes itself."""

    def __call__(self, request):
        set_cid(request)
        with set_actor(
            self._get_actor(request),
            remote_addr=None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_ip(request),
            remote_port=self._get_remote_port(request),
        ):
            return self.get_response(request)


# --- What is audited: the one list ---------------------------------------------------------

# Every model of the platform's apps is either here, with the options auditlog registers it
# with, or in NOT_AUDITED with the reason; core/tests/test_audit_coverage.py fails on a model
# that is in neither, so a new model cannot slip past the audit trail. Change times and
# optimistic-lock versions are left out: they change on every save and say nothing.
_STAMPS = ["updated_at"]
AUDITED: dict[str, dict] = {
    "orgs.OrgUnit": {"exclude_fields": ["path", "depth", "numchild", *_STAMPS]},
    "orgs.Department": {"exclude_fields": _STAMPS},
    "orgs.Membership": {"exclude_fields": _STAMPS},
    "campaigns.Campaign": {"exclude_fields": _STAMPS},
    "campaigns.Slogan": {"exclude_fields": _STAMPS},
    "campaigns.Notice": {
        "exclude_fields": ["version", *_STAMPS],
        "m2m_fields": {"recipient_units", "co_organizers", "basis"},
    },
    "campaigns.NoticeAttachment": {"exclude_fields": _STAMPS},
    "campaigns.Contact": {"exclude_fields": _STAMPS},
    # Written in bulk at issue (entries by log_bulk_created); the first reading is set with
    # an UPDATE (no signal) and is not audited: only the delivery itself is recorded.
    "campaigns.Delivery": {"exclude_fields": ["read_at"]},
    "campaigns.NoticeCorrection": {},
    "activities.Activity": {"exclude_fields": ["version", *_STAMPS]},
    "activities.ActivityCategory": {},
    "activities.ActivityParticipant": {"exclude_fields": _STAMPS},
    "reports.ReportRequirement": {"exclude_fields": _STAMPS},
    "reports.StatisticField": {},
    "reports.ExpectedReport": {"exclude_fields": _STAMPS},
    # The autosave writes reports and their values with core.rows (no signals): it records
    # its change itself, as one entry (update_entry), so nothing here adds a second one.
    "reports.Report": {"exclude_fields": _STAMPS},
    "reports.StatisticValue": {},
    "reports.TypicalCase": {"exclude_fields": _STAMPS},
    "reports.ReportFile": {"exclude_fields": _STAMPS},
    "reports.ReportEvent": {},
    "reports.SentReminder": {},
    "reports.Bulletin": {"exclude_fields": _STAMPS},
    "entities.MarketEntity": {"exclude_fields": _STAMPS},
    "inspections.Inspector": {"exclude_fields": _STAMPS, "m2m_fields": {"linked_entities"}},
    "inspections.SamplingPlan": {"exclude_fields": _STAMPS, "m2m_fields": {"regions"}},
    "inspections.Draw": {},
    "inspections.InspectionTarget": {"exclude_fields": _STAMPS, "m2m_fields": {"inspectors"}},
    "inspections.InspectionFile": {"exclude_fields": _STAMPS},
    "awards.AwardRound": {"exclude_fields": _STAMPS},
    "awards.Criterion": {},
    # Contact persons, e-mail addresses and objectors are personal data, encrypted at rest
    # (core.personal_data): the trail would otherwise keep them in clear.
    "awards.Application": {
        "exclude_fields": ["link_hash", "contact_name", "email", "anonymised_at", *_STAMPS]
    },
    "awards.ApplicationFile": {"exclude_fields": _STAMPS},
    "awards.AwardExpert": {},
    "awards.Assignment": {"exclude_fields": _STAMPS},
    "awards.Score": {},
    "awards.Objection": {"exclude_fields": ["name", "contact", "anonymised_at"]},
    # The enterprise's contact person and phone are personal data: kept out of the trail.
    "assistance.ServiceCase": {
        "exclude_fields": ["version", "contact_name", "contact_phone", "anonymised_at", *_STAMPS]
    },
    "assistance.Problem": {},
    "assistance.Measure": {},
    "assistance.FollowUp": {},
    "media.MediaItem": {"exclude_fields": _STAMPS},
    "public.PublicEvent": {"exclude_fields": _STAMPS},
    # Personal data stays out of the audit trail: only the status changes are of interest.
    "public.Registration": {
        "exclude_fields": ["name", "phone", "phone_hash", "code", "anonymised_at"]
    },
    "public.EventMessage": {},
    "public.Poll": {"exclude_fields": _STAMPS},
    "public.PollOption": {},
    # The hash is no secret worth hiding, but nothing gains from logging it either; the last
    # use changes with every minute of use.
    "api.ApiToken": {"exclude_fields": ["key_hash", "last_used_at", *_STAMPS]},
    # Accounts: who was made active, staff or superuser, and that a password changed.
    "auth.User": {"exclude_fields": ["last_login"], "mask_fields": ["password"]},
}

NOT_AUDITED: dict[str, str] = {
    "notifications.Notification": (
        "站内消息由已记录的操作（印发、报送、催报、要情）生成，本身不是业务数据的修改；"
        "已读标记属个人"
    ),
    "imports.NoticeImport": "导入暂存：确认后生成的通知及其活动、联系人等均有修改记录",
    "core.RateCounter": "限流计数器：每个请求累加的计数，窗口过后即作废，不是业务数据",
    "awards.EmailVerification": "一次性邮箱验证码：只存摘要，15 分钟后失效，不是业务数据",
    "public.Vote": "匿名投票：只存号码摘要，写入审计日志反而多留一份个人信息",
    "reports.ReportTally": "报送计数：由已记录的报送、审核、应报单位变动随同维护，可随时按原始记录重算",
    "activities.ActivityTally": "活动计数：由已记录的活动新增、修改、删除随同维护，可随时按原始记录重算",
    "activities.PublicCalendarTally": "公众日历计数：由已记录的活动和开放日变动随同维护，可随时按原始记录重算",
}


def register_audited_models() -> None:
    """Register AUDITED with auditlog (CoreConfig.ready, once every model is loaded)."""
    for label, options in AUDITED.items():
        auditlog.register(apps.get_model(label), **options)
