"""The learned issuer ranker of digests and reports (issue #18): one feature, one input; the
model file loads; training is deterministic; the issuer set follows the gold conventions."""

from __future__ import annotations

from imports.parser import parse_file, parse_text, ranker, train_issuers
from imports.parser.accuracy import DEFAULT_FIXTURES
from imports.parser.normalize import normalize


def features(text: str, name: str) -> dict[str, float]:
    found = {c.name: c for c in ranker.candidates(normalize(text).text)}
    assert name in found, sorted(found)
    return found[name].features


# --- where a unit is named ------------------------------------------------------------------------


def test_a_unit_in_the_headline_is_marked_as_in_the_title() -> None:
    f = features("某某县市场监管局开展“质量月”活动\n近日，全县开展了宣传。", "某某县市场监管局")
    assert f["title"] == 1.0


def test_a_unit_that_opens_its_clause_is_the_subject() -> None:
    f = features("9月1日，某某县市场监管局在全县开展“质量月”活动。", "某某县市场监管局")
    assert f["clause_subject"] == 1.0


def test_a_unit_cited_after_according_to_is_not_the_subject_and_is_cited() -> None:
    f = features("按照某某省市场监管局部署，全县开展“质量月”活动。", "某某省市场监管局")
    assert f["pre_cited"] == 1.0
    assert "clause_subject" not in f


# --- role words around a unit ---------------------------------------------------------------------


def test_a_unit_that_issues_the_notice_has_the_issue_role() -> None:
    f = features("某某市市场监管局印发《关于开展“质量月”活动的通知》。", "某某市市场监管局")
    assert f["post_issue"] == 1.0
    assert f["post_issue_campaign"] == 1.0


def test_a_unit_before_jointly_leads_and_the_one_after_is_joined() -> None:
    text = "某某省市场监管局联合某某省教育厅开展“质量月”活动。"
    assert features(text, "某某省市场监管局")["post_joint"] == 1.0
    assert features(text, "某某省教育厅")["pre_joint"] == 1.0


def test_a_unit_that_hosts_an_activity_run_by_it_has_the_host_role() -> None:
    f = features("此次“质量月”活动由某某区市场监管局主办。", "某某区市场监管局")
    assert f["pre_by"] == 1.0
    assert f["post_host"] == 1.0


def test_a_unit_the_reporter_heard_from_is_only_a_news_source() -> None:
    f = features("记者从某某市市场监管局获悉，全市“质量月”活动启动。", "某某市市场监管局")
    assert f["source"] == 1.0
    assert f["seen_only_through_roles"] == 1.0


def test_a_unit_seen_through_its_head_has_the_head_role() -> None:
    f = features("某某县市场监管局局长在“质量月”启动仪式上致辞。", "某某县市场监管局")
    assert f["post_head"] == 1.0


def test_a_unit_that_takes_part_is_a_guest() -> None:
    f = features("某某县教育局参加了“质量月”宣传活动。", "某某县教育局")
    assert f["post_cohost"] == 1.0


# --- the sentence it stands in --------------------------------------------------------------------


def test_a_unit_in_a_sentence_about_the_campaign_is_marked() -> None:
    f = features("某某县市场监管局部署2024年“质量月”活动。", "某某县市场监管局")
    assert f["campaign_sentence"] == 1.0
    assert "never_campaign" not in f


def test_a_unit_at_a_street_event_only_is_marked_event_only() -> None:
    f = features("某某县卫健委在人民广场设立咨询台。", "某某县卫健委")
    assert f["event_only_sentence"] == 1.0
    assert f["never_campaign"] == 1.0


def test_mentions_are_counted_on_a_log_scale() -> None:
    text = "某某县市场监管局开展“质量月”活动。某某县市场监管局还走进企业。"
    assert (
        features(text, "某某县市场监管局")["mentions"]
        > features("某某县市场监管局开展“质量月”活动。", "某某县市场监管局")["mentions"]
    )


# --- lists ---------------------------------------------------------------------------------------


def test_the_first_unit_of_a_list_and_the_later_ones_are_told_apart() -> None:
    text = "某某省市场监管局、某某省教育厅开展“质量月”活动。"
    assert features(text, "某某省市场监管局")["list_first"] == 1.0
    assert features(text, "某某省教育厅")["in_list_later"] == 1.0


def test_the_lead_of_a_joint_list_brings_the_list() -> None:
    text = "某某省市场监管局、某某省教育厅、某某省科技厅等10个部门联合印发“质量月”活动方案。"
    lead = next(c for c in ranker.candidates(normalize(text).text) if c.name == "某某省市场监管局")
    assert lead.features["leads_joint_list"] == 1.0
    assert [m.name for m in lead.members] == ["某某省教育厅", "某某省科技厅"]


def test_departments_named_by_short_names_after_one_place_are_an_abbreviated_list() -> None:
    f = features("浙江省质监、发改、经信等13个部门联合开展“质量月”活动。", "发改")
    assert f["abbreviated_list"] == 1.0


# --- the unit itself -----------------------------------------------------------------------------


def test_a_unit_of_the_campaigns_own_area_fits_its_level() -> None:
    f = features("2024年永新县“质量月”活动由永新县市场监管局主办。", "永新县市场监管局")
    assert f["own_area"] == 1.0
    assert f["level_fits"] == 1.0


def test_a_collective_name_is_marked_collective() -> None:
    f = features("全市各市场监管所开展“质量月”活动。", "全市各市场监管所")
    assert f["collective"] == 1.0


def test_a_party_propaganda_department_is_a_government_department() -> None:
    f = features("某某市委宣传部开展“质量月”活动。", "某某市委宣传部")
    assert f["department"] == 1.0


def test_the_first_quality_body_named_is_marked() -> None:
    text = "某某县人民政府和某某县市场监管局开展“质量月”活动，某某县质监局参加。"
    assert features(text, "某某县市场监管局")["first_quality_body"] == 1.0
    assert "first_quality_body" not in features(text, "某某县人民政府")


def test_one_unit_in_two_forms_is_one_candidate() -> None:
    text = "省市场监管局开展“质量月”活动。安徽省市场监督管理局表示。"
    names = [c.name for c in ranker.candidates(normalize(text).text)]
    assert names == ["安徽省市场监督管理局"]


def test_what_a_bureau_does_is_not_part_of_its_name() -> None:
    names = [c.name for c in ranker.candidates("9月21日，元宝山区质监分局设置咨询台解答群众提问。")]
    assert "元宝山区质监分局" in names


def test_a_bureaus_own_office_stays_part_of_its_name() -> None:
    names = [c.name for c in ranker.candidates("市场监管总局质量发展局部署“质量月”活动。")]
    assert names == ["市场监管总局质量发展局"]


# --- the model -----------------------------------------------------------------------------------


def test_the_model_file_loads_with_a_weight_per_feature() -> None:
    weights = ranker.load_weights()
    assert weights["bias"] < 0
    assert all(isinstance(w, float) for w in weights.values())
    assert "level_fits" in weights and "joint_campaign_sentence" in weights


def test_training_is_deterministic() -> None:
    texts = [
        ("某某省市场监管局印发“质量月”活动方案。记者从某某日报获悉。", ["某某省市场监管局"]),
        (
            "某某县卫健委在人民广场设立咨询台。某某县市场监管局开展“质量月”活动。",
            ["某某县市场监管局"],
        ),
    ]
    data = [ex for text, gold in texts for ex in train_issuers.examples(normalize(text).text, gold)]
    assert train_issuers.train(data) == train_issuers.train(data)


def test_a_joint_campaign_gives_its_issuers_as_co_organisers() -> None:
    text = "某某省市场监管局、某某省教育厅等10个部门联合印发“质量月”活动方案。"
    issuers, co_organizers = ranker.pick(normalize(text).text)
    assert issuers == ["某某省市场监管局", "某某省教育厅"]
    assert co_organizers == issuers


def test_a_unit_seen_only_as_the_news_source_scores_below_the_same_unit_running_it() -> None:
    weights = ranker.load_weights()
    source = features("记者从某某市市场监管局获悉，全市“质量月”活动启动。", "某某市市场监管局")
    runs = features("某某市市场监管局启动全市“质量月”活动。", "某某市市场监管局")
    assert ranker.probability(source, weights) < ranker.probability(runs, weights)


# --- the units a report names, offered to the clerk beside its issuer --------------------------


def test_a_report_offers_the_units_it_names_that_are_not_its_issuer() -> None:
    parsed = parse_text(
        "9月5日，长沙市2024年“质量月”活动在五一广场启动。长沙市质量强市工作领导小组办公室、"
        "长沙市教育局等单位在现场设立咨询台，向市民宣传质量知识。"
    )
    assert set(parsed.named_units) == {"长沙市质量强市工作领导小组办公室", "长沙市教育局"}
    assert not set(parsed.named_units) & set(parsed.issuers)


def test_the_issuer_a_report_names_is_not_offered_again() -> None:
    parsed = parse_text(
        "9月1日，长沙市市场监督管理局联合长沙市教育局等10个部门开展2024年“质量月”活动。"
        "长沙市质量强市工作领导小组办公室负责协调。"
    )
    assert "长沙市市场监督管理局" in parsed.issuers
    assert "长沙市市场监督管理局" not in parsed.named_units


def test_a_collective_is_not_offered() -> None:
    parsed = parse_text("今年“质量月”期间，全省各级质监部门开展了形式多样的宣传活动。")
    assert not [n for n in parsed.named_units if "各级" in n]


def test_a_signed_notice_offers_no_other_units() -> None:
    assert parse_file(DEFAULT_FIXTURES / "2023-hunan-province-plan.txt").named_units == []
