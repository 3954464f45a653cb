"""The draw: replayable from its published seed and lists, 回避 always kept, redraw recorded."""

import random

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from entities.models import Field
from inspections import draw as drawing
from inspections import selectors, services
from inspections.models import Draw, InspectionTarget
from inspections.tests.conftest import code


def test_a_draw_replayed_from_its_seed_gives_the_same_result(county):
    plan = county.plan()
    record = services.plan_draw(actor=county.editor, plan=plan)

    assert selectors.draw_replay(record).as_json() == record.outcome
    # From the published lists alone, with nothing of the platform but the algorithm:
    again = drawing.draw(
        record.seed,
        [e["code"] for e in reversed(record.entity_candidates)],
        [i["badge"] for i in record.inspector_candidates],
        count=5,
        per_entity=2,
        excluded=[tuple(p) for p in record.excluded_pairs],
    )
    assert again.as_json() == record.outcome
    targets = list(plan.targets.order_by("position"))
    assert [t.entity.credit_code for t in targets] == [
        t["entity"] for t in record.outcome["targets"]
    ]
    assert len(targets) == 5


def test_the_same_seed_on_another_plan_draws_the_same_and_another_seed_differs(county):
    first = services.plan_draw(actor=county.editor, plan=county.plan(), seed="a" * 32)
    second = services.plan_draw(actor=county.editor, plan=county.plan(), seed="a" * 32)
    other = services.plan_draw(actor=county.editor, plan=county.plan(), seed="b" * 32)
    assert first.outcome == second.outcome
    assert first.outcome != other.outcome


def test_the_seed_comes_from_the_system_and_is_recorded(county):
    record = services.plan_draw(actor=county.editor, plan=county.plan())
    assert len(record.seed) == 32
    assert Draw.objects.get(pk=record.pk).seed == record.seed


def _assert_avoidance(plan, record):
    for target in InspectionTarget.objects.filter(draw=record).prefetch_related("inspectors"):
        inspectors = list(target.inspectors.select_related("unit"))
        assert len({i.pk for i in inspectors}) == plan.inspectors_per_entity
        for inspector in inspectors:
            assert not target.entity.region.path.startswith(inspector.unit.path)
            assert target.entity not in inspector.linked_entities.all()


def test_avoidance_holds_over_many_random_draws(county):
    linked = county.inspectors[0]
    services.inspector_update(
        actor=county.editor, inspector=linked, linked_entities=county.entities[4:8]
    )
    plan = county.plan(target_count=8)
    rng = random.Random(20230916)
    for _ in range(15):
        seed = f"{rng.getrandbits(128):032x}"
        record = services.plan_draw(
            actor=county.editor,
            plan=plan,
            seed=seed,
            reason="" if not plan.draws.exists() else "测试重抽",
        )
        _assert_avoidance(plan, record)
        assert len(record.outcome["targets"]) == 8


def test_avoidance_holds_in_the_algorithm_over_thousands_of_seeds():
    entities = [code(n) for n in range(30)]
    inspectors = [f"B{n:03d}" for n in range(8)]
    rng = random.Random(7)
    excluded = {(b, e) for b in inspectors for e in entities if rng.random() < 0.4}
    for s in range(2000):
        outcome = drawing.draw(
            f"{s:x}", entities, inspectors, count=10, per_entity=2, excluded=excluded
        )
        for entity, chosen in outcome.targets:
            assert len(set(chosen)) == 2
            assert not any((badge, entity) in excluded for badge in chosen)
        for entity in outcome.skipped:
            assert len([b for b in inspectors if (b, entity) not in excluded]) < 2


def test_an_inspector_is_not_drawn_for_a_field_outside_their_competence(county):
    for inspector in county.inspectors:
        services.inspector_update(actor=county.editor, inspector=inspector, fields=[Field.VEHICLE])
    plan = county.plan(fields=[Field.ECOLOGY])
    with pytest.raises(ValidationError) as refused:
        services.plan_draw(actor=county.editor, plan=plan)
    assert refused.value.messages == [services.MSG_NOTHING_DRAWN % {"need": 2}]
    assert not plan.targets.exists()


def test_a_redraw_needs_a_reason_and_is_recorded(county):
    plan = county.plan()
    first = services.plan_draw(actor=county.editor, plan=plan)
    with pytest.raises(ValidationError) as refused:
        services.plan_draw(actor=county.editor, plan=plan)
    assert refused.value.messages == [services.MSG_REASON_REQUIRED]
    assert plan.draws.count() == 1

    second = services.plan_draw(
        actor=county.editor, plan=plan, reason="抽中机构已注销，名录未及时更新"
    )
    assert [d.number for d in plan.draws.all()] == [1, 2]
    assert second.reason == "抽中机构已注销，名录未及时更新"
    assert second.drawn_by == county.editor
    assert Draw.objects.get(pk=first.pk).outcome == first.outcome  # the first stays on record
    assert set(plan.targets.values_list("draw", flat=True)) == {second.pk}
    entry = LogEntry.objects.get_for_object(second).get()
    assert entry.actor == county.editor
    assert entry.changes["reason"] == ["None", "抽中机构已注销，名录未及时更新"]


def test_no_redraw_once_a_result_is_recorded(county):
    plan = county.plan()
    services.plan_draw(actor=county.editor, plan=plan)
    target = plan.targets.first()
    services.target_result_save(
        actor=county.editor,
        target=target,
        inspected_on=plan.starts_on,
        outcome=InspectionTarget.Outcome.NO_PROBLEM,
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_draw(actor=county.editor, plan=plan, reason="想换一家")
    assert refused.value.messages == [services.MSG_RESULTS_EXIST]
    assert plan.draws.count() == 1


def test_only_entities_of_the_plans_fields_regions_and_operating_are_candidates(county):
    county.entities[0].status = "cancelled"
    county.entities[0].save()
    plan = county.plan(fields=[Field.VEHICLE], target_count=100)
    record = services.plan_draw(actor=county.editor, plan=plan)
    codes = {e["code"] for e in record.entity_candidates}
    expected = {e.credit_code for e in county.entities[1:] if e.field == Field.VEHICLE}
    assert codes == expected  # 天心区's are outside 芙蓉区


def test_a_viewer_cannot_draw(county):
    plan = county.plan()
    with pytest.raises(Exception) as refused:
        services.plan_draw(actor=county.world.users["viewer"], plan=plan)
    assert refused.type.__name__ == "PermissionDenied"
