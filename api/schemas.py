"""Input and output schemas of the JSON API: one input and one output schema per operation.

Bounds on ids, pages and text are part of the schema, so that clients (and the schemathesis
run in the suite) see them, and so that no request reaches the database with a number it
cannot store or a string PostgreSQL refuses (a NUL character).
"""

import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

MAX_ID = 2**31 - 1


def _storable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("含有无效字符。") from exc
    return value


NO_NUL = r"^[^\x00]*$"
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Text = Annotated[str, Field(max_length=100_000, pattern=NO_NUL), AfterValidator(_storable)]
ShortText = Annotated[str, Field(max_length=500, pattern=NO_NUL), AfterValidator(_storable)]
Code = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$")]

ReportStatus = Literal["draft", "submitted", "returned", "accepted"]


# --- Errors ---------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut] = []
    missing: list[str] = Field(default=[], description="报送时尚缺的必报材料")


class ConflictOut(Schema):
    detail: str
    current_version: int | None = None
    report_id: int | None = None


# The errors every operation may answer with, documented so clients can rely on their shape.
READ = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WRITE = {**READ, 400: ErrorOut, 403: ErrorOut, 409: ConflictOut}


def responses(out: type[Schema], codes: dict = READ, status: int = 200) -> dict:
    """An operation's documented responses: `out` on success, and its possible errors."""
    return {**codes, status: out}


# --- Shared pieces --------------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    name: str
    kind: str


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=200, description="每页条数")
    offset: int = Field(0, ge=0, le=1_000_000, description="跳过条数")


# --- Notices and activities -----------------------------------------------------------------


class NoticeListQuery(PageQuery):
    year: int | None = Field(None, ge=1949, le=2100, description="活动年度")
    status: Literal["draft", "issued"] | None = None


class NoticePath(Schema):
    notice_id: Id


class NoticeOut(Schema):
    id: int
    title: str
    doc_number: str
    kind: str
    status: str
    year: int
    unit: UnitRef
    issue_date: datetime.date | None
    issued_at: datetime.datetime | None


class NoticePage(Schema):
    count: int
    items: list[NoticeOut]


class BodySectionOut(Schema):
    level: int = 0
    number: str = ""
    text: str = ""


class NoticeDetailOut(NoticeOut):
    theme: str
    issuer_names: list[str]
    recipients_text: str
    recipients: list[UnitRef]
    body: list[BodySectionOut]
    basis_ids: list[int]


class ActivityOut(Schema):
    id: int
    position: int
    section: str
    title: str
    content: str
    category: str | None
    window_text: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    status: str
    leads: list[str]
    supports: list[str]


class ActivityListOut(Schema):
    notice_id: int
    items: list[ActivityOut]


# --- Report requirements --------------------------------------------------------------------


class RequirementListQuery(PageQuery):
    notice_id: Id | None = None


class RequirementPath(Schema):
    requirement_id: Id


class RequirementOut(Schema):
    id: int
    notice_id: int
    notice_title: str
    issuer: UnitRef
    due_date: datetime.date | None
    materials: list[str]
    levels: list[str]
    report_to: str


class RequirementPage(Schema):
    count: int
    items: list[RequirementOut]


class StatisticFieldOut(Schema):
    code: str
    label: str
    kind: Literal["integer", "decimal", "text"]
    required: bool
    unit_of_measure: str


class RequirementDetailOut(RequirementOut):
    text: str
    statistic_fields: list[StatisticFieldOut]


# --- Reports --------------------------------------------------------------------------------


class ReportListQuery(PageQuery):
    requirement_id: Id | None = None
    status: ReportStatus | None = None


class ReportPath(Schema):
    report_id: Id


class StatisticValueOut(Schema):
    code: str
    label: str
    number: float | None
    text: str


class ReportOut(Schema):
    id: int
    requirement_id: int
    unit: UnitRef
    status: ReportStatus
    summary: str
    problems: str
    values: list[StatisticValueOut]
    submitted_at: datetime.datetime | None
    first_submitted_at: datetime.datetime | None
    is_late: bool = Field(description="首次报送晚于截止日期")
    version: int = Field(description="修改时原样带回，用于防止覆盖他人的修改")


class ReportPage(Schema):
    count: int
    items: list[ReportOut]


class ReportDetailOut(ReportOut):
    missing: list[str] = Field(description="报送前尚缺的必报材料")


class ReportCreateIn(Schema):
    requirement_id: Id
    unit_id: Id = Field(description="报送单位（须在应报单位中）")
    summary: Text | None = None
    problems: Text | None = None
    values: dict[Code, ShortText] | None = Field(None, description="统计指标代码 → 数值")


class ReportUpdateIn(Schema):
    version: Id = Field(description="读取时的版本号；他人已修改时返回 409")
    summary: Text | None = None
    problems: Text | None = None
    values: dict[Code, ShortText] | None = None


class ReportSubmitIn(Schema):
    version: Id | None = Field(None, description="读取时的版本号；给出时，他人已修改则返回 409")


# --- Rollups --------------------------------------------------------------------------------


class RollupPath(Schema):
    unit_id: Id


class RollupQuery(Schema):
    requirement_id: Id | None = Field(None, description="不给出时汇总全部报送要求（不含统计指标）")


class CompletenessOut(Schema):
    unit: UnitRef | None
    label: str
    expected: int
    received: int
    on_time: int
    late: int
    overdue: int
    completeness: float = Field(description="报送率：已报 / 应报，0–1")
    timeliness: float = Field(description="及时率：按时 / 应报，0–1")


class StatisticsRowOut(Schema):
    unit: UnitRef | None
    label: str
    received: int
    values: dict[str, float | None]


class StatisticsOut(Schema):
    fields: list[StatisticFieldOut]
    rows: list[StatisticsRowOut]
    total: dict[str, float]
    received: int


class RollupOut(Schema):
    unit: UnitRef
    requirement_id: int | None
    total: CompletenessOut
    children: list[CompletenessOut]
    levels: list[CompletenessOut]
    statistics: StatisticsOut | None


def unit_ref(unit) -> dict[str, Any] | None:
    return None if unit is None else {"id": unit.pk, "name": unit.name, "kind": unit.kind}
