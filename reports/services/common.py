"""What the reporting services share: errors, messages, the report row lock."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reports.models import Report

# The indicators most seeds' statistics tables ask for; offered when a form is empty.
DEFAULT_STATISTIC_FIELDS: list[tuple[str, str, str]] = [
    ("活动场次", "activities", "场"),
    ("参与人数", "participants", "人次"),
    ("媒体报道篇数", "media_reports", "篇"),
    ("帮扶企业数", "enterprises_helped", "家"),
    ("监督抽查批次", "spot_checks", "批次"),
    ("查办案件数", "cases_handled", "件"),
    ("发放宣传资料份数", "leaflets", "份"),
]

MSG_STALE = gettext_noop(
    "该报送材料已被他人修改（当前版本 %(v)s），您的内容未保存，仍保留在页面上；请复制后刷新页面再合并。"
)
MSG_NOT_EDITABLE = gettext_noop("已报送的材料不能修改；如需修改，请上级退回。")
MSG_NOT_EXPECTED = gettext_noop("本单位不在该报送要求的应报单位中。")
MSG_INCOMPLETE = gettext_noop("以下材料尚未齐全：%(m)s。")


class ReportStateError(Exception):
    """The action does not fit the report's state (e.g. reviewing a draft)."""


class IncompleteReportError(Exception):
    """A submission with required materials missing; `missing` names them."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(_(MSG_INCOMPLETE) % {"m": "、".join(missing)})


def _lock_report(report: Report) -> Report:
    """The report re-read under a row lock. select_for_update serializes concurrent saves of
    one report on PostgreSQL (SQLite serializes writers anyway). Only the report row is
    locked (`of`): its unit, requirement and notice are shared by every report below the
    issuer, and locking them as well made all units' autosaves wait for each other."""
    locked = Report.objects.select_for_update(of=("self",))
    if Report.expected.is_cached(report):
        # The caller resolved (and checked) the expected report with its unit, requirement
        # and notice: keep those objects, and what is cached on them, instead of joining
        # them again.
        fresh = locked.get(pk=report.pk)
        fresh.expected = report.expected
        return fresh
    return locked.select_related("expected__unit", "expected__requirement__notice__unit").get(
        pk=report.pk
    )
