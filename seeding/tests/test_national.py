"""`generate_national` at a tiny size (no stations, a few hundred activities): the shape of
the cascade and the reporting shares the benchmarks rely on."""

import datetime
from io import StringIO

from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.test import TestCase
from django.utils import timezone

from activities.models import Activity, ActivityParticipant
from campaigns.models import Delivery, Notice
from core import tallies
from orgs.models import OrgUnit
from reports import selectors
from reports.models import ExpectedReport, Report, ReportRequirement, StatisticValue
from seeding.national import SHARE_LATE, SHARE_MISSING, SHARE_RETURNED, due_date

ACTIVITIES = 400


class GenerateNationalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.out = StringIO()
        call_command(
            "generate_national", "--no-stations", f"--activities={ACTIVITIES}", stdout=cls.out
        )
        cls.nation = OrgUnit.objects.get(kind=OrgUnit.Kind.NATIONAL)

    def test_the_command_reports_what_it_built(self):
        self.assertIn("全国数据已生成", self.out.getvalue())
        self.assertIn(f"activities {ACTIVITIES:,}", self.out.getvalue())

    def test_the_tree_is_valid_and_holds_the_real_divisions_without_stations(self):
        self.assertEqual(OrgUnit.objects.find_problems(), ([], [], [], [], []))
        self.assertEqual(OrgUnit.objects.filter(kind=OrgUnit.Kind.PROVINCE).count(), 31)
        self.assertGreater(OrgUnit.objects.filter(kind=OrgUnit.Kind.COUNTY).count(), 2800)
        self.assertFalse(OrgUnit.objects.filter(kind=OrgUnit.Kind.STATION).exists())

    def test_every_plan_is_based_on_its_parent_units_notice(self):
        plans = Notice.objects.filter(kind=Notice.Kind.PLAN).select_related("unit")
        notices_by_path = {n.unit.path: n.pk for n in Notice.objects.select_related("unit")}
        bases = dict(Notice.basis.through.objects.values_list("from_notice_id", "to_notice_id"))
        self.assertEqual(len(bases), plans.count())
        for plan in plans:
            parent_path = plan.unit.path[: -OrgUnit.steplen]
            self.assertEqual(bases[plan.pk], notices_by_path[parent_path], plan.title)

    def test_deliveries_go_to_the_children_of_the_issuing_unit_and_only_to_them(self):
        deliveries = Delivery.objects.select_related("notice__unit", "recipient")
        self.assertEqual(deliveries.count(), OrgUnit.objects.count() - 1)
        for delivery in deliveries:
            self.assertEqual(delivery.recipient.path[: -OrgUnit.steplen], delivery.notice.unit.path)

    def test_each_requirement_expects_exactly_the_recipients_of_its_notice(self):
        expected = dict(
            ExpectedReport.objects.values("requirement__notice_id")
            .annotate(n=Count("pk"))
            .values_list("requirement__notice_id", "n")
        )
        delivered = dict(
            Delivery.objects.values("notice_id")
            .annotate(n=Count("pk"))
            .values_list("notice_id", "n")
        )
        self.assertEqual(expected, delivered)
        self.assertFalse(
            ExpectedReport.objects.exclude(unit__inbox__notice=F("requirement__notice")).exists()
        )

    def test_due_dates_let_each_level_compile_before_reporting_up(self):
        national = ReportRequirement.objects.get(notice__unit=self.nation)
        self.assertEqual(national.due_date, datetime.date(2023, 10, 16))
        hunan = ReportRequirement.objects.get(notice__unit__name="湖南省")
        self.assertEqual(hunan.due_date, datetime.date(2023, 10, 14))
        self.assertEqual(due_date(2023, 4), datetime.date(2023, 10, 10))

    def test_late_returned_and_missing_shares_are_realistic(self):
        expected = ExpectedReport.objects.count()
        received = Report.objects.received().count()
        late = Report.objects.received().filter(is_late=True).count()
        returned = Report.objects.filter(status=Report.Status.RETURNED).count()
        missing = expected - received - returned
        self.assertAlmostEqual(missing / expected, SHARE_MISSING, delta=0.03)
        self.assertAlmostEqual(returned / expected, SHARE_RETURNED, delta=0.02)
        self.assertAlmostEqual(late / received, SHARE_LATE, delta=0.03)

    def test_late_reports_were_submitted_after_the_due_date_and_on_time_ones_before(self):
        reports = Report.objects.received().select_related("expected__requirement")
        for report in reports:
            submitted_on = timezone.localdate(report.first_submitted_at)
            self.assertEqual(
                report.is_late, submitted_on > report.expected.requirement.due_date, report.pk
            )

    def test_most_submissions_arrive_in_the_last_two_days_before_the_deadline(self):
        on_time = [
            (timezone.localdate(r.first_submitted_at), r.expected.requirement.due_date)
            for r in Report.objects.received()
            .filter(is_late=False)
            .select_related("expected__requirement")
        ]
        last_two = sum(1 for day, due in on_time if (due - day).days <= 1)
        self.assertGreater(last_two / len(on_time), 0.6)

    def test_every_received_report_has_a_value_for_each_statistic_field(self):
        per_report = set(
            Report.objects.received()
            .annotate(
                n=Count("values", distinct=True),
                fields=Count("expected__requirement__statistic_fields", distinct=True),
            )
            .values_list("n", "fields")
        )
        self.assertEqual(per_report, {(7, 7)})

    def test_the_platform_rollups_read_the_generated_reports(self):
        requirement = ReportRequirement.objects.get(notice__unit=self.nation)
        figures = selectors.completeness(
            self.nation, requirement=requirement, today=datetime.date(2023, 11, 1)
        )
        self.assertEqual(figures.expected, 31)
        self.assertEqual(
            figures.received,
            Report.objects.received().filter(expected__requirement=requirement).count(),
        )
        rollup = selectors.statistics_rollup(self.nation, requirement=requirement)
        total = sum(
            v.number
            for v in StatisticValue.objects.filter(
                report__expected__requirement=requirement,
                report__status__in=["submitted", "accepted"],
                field__code="participants",
            )
        )
        position = [f.code for f in rollup.fields].index("participants")
        self.assertEqual(rollup.total[position], total)

    def test_the_counts_kept_on_write_agree_with_the_generated_rows(self):
        # The bulk load bypasses the services that keep the tallies: the generator rebuilds
        # them, or every figure page would show zeros over a full dataset.
        rebuilds = tallies.registered()
        self.assertIn("reports", rebuilds)
        self.assertIn("activities", rebuilds)
        for name, rebuild in rebuilds.items():
            self.assertEqual(rebuild(False), [], name)

    def test_activities_have_the_requested_count_and_a_lead_each(self):
        self.assertEqual(Activity.objects.count(), ACTIVITIES)
        self.assertEqual(
            ActivityParticipant.objects.filter(role=ActivityParticipant.Role.LEAD).count(),
            ACTIVITIES,
        )
        self.assertFalse(Activity.objects.filter(ends_on__lt=F("starts_on")).exists())

    def test_rows_created_afterwards_get_fresh_ids(self):
        notice = Notice.objects.filter(kind=Notice.Kind.PLAN).first()
        activity = Activity.objects.create(notice=notice, title="新增活动", position=999)
        self.assertGreater(activity.pk, ACTIVITIES)

    def test_a_second_run_on_the_same_database_is_refused(self):
        with self.assertRaisesMessage(CommandError, "已有2023年的通知"):
            call_command("generate_national", "--no-stations", "--activities=10", stdout=StringIO())
