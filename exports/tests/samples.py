"""Test data built by hand from the seeds (shared/seeds/2023-hunan-province-plan.txt and
2023-yongan-city-plan.txt), so the writers are exercised on real notices, not lorem ipsum."""

from __future__ import annotations

import datetime
import re

from exports.documents import (
    Attachment,
    Contact,
    Heading,
    OfficialDocument,
    Paragraph,
    PrintingLine,
    ScheduleRow,
    schedule_table,
)

YONGAN_SCHEDULE: list[ScheduleRow] = [
    ScheduleRow(1, "加大宣传力度，营造“质量月”浓厚氛围", "在单位办公大楼电子屏滚动播放“质量月”宣传口号、张贴“质量月”活动宣传画", "9 月", "质量科", "办公室"),
    ScheduleRow(2, "申报第六届三明市质量奖", "积极动员企业（组织）积极申报第六届（2021-2022 年度）三明市质量奖，发挥质量激励作用，树立质量标杆", "9-10 月", "质量科", "各监管所"),
    ScheduleRow(3, "开展质量体系公益讲座", "加强质量强市建设，推进全市质量行动，提升企业质量管理水平，组织企业参加“质量管理体系如何运作”公益培训", "9 月", "质量科", "各监管所"),
    ScheduleRow(4, "营造计量放心消费环境", "开展定量包装商品计量监督检查。", "9 月", "质量科", "计量所"),
    ScheduleRow(5, "检验检测机构“双随机、一公开”监督检查", "组织开展检验检测机构“双随机、一公开”监督检查。", "6-10月", "质量科", "各监管所"),
    ScheduleRow(6, "2023年中国公平竞争政策宣传周活动", "2023年中国公平竞争政策宣传周系列宣传活动", "9月中旬", "市管科", "各监管所"),
    ScheduleRow(7, "2023年中秋节月饼市场价格和过度包装监管工作", "按照国家发展改革委、工业和信息化部、商务部、市场监管总局《关于遏制“天价”月饼、促进行业健康发展的公告》要求，加强对月饼生产流通领域的市场巡查，密切关注市场动态，全面排查不正当价格行为、过度包装等问题", "9月", "执法大队", "各监管所"),
    ScheduleRow(8, "开展“电梯安全宣传周”和“特种设备企业主体责任推进年”活动", "开展电梯安全知识宣传，提高公众安全意识。宣传贯彻“两个规章”，落实企业安全主体责任。", "9月", "特安科", "各监管所"),
    ScheduleRow(9, "“铁拳”出击，助力产品质量安全", "通过在商超LED屏宣传，加大宣传力度，提高群众知晓度。围绕“民意最盼，风险最大”的领域，查办一批让群众广泛称道，对违法分子有力震慑的“铁案”。", "9月", "执法大队", "各监管所"),
    ScheduleRow(10, "畅通消费者投诉举报渠道", "建立工作日之外12315热线电话由三明市12345政务服务便民热线转接服务机制，提供24小时全天候人工接诉服务。", "全年", "消保科", "各监管所"),
    ScheduleRow(11, "加强流通领域商品质量监督抽检", "将燃气具连接软管列入2023年抽检计划，开展燃气具及相关产品质量安全专项整治，摸排辖区内燃气具及相关产品底数，维护消费者权益。", "8月-12月", "消保科", "各监管所"),
    ScheduleRow(12, "技术帮扶“一县一试点”完善产品质量安全管理体系制度建立", "通过技术帮扶手段，确认一家企业，对照《监管任务清单》，指导企业逐步完善产品质量安全管理体系统度建立，在试点的基础上逐步拓展至“三类清单企业”，实现以点带面，推动“两个责任”全面落实。", "9月-10月", "质量科", "各监管所"),
]  # fmt: skip

# Yong'an's org units as its table names them: the stand-in for the caller's org tree.
YONGAN_UNITS: frozenset[str] = frozenset(
    {"质量科", "市管科", "执法大队", "特安科", "消保科", "办公室", "各监管所", "计量所"}
)

_TOY_WINDOW = re.compile(r"^(全年|\d{1,2}月(上旬|中旬|下旬)?(-\d{1,2}月)?|\d{1,2}-\d{1,2}月)$")


def toy_parse_window(text: str) -> str | None:
    """A stand-in for imports.parser's window parser: accepts the windows Yong'an writes
    ("9 月", "9-10 月", "9月中旬", "全年", "8月-12月") and nothing else."""
    compact = re.sub(r"\s+", "", text)
    return compact if _TOY_WINDOW.match(compact) else None


YONGAN_SLOGANS = [
    "大力增强质量意识 加快建设质量强国",
    "深入实施质量提升行动 大力推进质量强国建设",
    "提升质量竞争力 共筑质量强国梦",
    "加强全面质量管理 促进质量变革创新",
    "建设质量强国 共享美好生活",
    "打造民族质量品牌 树立大国质量形象",
    "人人创造质量 人人享受质量",
    "质的有效提升 量的合理增长",
    "弘扬工匠精神 推动品质革命",
]

YONGAN_BODY = [
    Paragraph(
        "根据省质量强省工作领导小组办公室《关于开展2023年福建省“质量月”活动的通知》（闽质强省办〔2023〕7号）"
        "和三明市质量强市工作领导小组办公室《关于开展2023年“质量月”活动的通知》（明强市办〔2023〕8号）要求，"
        "现就扎实开展2023年“质量月”活动有关事项通知如下："
    ),
    Heading(1, "一、总体要求"),
    Paragraph(
        "以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，深入学习习近平总书记关于质量发展的重要论述，"
        "立足新发展阶段，完整、准确、全面贯彻新发展理念，服务和融入新发展格局，充分发挥“质量月”活动的平台作用，"
        "加强主题宣传教育，深入贯彻落实两个纲要，进一步提高产品、工程、服务质量，严格监管执法，打击假冒伪劣，"
        "保障质量安全，维护消费者权益，为全面推进永安高质量发展示范区建设营造良好环境。"
    ),
    Heading(1, "二、活动主题"),
    Paragraph("增强质量意识 推进高质量发展"),
    Heading(1, "三、活动内容"),
    Heading(2, "（一）加强质量主题宣传教育"),
    Paragraph(
        "不断创新“质量月”活动形式，全方位、多层次、多渠道加强质量主题宣传，增强全社会“质量第一”意识，"
        "树立永安质量新形象，形成推进高质量发展的强大合力，凝聚全社会力量共同建设质量强市。"
    ),
    Heading(2, "（二）加强两个纲要宣传贯彻"),
    Paragraph(
        "充分认识两个纲要的重要意义，准确把握主要任务，着力抓好宣传贯彻工作。按照两个纲要要求，"
        "抓紧制定印发贯彻两个纲要的实施方案，健全质量工作统筹协调机制。扎实抓好纲要宣传工作，面向不同受众，"
        "通过举办各类研讨班、组织专家宣讲、开展新媒体宣传等多种方式，让质量强市理念深入人心。"
    ),
    Heading(2, "（三）深入开展质量提升行动"),
    Paragraph(
        "加快落实《福建省进一步提高产品、工程和服务质量行动方案（2023—2025年）》各项部署要求，以“质量月”活动为载体，"
        "推动各类企业特别是中小企业质量风险分析与控制、质量成本管理、质量管理体系升级等活动，广泛开展质量改进、"
        "质量攻关、质量管理小组等群众性质量活动，提升质量管理水平。针对企业短板实施精准质量提升帮扶措施，"
        "引导企业深入推广应用科学质量管理模式、方法，建立完善新型质量管理体系。"
    ),
    Heading(2, "（四）严格执法监督检查"),
    Paragraph(
        "加强产品质量监督抽查，推进检验检测机构“双随机、一公开”监管。开展执法打假系列活动，加大打击侵权假冒违法犯罪力度，"
        "对涉及人民群众身体健康和生命财产安全、公共安全、生态环境安全的重点产品和重要领域，依法实施严格监管，"
        "着力解决一批群众关心的质量问题。"
    ),
    Heading(1, "四、重点活动安排"),
    Heading(
        2,
        "（一）开展质量宣传活动。",
        "发挥新闻媒体宣传引导作用，通过各种形式加大重点产品的科普力度，营造政府重视质量、企业追求质量、"
        "社会崇尚质量、人人关心质量的良好氛围。",
    ),
    Heading(
        2,
        "（二）开展技术帮扶活动。",
        "确定一家企业，通过技术帮扶，指导企业完善产品质量安全管理体系制度建立，从而实现以点带面，推动“两个责任”全面落实。",
    ),
    Heading(1, "五、有关要求"),
    Heading(
        2,
        "（三）严格要求，增进实效。",
        "要严格贯彻落实中央八项规定及其实施细则精神，开展活动要简朴、高效，严禁铺张浪费和形式主义。"
        "坚持自愿参加、不增加企业负担的原则，不得强制企业参与活动，不干扰企业、群众的正常生产生活，"
        "严禁借活动名义向企业摊派收费、搭车收费。",
    ),
]


def yongan_plan() -> OfficialDocument:
    """永市监质〔2023〕35号, with its slogan list and the schedule table as attachments."""
    return OfficialDocument(
        issuers=["永安市市场监督管理局"],
        doc_number="永市监质〔2023〕35号",
        title="永安市市场监督管理局关于印发2023年“质量月”活动方案的通知",
        recipients="各市场监管所、综合执法大队，各相关科室",
        body=YONGAN_BODY,
        issue_date=datetime.date(2023, 9, 13),
        attachments=[
            Attachment(title="2023年“质量月”活动口号", slogans=YONGAN_SLOGANS),
            Attachment(
                title="永安市市场监督管理局2023年“质量月”活动计划安排表",
                tables=[schedule_table(YONGAN_SCHEDULE)],
            ),
        ],
        publication="此件主动公开",
        printing=PrintingLine("永安市市场监督管理局办公室", datetime.date(2023, 9, 13)),
    )


HUNAN_SLOGANS = [
    "大力增强质量意识 加快建设质量强省",
    "深入实施质量提升行动 大力推进质量强省建设",
    "提升质量竞争力 共筑质量强国梦",
    "加强全面质量管理 促进质量变革创新",
    "夯实质量基础 优化质量供给",
    "建设质量强国 共享美好生活",
    "培育区域质量品牌 树立湖南质量形象",
    "人人创造质量 人人享受质量",
    "质的有效提升 量的合理增长",
    "弘扬工匠精神 推动品质革命",
]

HUNAN_BODY = [
    Paragraph(
        "现将《湖南省市场监管系统2023年“质量月”活动方案》印发给你们，请结合实际认真组织实施。"
        "10月16日前将工作总结和有关图片、视频报送省局质量发展局，重要情况及时报送。"
    ),
]

HUNAN_PLAN_BLOCKS = [
    Paragraph(
        "为认真贯彻落实《市场监管总局等25个部门关于开展2023年全国“质量月”活动的通知》（国市监质发〔2023〕73号）精神，"
        "营造浓厚的高质量发展氛围，促进质量强省建设，特制定全省市场监管系统2023年“质量月”活动方案。"
    ),
    Heading(1, "一、活动主题"),
    Paragraph("增强质量意识 推进高质量发展"),
    Heading(1, "二、总体要求"),
    Heading(
        2,
        "（一）深入学习习近平总书记关于质量发展的重要论述。",
        "党的十八大以来，习近平总书记对质量发展作出一系列重要论述，指导推动新时代质量工作不断创新发展，"
        "取得历史性成就、发生历史性变革。",
    ),
    Heading(1, "三、主要活动"),
    Heading(
        2,
        "（一）举办湖南省“质量月”启动仪式，总结推介质量基础设施“一站式”服务成果。",
        "（质量局牵头，办公室、综合处、宣传处、事务中心、大数据中心等配合）。",
    ),
]

HUNAN_CITIES = [
    "1. 长沙市：举办长沙市2023年“质量月”活动启动仪式；启动第三届长沙市市长质量奖评选；奖励质量提升成果；发布2023质量诊断分析报告。",
    "7. 常德市：举办“质量月”常德启动式暨常德品牌大会。",
    "14. 湘西自治州：举行“质量月”活动启动式；开展质量管理帮扶专项行动。",
]


def hunan_notice() -> OfficialDocument:
    """湘市监办发〔2023〕57号: a 印发 notice whose plan follows it unnumbered, then two
    attachments. The seed's text lost the issue date; 2023-09-01 stands in for it."""
    return OfficialDocument(
        issuers=["湖南省市场监督管理局办公室"],
        doc_number="湘市监办发〔2023〕57号",
        title="湖南省市场监督管理局办公室关于印发《湖南省市场监管系统2023年“质量月”活动方案》的通知",
        recipients="省药品监督管理局，各市州市场监督管理局，省局各有关处室、直属单位：",
        body=HUNAN_BODY,
        issue_date=datetime.date(2023, 9, 1),
        contacts=[Contact("严文胜 吴艺曼", "0731-85693710（传真）", "hnszlfzj@163.com")],
        attachments=[
            Attachment(
                title="湖南省市场监管系统2023年“质量月”活动方案",
                blocks=HUNAN_PLAN_BLOCKS,
                numbered=False,
            ),
            Attachment(title="“质量月”活动口号", slogans=HUNAN_SLOGANS),
            Attachment(
                title="市州“质量月”开展的主要活动",
                blocks=[Paragraph(text) for text in HUNAN_CITIES],
            ),
        ],
        signature="湖南省市场监督管理局办公室",
        publication="(公开属性：主动公开)",
        printing=PrintingLine("湖南省市场监督管理局办公室", datetime.date(2023, 9, 1)),
    )


def national_joint_notice() -> OfficialDocument:
    """A joint issue (the national notice's first three issuers) to exercise the stacked mark."""
    issuers = ["市场监管总局", "中央宣传部", "最高人民法院"]
    return OfficialDocument(
        issuers=issuers,
        doc_number="国市监质发〔2023〕73号",
        title="关于开展2023年全国“质量月”活动的通知",
        recipients="各省、自治区、直辖市和新疆生产建设兵团有关部门",
        body=[Heading(1, "一、活动主题"), Paragraph("增强质量意识 推进高质量发展")],
        issue_date=datetime.date(2023, 8, 31),
        signature="市场监管总局　中央宣传部　最高人民法院",
        publication="此件公开发布",
    )
