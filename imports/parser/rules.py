"""Patterns the parser relies on, kept as data so they can be read and extended in one place.

Every pattern here is written against *normalized* text (see ``normalize.py``): full-width
digits and letters are already ASCII, but punctuation is left as the document wrote it, so
patterns accept both widths of brackets and colons (the seeds mix （一） and (一), ： and :).
"""

from __future__ import annotations

import re

# --- character classes ----------------------------------------------------------------------

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
OPEN_PAREN = "（("
CLOSE_PAREN = "）)"
COLON = "：:"
CN_DIGITS = "〇○零一二三四五六七八九十"

# --- headings: 一、  (一)  1.  ---------------------------------------------------------------

HEADING_1 = re.compile(r"^([一二三四五六七八九十]{1,3})\s*、\s*(.*)$")
HEADING_2 = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$")
# "1." / "1、" / "1．" but not "1.5"; "1.2022年…" is item 1 about 2022 (Hainan's attachment
# list). The seeds also prefix list items with "- ".
HEADING_3 = re.compile(r"^(?:-\s*)?(\d{1,2})\s*[.．、](?:(?!\d)|(?=\d{4}\s*年))\s*(.*)$")
BULLET = re.compile(r"^[-•·●▪]\s+")
LIST_NUMBER = re.compile(r"^(?:[（(]\s*\d{1,2}\s*[）)]|\d{1,2}\s*[）)]|[①-⑳])\s*")

# Lines that close the body of a notice: the attachment list, signature, publication note.
ATTACHMENT_LIST = re.compile(r"^(?:-\s*)?附\s*件\s*[：:]\s*(.*)$")
ATTACHMENT_START = re.compile(r"^附\s*件\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})?\s*$")
PUBLICATION = re.compile(
    r"^[（(]\s*(?:此件|公开属性\s*[：:]|公开方式\s*[：:])\s*([^）)]+?)\s*[）)]$"
)
COPY_TO = re.compile(r"^抄\s*送\s*[：:]")

# --- section names (the heading text after 一、) -------------------------------------------

THEME_SECTION = re.compile(r"^(?:活动|年度)?主题$")
THEME_INLINE = [
    re.compile(r"^主\s*题\s*[：:]\s*(.+)$"),
    re.compile(r"活动主题(?:为|是)\s*[“\"「]([^”\"」]+)[”\"」]"),
    re.compile(r"以\s*[“\"「]([^”\"」]+)[”\"」]\s*为(?:活动)?主题"),
]
# Concrete activities live under these headings; content areas (活动内容) do not count.
ACTIVITY_SECTION = re.compile(
    r"(主要活动|重点安排|重点活动|活动安排|具体活动|重点工作安排|活动项目)"
)
CONTENT_SECTION = re.compile(r"(活动内容|主要内容|工作内容|重点内容)")
SLOGAN_TITLE = re.compile(r"口\s*号|标\s*语")
CO_ORGANIZER_TITLE = re.compile(r"(联合)?主办单位名单|联合主办单位$|参与单位名单")
ACTIVITY_ATTACHMENT_TITLE = re.compile(r"(主要活动|活动安排|重点活动|活动计划)")

# --- document number: 湘市监办发〔2023〕57号, also with [ ] ［ ］ ( ) （ ） 【 】 -------------

DOC_NUMBER = re.compile(
    rf"([{CJK}]{{2,12}})\s*([〔\[［(（【])\s*(\d{{4}})\s*([〕\]］)）】])\s*(?:第\s*)?(\d{{1,4}})\s*号"
)
# A copy may drop the number's 号 ("国质检质联[2005]210"): taken only on a line of its own.
DOC_NUMBER_WITHOUT_HAO = re.compile(
    rf"^([{CJK}]{{2,12}})\s*([〔\[［(（【])\s*(\d{{4}})\s*([〕\]］)）】])\s*(?:第\s*)?(\d{{1,4}})$"
)
# Words that can precede a cited number without being part of its issuer code.
DOC_NUMBER_LEAD_WORDS = re.compile(r"^.*?(?:根据|按照|依据|参照|通知|文件|转发|印发|要求|精神|见)")

# --- dates --------------------------------------------------------------------------------

# The day may end in 号 as well as 日 ("2021年8月30号" in letters and web pages).
DATE = re.compile(
    rf"([0-9]{{4}}|[{CN_DIGITS}]{{4}})\s*年\s*([0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*月\s*"
    rf"([0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*[日号]"
)
# A date written with separators: 2021-08-30, 2021.8.30, 2021/8/30 (signatures of web copies).
NUMERIC_DATE = re.compile(
    r"(?<![\d.])((?:19|20)\d{2})\s*([-./／])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.])"
)
YEAR_IN_TITLE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")

# --- deadlines: 10月16日前 / 于10月14日前报送 / 10月15日前报省 / 十月十六日之前 -------------

DEADLINE = re.compile(
    rf"([0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*月\s*([0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*日"
    r"\s*(?:[（(]含[）)])?\s*(?:之前|以前|前)"
)
# A sentence ending in 报 asks for a report ("…请于10月10日前报"), but 举报/通报/简报 do not.
REPORT_VERB = re.compile(
    # 报告 as a talk given (作专题报告, 主旨报告) sends nothing up.
    r"报送|上报|报至|报给|报省|报市|报县|报局|报区|提交|(?<![作做])(?<!专题|主旨|学术|辅导)报告"
    r"|发送至|反馈至|反馈给"
    r"|(?<![举通简海画情电日晚周年汇])报$"
)
# A title in 《》 names a document ("《…分析报告》", "《…实施方案》"), not a material to report.
CITED_DOCUMENT = re.compile(r"《[^《》]*》")
# A document named as the basis of what the text reports: "按照《…》要求", "根据…《…》精神".
CITED_BASIS = re.compile(r"(?:按照|根据|依据|参照|落实)[^。，,《》]{0,20}?《[^《》]*》")
# "投稿截止日：2020年6月24日" in a letter soliciting slogans or themes.
DEADLINE_LABELED = re.compile(
    rf"截止(?:日期|时间|日)\s*[：:为]?\s*(?:[0-9]{{4}}\s*年\s*)?"
    rf"([0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*月\s*([0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*日"
)

# Material words, longest first so 工作总结 wins over 总结.
MATERIALS: tuple[str, ...] = (
    "工作总结",
    "活动总结",
    "书面总结",
    "总结报告",
    "统计表",
    "统计报表",
    "图片",
    "照片",
    "视频",
    "影像资料",
    "典型案例",
    "经验做法",
    "活动情况",
    "综合情况",
    "进展情况",
    "活动信息",
    "工作信息",
    "活动方案",
    "实施方案",
    "总结材料",
)
# Bare 总结 is left out on purpose: "活动结束后及时总结" uses it as a verb. Listed after another
# material ("活动开展情况和总结报送…") it is the noun.
SUMMARY_NOUN = re.compile(r"(?<=[和及、与])总结(?=报|上报|提交|[，,。、和及]|$)")

# --- roles: (质量局牵头，办公室、综合处等配合)  (计量处负责)  协办：… --------------------------

LEAD_WORDS = ("牵头", "负责", "主办", "承办")
SUPPORT_WORDS = ("配合", "协办", "参与", "协助")
ROLE_PAREN = re.compile(r"[（(]([^（）()]*?(?:牵头|负责|配合|协办|协助)[^（）()]*?)[）)]")
ROLE_CLAUSE = re.compile(r"(.+?)(牵头|负责|主办|承办|配合|协办|参与|协助)")
_ROLE_LABEL = (
    r"(?:牵头(?:部门|单位|处室|科室)?|责任(?:部门|单位)|负责(?:部门|单位)|主办(?:单位)?"
    r"|协办(?:部门|单位)?|配合(?:部门|单位)?|参与(?:部门|单位))"
)
# The value runs until the next label, so "牵头部门:质量科 配合部门:计量所" splits in two.
ROLE_LABELED = re.compile(
    rf"({_ROLE_LABEL})\s*[：:]\s*(.+?)(?=\s*{_ROLE_LABEL}\s*[：:]|[；;。\n]|$)"
)
# Noise around unit names inside a role clause.
# An item's closing sentence naming its owners: "…。由质量发展科负责，各县区局配合。"
ROLE_SENTENCE = re.compile(
    r"(?:^|[。；;])\s*由([^。；;（）()]{2,60}?(?:牵头|负责)(?:[，,][^。；;（）()]{2,60}?(?:配合|参与|协助))?)[。；;]?\s*$"
)
ROLE_UNIT_PREFIX = re.compile(r"^(?:由|请|均由|分别由|以)")
ROLE_UNIT_SUFFIX = re.compile(r"(?:按职责分工|按职责|按照职责|分别|共同|等单位|等部门|等)$")
UNIT_SPLIT = re.compile(r"[、，,；;/]|\s+|和(?=[^和]{2,}$)")

# Federations and associations by their short names: 工商联, 妇联, 科协, 质协, 消协, 残联….
_FEDERATIONS = ("工商联", "妇联", "科协", "质协", "消协", "个协", "残联", "侨联", "文联")
# A co-organizer's item starts with its own name: "二、省工业和信息化厅组织…".
ORG_SUFFIX = (
    r"(?:委员会|办公室|领导小组|总工会|"
    + "|".join(_FEDERATIONS)
    + r"|联合会|联社|总社|支行|分行|海关|总局|管理局|中心|协会|学会"
    r"|商会|研究院|政府|团中央|院|局|厅|委|部|署|行|社|会|办|所|处|科|室|队|站|组|馆|台|报社|大学|集团|公司)"
)
ORG_AT_START = re.compile(
    rf"^([{CJK}（）()]{{2,30}}?{ORG_SUFFIX})"
    r"(?=组织|开展|举办|举行|召开|联合|围绕|部署|实施|集中|推动|推进|发布|指导|会同|牵头|持续|深入|加强|在|将|于|与)"
)
# A federation's short name after one place word or none is a whole name: 工商联, 市妇联, 省质协.
SHORT_FEDERATION = rf"(?:[省市县区]|全国)?(?:{'|'.join(_FEDERATIONS)})"
# A bureau's second name, which it signs with since the 2018 reform: "宜昌市市场监督管理局
# （宜昌市知识产权局）" is one unit.
SECOND_NAME = rf"[（(][{CJK}]{{2,20}}?(?:局|办|委|厅|室|会)[）)]"
# The stamp a signature notes after its name: "（盖章）", "（省市场监管局代章）".
STAMP = re.compile(r"[（(](?:[^（）()]{0,12}代)?(?:盖章|印章|公章|章)[）)]$")
ORG_NAME = re.compile(
    rf"^(?:[{CJK}（）()]{{2,30}}{ORG_SUFFIX}(?:{SECOND_NAME})?|{SHORT_FEDERATION})$"
)
JOINT_WITH = re.compile(r"联合(.+?)(?:共同)?(?:举办|开展|组织|召开|实施|发布|举行)")

# --- time windows: 9月 / 9-10 月 / 9月中旬 / 全年 / 8月-12月 / 九月至十月 ---------------------

MONTH = rf"(?:[0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})"
WINDOW_RANGE = re.compile(
    rf"^(?:[0-9]{{4}}\s*年\s*)?({MONTH})\s*(?:月)?\s*(?:[-－—–~～至到]+)\s*(?:[0-9]{{4}}\s*年\s*)?({MONTH})\s*月\s*(?:份)?"
    r"\s*(上旬|中旬|下旬|底|初|末)?"
)
WINDOW_SINGLE = re.compile(
    rf"^(?:[0-9]{{4}}\s*年\s*)?({MONTH})\s*月\s*(?:份)?\s*(上旬|中旬|下旬|底|初|末|上半月|下半月)?"
)
ALL_YEAR = re.compile(r"全年|常态化|长期|持续开展")

# --- activity tables ------------------------------------------------------------------------

# Column header synonyms, matched with ``in`` against a normalized header cell.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "title": ("活动主题", "活动名称", "活动项目", "项目名称", "主题"),
    "content": ("活动内容", "主要内容", "工作内容", "内容"),
    "when": ("时间安排", "活动时间", "时间", "完成时限", "时限"),
    "lead": ("牵头部门", "牵头单位", "牵头科室", "责任单位", "责任部门", "负责单位", "牵头"),
    "support": (
        "协办单位",
        "配合单位",
        "配合部门",
        "协办部门",
        "协助部门",
        "协助单位",
        "参与单位",
        "协办",
        "配合",
        "协助",
    ),
    "note": ("备注",),
}

# --- contacts -------------------------------------------------------------------------------

CONTACT_LABEL = re.compile(r"联\s*系\s*人\s*(?:及电话)?\s*[：:]")
PHONE_LABEL = re.compile(r"(?:联系)?(?:电\s*话|手\s*机|座\s*机)(?:[（(]\s*传真\s*[）)])?\s*[：:]")
PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－—\s]?\d{7,8}(?:[-－]\d{1,4})?|1[3-9]\d{9})(?!\d)")
FAX_LABEL = re.compile(r"传\s*真")
EMAIL = re.compile(r"[A-Za-z0-9_.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
CONTACT_NAME = re.compile(rf"^[{CJK}·]{{2,4}}$")
CONTACT_STOP = re.compile(r"[；;，,]|电\s*话|手\s*机|传\s*真|邮\s*箱|电子邮箱|联系电话|地\s*址")

# --- the header of an official document ------------------------------------------------------

RED_HEAD = re.compile(r"^(.+?)\s*文\s*件$")
# A web copy of a joint red head puts 文件 on a line of its own after the first body.
RED_HEAD_WORD = re.compile(r"^文\s*件$")
# A letter soliciting slogans or themes may be titled without 通知/函: "…公开征集2020年…活动口号".
TITLE = re.compile(
    r"关于.+?(?:的)?(?:通知|方案|意见|函|通报|决定|公告)$|(?:方案|通知)$"
    r"|征集[^。，,；;]{0,30}?(?:口号|主题|标语|宣传语)(?:的(?:公告|通知|函))?$"
    # The campaign's appeal to companies, issued as a document of its own.
    r"|质\s*量\s*月[”\"」』]?[^。，,；;]{0,20}倡议书$"
)
PLAN_TITLE = re.compile(r"方案|计划|安排")
BASIS_TITLE = re.compile(r"《([^《》]*?关于[^《》]*?(?:通知|方案|意见))》")
BASIS_CONTEXT = re.compile(r"根据|按照|依据|贯彻|落实|参照|转发")
RECIPIENT_LINE = re.compile(
    r"^(?!联\s*系|电\s*话|邮\s*箱|附\s*件|主\s*题|口\s*号)[^。；;]{2,300}[：:]$"
)

# --- levels of the administrative hierarchy ---------------------------------------------------

NATIONAL_PREFIX = re.compile(
    r"^(?:国家|国务院|中共中央|中央|最高人民|全国|中国|市场监管总局|海关总署|"
    r"教育部|公安部|民政部|财政部|商务部|工业和信息化部|自然资源部|生态环境部|住房城乡建设部|"
    r"交通运输部|水利部|农业农村部|文化和旅游部|共青团中央|中华全国)"
)
# A ministry or national administration named without a place: "科学技术部", "住房和城乡建设部",
# "供销合作总社", "国家旅游局" (no place before it, unlike 省委宣传部 or 县市场监管局).
NATIONAL_BODY_END = re.compile(r"(?:部|总局|总署|总社)$")
NOT_NATIONAL_START = "省市县区州盟旗乡镇街团"
PROVINCES: tuple[str, ...] = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
)
# What follows a province's short name in its full one: 湖南省, 天津市, 广西壮族自治区.
PROVINCE_SUFFIX = r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)"
PROVINCE_PREFIX = re.compile(
    rf"^(?:{'|'.join(PROVINCES)}){PROVINCE_SUFFIX}?(?=[{CJK}])"
    r"|^省(?=[" + CJK + r"])"
)
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
PROVINCE_ABBREV = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀贵黔云滇陕秦甘陇青蒙桂藏宁新"
COUNTY_NAME = re.compile(rf"^[{CJK}]{{1,10}}?(?<!地)(?:县|区|旗)(?=[{CJK}])")
# 自治州, 盟 and 地区 are prefecture-level whatever their name; a bare 市 may be a county-level city.
PREFECTURE_NAME = re.compile(rf"^[{CJK}]{{1,10}}?(?:自治州|盟|地区)(?=[{CJK}])")
CITY_NAME = re.compile(rf"^[{CJK}]{{1,10}}?(?:市|州|盟|地区)(?=[{CJK}])")
# Recipients that only a county-level bureau addresses (its own stations and towns).
COUNTY_RECIPIENTS = re.compile(
    r"市场监管所|市场监督管理所|各所|各乡镇|各街道|乡镇人民政府|街道办事处"
)
CITY_RECIPIENTS = re.compile(r"各县|县[（(]市、区[）)]|县市区|各区县|区县")
# A county-level bureau's offices are 股 (质监股, 机关各股室); a prefecture's are 科, a province's 处.
COUNTY_OFFICES = re.compile(rf"股室|[{CJK}]{{2,8}}股(?=[、，,；;。:：\s()（）]|$)")
# A technical institution (检验检测院, 计量测试所, 认证中心) runs its own campaign as a station.
# …also named short: 特检院 (special equipment), 纤检所 (fibre), 计测院, 标准化研究院.
STATION_NAME = re.compile(
    rf"(?:检验|检测|计量|认证|特检|纤检|质检|计测|标准化)[{CJK}]*(?:院|所|中心|站)$"
    # A fibre-inspection bureau is an inspection body, not a regulator: 省纤检局宜昌分局.
    rf"|(?:纤检|纤维检验)[{CJK}]*局$"
)
# Short names of a body and the long form a text may also give ("fullest form" of the gold).
SHORT_NAMES: dict[str, str] = {"市场监管局": "市场监督管理局", "质监局": "质量技术监督局"}
# A body's generic name left without its place (a mirror dropped it): no issuer at all.
BARE_BODY = re.compile(
    r"^(?:市场监督管理局|市场监管局|质量技术监督局|质监局|人民政府|领导小组办公室)$"
)
PROVINCE_RECIPIENTS = re.compile(r"各市州|各地市|各设区市|各市[、，]|市州|各市、县")

# --- traditional characters -------------------------------------------------------------------

# Frequent in notices and never used in simplified text; a handful is enough evidence.
TRADITIONAL_MARKERS = frozenset(
    "們這個國質與發會動關於門號開營業務監辦經濟時動當區縣廳處組織總說應對進"
)

# --- web boilerplate ----------------------------------------------------------------------------

# "…发布-凯发旗舰" / "标题_中国政府网" / "标题 | 站点": a page title ending in a site name.
# "…新闻标题 - 某某网": the site's name holds a word, not only digits ("…活动 (2004-09-10)" is a
# headline with its date).
WEB_TITLE = re.compile(
    r"^.{4,}?\s*[-_|–—]{1,2}\s*(?=[^\s\-_|–—]*[A-Za-z\u4e00-\u9fff])([^\s\-_|–—]{2,16})\s*$"
)
RELATED_LINK = re.compile(r"^(?:[-•·●]\s*)?.{4,}?[（(]\s*\d{4}[-./]\d{1,2}[-./]\d{1,2}\s*[）)]\s*$")
BOILERPLATE_LINE = re.compile(
    # A breadcrumb: "您当前所在位置: 首页>…>产品质量监管", or any line of three ">"-linked crumbs.
    r"^(?:(?:[^>›»\n]{1,20}[>›»]){2,}[^>›»\n]{0,20}$|您?当前所在位置|首页|当前位置|您的位置|来源[：:]|发布时间[：:]|发布日期[：:]|浏览次数|访问量|字体[：:]|【\s*字体|"
    r"打印本页|关闭窗口|打印|收藏|分享到|上一篇|下一篇|相关阅读|相关文章|相关链接|责任编辑|扫一扫|"
    r"网站地图|版权所有|主办单位[：:]|ICP备|京ICP|网站标识码|.*公网安备|文章搜索|站内搜索|搜索方式)"
)

# --- government disclosure pages: the metadata table above the text ---------------------------

# A news page's links to the previous and next article, or a heading over the site's other news
# on a line of its own ("新闻推荐", "相关阅读"): the article ends there.
NEXT_ARTICLE = re.compile(
    r"^\s*(?:(?:上一篇|下一篇|上一条|下一条)\s*[：:]"
    r"|(?:新闻推荐|相关新闻|相关阅读|推荐阅读|相关文章|猜你喜欢|热点推荐|延伸阅读)\s*[：:]?\s*$)"
)
# A disclosure page's metadata rows without their table or colon ("发布机构元阳县人民政府办公室"):
# the page's, not the document's; never a red head.
METADATA_ROW = re.compile(
    r"^(?:索引号|发布机构|发文机关|发布日期|成文日期|时效性|主题分类|公开方式|公开范围)"
)
# "索引号: | 1115…/202209-00022 | 组配分类: | 产品质量 |": label and value cells separated by |.
DISCLOSURE_ROW = re.compile(r"^[^|]*[：:]\s*\|.*\|")
# The same labels on lines of their own ("发布机构：…"), without the table's cells; only the
# labels a notice's own text never starts a line with.
DISCLOSURE_LINE = re.compile(
    r"^\s*(文号|发文字号|成文日期|发布机构|发文机关|发文部门|发文单位|标题)\s*[：:]\s*(\S.*?)\s*$"
)
# Label (without its colon) → the field it fills.
DISCLOSURE_LABELS: dict[str, str] = {
    "名称": "title",
    "标题": "title",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "成文日期": "issue_date",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "发文部门": "issuer",
    "发文单位": "issuer",
}
ISO_DATE = re.compile(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})")

# --- a 文号 in parentheses on its own line under the title: （湘市监发〔2023〕1号） -------------

DOC_NUMBER_PARENS = re.compile(r"^[（(]\s*(.+?)\s*[）)]$")

# --- mirror junk ---------------------------------------------------------------------------------

# Pinyin a mirror site puts after a character: 创(chuàng), 國(guó).
# A tone mark is required so that "(ISO)" or "(a)" in a real notice is left alone.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
PINYIN_GLOSS = re.compile(
    rf"(?<=[{CJK}])[（(](?:(?=[a-z{_TONED}ü]*[{_TONED}])[a-z{_TONED}ü]{{1,7}}|de|le|men|zi|ma|ne)[）)]"
)
# Betting and adult spam injected into copies; removed wherever it stands.
SPAM_WORDS = re.compile(
    r"(?:[_\-|]?(?:beat365|365betvip|365bet|bet365|365体育(?:投注)?|体育投注|网页登录|官网备用网站"
    r"|真人娱乐|娱乐城|博彩))+",
    re.IGNORECASE,
)
# Punctuation a mirror doubled: "，，" / "，、" / "，。".
DOUBLED_PUNCT = re.compile(r"[,，](?=[,，、。])")
# "……" on a line of its own marks text the mirror left out.
ELISION_LINE = re.compile(r"^[.。…·\s]*(?:……|\.{6,})[.。…·\s]*$")

# --- themes quoted inside a sentence -------------------------------------------------------------

# Any of the quotes a theme is written in: “…” "…" 「…」 『…』 ‘…’ '…' (mirrors swap them).
_OPEN_Q, _CLOSE_Q, _ANY_Q = "[“\"「『‘'”]", "[”\"」』’'“]", "“”\"「」『』‘’'"
# A theme may quote a phrase of its own: "推动“三个转变”,建设质量强市".
_THEME_WORDS = rf"((?:[^{_ANY_Q}]|“[^{_ANY_Q}]{{1,12}}”(?=[^{_ANY_Q}]{{2}})){{4,40}})"
THEME_SENTENCE = re.compile(
    rf"主题\s*(?:[，,]\s*(?=是|为))?(?:是|为|确定为|定为)?\s*(?:[：:]|——|—|--)?\s*"
    rf"{_OPEN_Q}{_THEME_WORDS}{_CLOSE_Q}"
)
# "活动主题为：质量提升 共建共享。" — unquoted after a colon, to the end of the clause.
THEME_COLON = re.compile(
    r"主题(?:是|为|确定为|定为)\s*[：:]\s*([^，。；;,“”\"「」]{4,40}?)\s*(?:[。；;]|$)"
    # "主题是：推动“三个转变”，建设质量强省；": quoted words and a second half after a comma.
    r"|主题(?:是|为|确定为|定为)\s*[：:]\s*([^，。；;,\n]{2,24}?[，,]"
    r"(?!通过|旨在|围绕|进一步|努力|营造|各地|各单位|请|要)[^，。；;,\n]{2,14}?)\s*[；;。]"
)
# "以增强质量意识 推进高质量发展为主题的…" without quotes; "活动主题：…。" after a label.
THEME_UNQUOTED = re.compile(
    r"(?:以([^，。；;、,“”\"「」『』《》（）()]{4,30}?)为(?:活动)?主题"
    r"|(?:活动|质量月[”\"」』]?)主题\s*[：:]\s*([^，。；;,“”\"「」]{4,40}?)\s*(?:[。；;]|$))"
)
# "今年的“质量月”活动主题是大力提升质量,建设质量强市。": no colon, no quotes; the words to the
# end of the sentence, or of the clause when the sentence goes on to say what for ("…主题是推动
# 质量变革创新、促进质量强市建设,旨在提高…").
_THEME_CLAUSE = r"[^，。；;,“”\"「」『』：:\n]"
THEME_STATED = re.compile(
    rf"质\s*量\s*月[”\"」』]?\s*(?:活动)?\s*的?\s*主题\s*(?:是|为)\s*"
    rf"(?:({_THEME_CLAUSE}{{4,24}}[，,](?!旨在|通过|围绕|进一步|努力|营造|各地|各单位|请|要){_THEME_CLAUSE}{{2,14}})(?=[。；;]|$)"
    rf"|({_THEME_CLAUSE}{{4,24}})(?=[，,。；;]|$))"
)
# A line that announces the theme below it: "今年“质量月”活动的主题是：".
THEME_LEAD_IN = re.compile(r"主\s*题\s*(?:是|为|确定为|定为)?\s*[：:]\s*$")
# "围绕“建设质量强县,决胜全面小康”(这一)主题" / "以“…”为主题" in running text.
THEME_AROUND = re.compile(
    rf"(?:围绕|以|贯彻|落实|紧扣|突出|聚焦|紧紧围绕|结合|发布了?|公布了?|确定了?)\s*{_OPEN_Q}{_THEME_WORDS}"
    # A copy may close the quote with 》 ("围绕“宣传贯彻《纲要》，推进…》这一主题").
    rf"(?:{_CLOSE_Q}|》(?=\s*这一))\s*(?:这一|的)?(?:年度|活动)?(?:主题|为主题)"
)
# "开展“增强质量意识 推进高质量发展”主题宣传活动": quoted words before 主题, whatever the verb;
# the campaign's theme only when they are the year's national theme (content.theme checks).
THEME_QUOTED_BEFORE = re.compile(
    rf"{_OPEN_Q}([^{_ANY_Q}]{{4,40}}){_CLOSE_Q}\s*的?(?:年度|活动)?主题"
)
# "生动演绎“质量安全是社会和谐的基础”这一主题": 这一 points at the quoted words, whatever the verb.
THEME_THIS = re.compile(rf"{_OPEN_Q}([^{_ANY_Q}]{{4,40}}){_CLOSE_Q}\s*这一(?:年度|活动)?主题")
# "题为“建设质量强省、共创美好生活”的2011年福建省“质量月”…活动", "举办“推动质量变革创新 促进
# 质量强区建设”2022年“质量月”主题宣传…": quoted words that name this year's 质量月 event.
THEME_NAMING = re.compile(
    r"“((?:[^“”\n]|“[^“”\n]{1,12}”){4,40})”\s*的?\s*(?:(?:19|20)\d\d\s*年)?(?:(?!活动)[^，。；;,“”\"]){0,8}?"
    rf"{_OPEN_Q}?质\s*量\s*月"
)
# A sentence stating what its campaign's theme is: "以“建设质量强市决胜全面小康”为主题开展".
THEME_OF_THE_CAMPAIGN = re.compile(r"[”\"」』]\s*为\s*(?:活动)?主\s*题(?!的)")
# What a body does when it only gives a talk at an event: "进行了“…”主题宣讲".
TALK_GIVEN = re.compile(
    r"^了?(?:“[^”]{0,40}”|[^，。；;,“]){0,30}?(?:宣讲|讲解|演讲|授课|讲座|致辞|发言)(?:[，。；;,]|$)"
)
# A speech or a talk given on a theme of its own: "以“…”为主题做演讲"; or a discussion: "和企业
# 负责人围绕“高质量发展”主题，共同探讨…".
TALK_ON_THEME = re.compile(
    r"^(?:(?:做|作|进行)了?(?:主题)?(?:演讲|报告|发言|宣讲|分享)"
    r"|[，,]?\s*(?:共同|深入)?(?:探讨|交流|座谈|研讨))"
)
# An event with a theme of its own inside the campaign: an open day, a week, a contest.
OWN_EVENT = re.compile(r"开放日|体验周|宣传周|宣传月|比赛|大赛|竞赛|评选|征文")
THEME_LABEL_PREFIX = re.compile(r"^(?:全国)?(?:统一|活动|年度)?主题\s*[：:]\s*")

# --- a report's own list of the campaign's activities --------------------------------------------

# "这些活动涵盖了4个方面的主题：一是…", "主要活动如下：", "将开展以下活动：".
REPORT_ACTIVITY_INTRO = re.compile(
    # "主要活动有：一是…", "活动包括：（一）…": the campaign's activities, announced.
    r"(?:(?:主要|重点)?活动(?:有|包括|内容(?:为|是|有|包括)?)\s*[：:]"
    r"|(?:[\d一二三四五六七八九十]+\s*个方面|以下|如下)[^。；;：:]{0,8}[：:]"
    # "围绕7个重点开展丰富多彩的质量月活动,一是…": the campaign's points, counted.
    r"|[\d一二三四五六七八九十]+\s*个重点[^。；;：:，,]{0,16}?活动[：:，,]"
    # "将开展5个方面活动。一是…": the counted activities, the first item right after the stop.
    r"|[\d一二三四五六七八九十]+\s*(?:个方面|项)的?(?:重点)?活动[。：:]"
    r"|从[\d一二三四五六七八九十]+\s*个方面(?:展开|开展|进行)[^。；;：:]{0,6}[：:]?)"
)
# A list of numbered lines announced as the campaign's activities.
ACTIVITY_LIST_INTRO = re.compile(
    r"如下|以下|[\d一二三四五六七八九十]+\s*(?:个方面|项(?:活动|内容|工作))|主要活动|活动(?:有|包括)"
)
# A list announced as requirements or a speech's points, not as activities.
REQUIREMENTS_INTRO = re.compile(r"要求|强调|指出|提出|讲话|表示")

# --- a campaign mentioned at all (a digest or news report still is one) --------------------------

# 质量月 also written with spaces (质 量 月) or as 质量活动月; traditional text is converted first.
CAMPAIGN = r"质\s*量\s*(?:活\s*动\s*)?月"
CAMPAIGN_WORDS = re.compile(CAMPAIGN)
# The encyclopedia's definition of 质量月, which general articles and stub pages copy: a
# sentence with it says nothing about a particular campaign.
GENERIC_SENTENCE = re.compile(
    r"1978|什么是质量月|质量月的意义|是我国长期开展"
    # The origin story these pages tell next: Japan's first 质量月, America's since 1988, and
    # the 国家经委 (经贸委) that started ours; and the definition's "a month-long activity".
    r"|起源于|日本|美国|国家经(?:贸)?委|一年一度的专题活动"
)
# 质量月 inside a body's name ("全国质量月活动领导小组成员单位出席") names no campaign by itself.
CAMPAIGN_IN_NAME = re.compile(
    rf"{CAMPAIGN}[”\"」』’']?\s*(?:活动)?(?:工作)?领导小组(?:办公室)?(?:成员单位)?"
)
# What makes a sentence about one particular campaign rather than 质量月 in general: its year,
# its number (第N个; 第一个 is the 1978 one of the history), this year's, or its theme.
EDITION = re.compile(
    r"今年|本年度|本次|本届|第\s*(?!一\s*个)[\d一二三四五六七八九十]+\s*个"
    # A year that dates a body's founding ("国家质检总局2001年成立以后") is not the campaign's.
    r"|(?:19[89]\d|20\d\d|20[xX]{2})\s*年(?!\s*(?:成立|组建|以来|以后))"
    r"|主\s*题\s*(?:是|为)?\s*[：:]?\s*[“\"「『]|[”\"」』]\s*(?:为|的)\s*(?:活动)?主\s*题"
)
# A document named in 《》: what bodies its title names are the cited document's.
IN_BOOK_QUOTES = re.compile(r"《[^《》\n]{0,80}》")
# A place itself holding the campaign, its verb right after its name: "新疆召开质量月…发布会".
PLACE_ACTS = re.compile(r"^(?:召开|启动|举办|举行|开展|部署|印发|发布)")
# A word a spun mirror glued before a province's body: "努力年活广东省…办公室", "提高广东省市场
# 监管局"; not 中共, 国家 or 共青团, which begin a name of their own ("共青团江西省委").
JUNK_BEFORE_PROVINCE = re.compile(
    rf"^(?!中共|中国|国家|全国|共青团)[{CJK}]{{1,4}}?(?=(?:{'|'.join(PROVINCES)})(?:省|自治区|市))"
)
# A list of the campaign's activities run into one sentence: the bodies in it own an item.
LISTED_ACTIVITIES = re.compile(r"(?:活动|安排|内容)(?:有|包括|如下)\s*[：:]")
# The year of an event a report opens with: "2023年全省检验检测机构开放日活动启动仪式".
# Not the year something began: "公司自2003年开展质量管理小组活动以来".
EVENT_YEAR = re.compile(
    r"(?<![自从])((?:19|20)\d\d)\s*年(?![0-9])[^，。；;,\d\n]{0,24}?(?:活动|开放日|仪式)"
)
# A company's own leading group for its internal 质量月: "公司成立质量月活动领导小组".
# …and its own party, discipline and union committees ("公司党委副书记、纪委书记、工会主席").
# …or one headed by its chairman or manager ("成立了以董事长为组长的“质量月”活动领导小组").
COMPANY_GROUP = re.compile(
    r"(?:公司|集团|企业)[^，。,；;]{0,12}?领导小组|(?:公司|集团|企业)(?:党委|纪委|工会|团委)"
    r"|以(?:董事长|总经理|厂长|经理)[^，。,；;]{0,20}?领导小组"
)
# The page's event is one of the campaign's: "…是桂林市市场监管局“质量月”系列活动的一环".
PART_OF_CAMPAIGN = re.compile(
    rf"是[^。]{{0,30}}?{CAMPAIGN}[^。]{{0,12}}?(?:之一|一环|重要内容|组成部分)"
)
# Where a news item ends: its editor's line.
ARTICLE_END = re.compile(r"责任编辑\s*[：:]")
# A page's news source ("信息来源：石台县市场监督管理局9月8日，…"): the body after it is not a subject.
SOURCE_LABEL = re.compile(r"来源\s*[：:]\s*$")
# A place's own bureau in its system's shorthand: 金华局, 铁岭局 (the place's words, then 局).
PLACE_BUREAU = re.compile(r"(?:局|海关)$")
# A body that runs a campaign; a text about one names at least one outside the definition.
CAMPAIGN_BODY = re.compile(
    r"(?:市场监督管理局|市场监管局|质量技术监督局|质监局|市场监管总局|质检总局|领导小组|人民政府"
    r"|委员会|办公室|协会|学会|质协|总工会|管理局|总局|[省市县区]局|检验检测|研究院"
    # A district's branch of its city's bureau: 临淄质监分局, 宽城市场监管分局; a zone's or a
    # town's market-regulation office: 蜀山经济技术开发区市场监管所.
    r"|质监分局|市场监管分局|市场监管所|市场监督管理所"
    # The former entry-exit inspection and quarantine bureaus, named by their place's own words
    # (东莞检验检疫局, 嵊泗检验检疫局): they ran the campaign in their system until 2018.
    r"|(?:出入境)?检验检疫局)"
)
# The State Council's ministries, by their names of 2008–2025 and their short forms.
MINISTRY = (
    r"(?:教育|科学技术|科技|工业和信息化|工信|公安|民政|司法|财政|人力资源(?:和)?社会保障|人社"
    r"|自然资源|国土资源|生态环境|环境保护|住房(?:和)?城乡建设|住建|交通运输|水利|农业农村|农业"
    r"|商务|文化和旅游|卫生|应急管理|铁道)部(?![门分署队长委])"
)
# Whether a report names anyone running a campaign at all (so it is not refused): the bodies
# above and the shorter names reports use — 市监局, 质监分局, 市场监管所, 县政府, 质强办, 经信委,
# 公安厅 (not a 大厅, a hall), "十部门", "16个相关单位".
REPORT_BODY = re.compile(
    CAMPAIGN_BODY.pattern[:-1]
    + r"|监局|分局|监管所|[省市县区州盟旗]政府|强[省市县区]?办|[^\s，,。、]{1,6}(?:(?<!纪)委(?![托屈婉])|(?<![大展餐客门业舞])厅(?!堂))"
    # A sector's own bureau (县水利局, 市住建局, 县农业农村和科学技术局) or a technical
    # institution (计量测试研究所).
    r"|(?:[省市县区州盟旗]|国家)[^\s，,。、]{1,12}?(?<![格布大结当时全开骗出僵赌饭变棋战残定])局"
    r"|(?:检验|检测|计量|认证|特检|质检)[^\s，,。、]{0,8}?(?:院|所|中心|站)"
    # Customs and the former inspection and quarantine bureaus (检验检疫局) run their own too.
    r"|海关|检验检疫"
    # A ministry running its sector's 质量月 (住房和城乡建设部, 工信部): the State Council's.
    rf"|{MINISTRY}"
    r"|[\d一二三四五六七八九十]+个?(?:相关)?(?:部门|单位))"
)

# --- organising bodies named in running text (digests, news reports) ------------------------------

TEXT_ORG = re.compile(
    rf"([{CJK}]{{2,16}}?(?:市场监督管理局|市场监管局|质量技术监督局|质监局|市场监管总局"
    r"|质量工作领导小组办公室|质量强[省市县区]工作领导小组办公室|质量协会|质协|总局|检验检疫局))"
)

# --- the year when the text does not state it -------------------------------------------------

# National Quality Month themes by year (punctuation and spaces removed before matching; a
# local campaign's "质量强省/市/县" read as 质量强国).
NATIONAL_THEMES: dict[str, int] = {
    # The years before 2011 as the dev corpus gives them: the national notices of 2005 and 2006,
    # a provincial report of 2009 that states its year, a national report of 2010.
    "奉献优质产品构建和谐社会": 2005,
    "创新提升质量名牌促进发展": 2006,
    "全员全过程全方位参与全面提高质量安全水平": 2009,
    "抓质量水平提升促发展方式转变": 2010,
    "建设质量强国共创美好生活": 2011,
    "贯彻质量发展纲要推进质量强国建设": 2012,
    "打造经济升级版实现质量强国梦": 2013,
    "推动三个转变建设质量强国": 2014,
    "迈向质量时代建设质量强国": 2015,
    "提升供给质量建设质量强国": 2016,
    "大力提升质量建设质量强国": 2017,
    "加强市场监管建设质量强国": 2018,
    "共创中国质量建设质量强国": 2019,
    "建设质量强国决胜全面小康": 2020,
    "深入实施质量提升行动大力推进质量强国建设": 2021,
    "推动质量变革创新促进质量强国建设": 2022,
    "增强质量意识推进高质量发展": 2023,
    "加强质量支撑共建质量强国": 2024,
    "加强全面质量管理促进质量强国建设": 2025,
}
# A place's own campaign adapts the national theme: 建设质量强县, 促进质量强省建设.
LOCAL_STRONG = re.compile(r"质量强(?:省|市|县|区|州|旗|盟)")
# A branch named by its district after its parent body: "…市场监督管理局琼山分局", "…监管委福田局".
PLACE_BRANCH = re.compile(rf"(?:局|委)([{CJK}]{{2,3}}?)(?:分|监管|管理)?局$")
# A 市 a report names: "射洪市重点围绕…".
CITY_IN_TEXT = re.compile(rf"(?:(?![年月日在与及的是])[{CJK}]){{2,6}}?市(?!场)")
# A congress or plenum whose spirit a notice implements → the first campaign after it (the
# campaign is held in September: an event of September or later leads to next year's).
CONGRESS_DATES: dict[str, tuple[int, int]] = {
    "十六": (2002, 11),
    "十七": (2007, 10),
    "十八": (2012, 11),
    "十九": (2017, 10),
    "二十": (2022, 10),
}
PLENUM_DATES: dict[tuple[str, int], tuple[int, int]] = {
    ("十七", 3): (2008, 10),
    ("十七", 4): (2009, 9),
    ("十七", 5): (2010, 10),
    ("十七", 6): (2011, 10),
    ("十七", 7): (2012, 11),
    ("十八", 1): (2012, 11),
    ("十八", 2): (2013, 2),
    ("十八", 3): (2013, 11),
    ("十八", 4): (2014, 10),
    ("十八", 5): (2015, 10),
    ("十八", 6): (2016, 10),
    ("十八", 7): (2017, 10),
    ("十九", 1): (2017, 10),
    ("十九", 2): (2018, 1),
    ("十九", 3): (2018, 2),
    ("十九", 4): (2019, 10),
    ("十九", 5): (2020, 10),
    ("十九", 6): (2021, 11),
    ("十九", 7): (2022, 10),
    ("二十", 1): (2022, 10),
    ("二十", 2): (2023, 2),
    ("二十", 3): (2024, 7),
    ("二十", 4): (2025, 10),
}
CAMPAIGN_MONTH = 9
# On text without punctuation: "十八届三中四中全会" (written 十八届三中、四中全会), "党的二十大", "二十大精神".
PLENUM = re.compile(r"(十[六七八九]|二十)届((?:[一二三四五六七]中[和及与]?)+)全会")
CONGRESS = re.compile(r"党的(十[六七八九]|二十)大|(十[六七八九]|二十)大(?=精神|报告|以来)")
# "2023年“质量月”" / "2023年全国“质量月”" / "时间:2015-09-15".
YEAR_NEAR_CAMPAIGN = re.compile(
    rf"((?:19|20)\d{{2}})\s*(?:年[^。\n]{{0,20}}?|[‘“'\"「『]?[{CJK}]{{0,6}}?){CAMPAIGN}"
)
# "第45个“质量月”": the first was 1978, so the Nth is held in 1977 + N.
ORDINAL_CAMPAIGN = re.compile(
    # Not a place's own count: "新宁县第19个“质量月”" is the county's 19th, not the nation's.
    rf"(?<![县区旗市省州])第\s*([0-9]{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*(?:个|届)\s*[“\"「『‘']?\s*(?:全国)?\s*[“\"「『‘']?{CAMPAIGN}"
)
FIRST_CAMPAIGN_YEAR = 1977
# "二〇二三年“质量月”": the year in Chinese numerals.
CN_YEAR_NEAR_CAMPAIGN = re.compile(rf"([{CN_DIGITS}]{{4}})\s*年[^。\n]{{0,20}}?{CAMPAIGN}")
YEAR_STAMP = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-./年]\s*(?:0?[1-9]|1[0-2])[-./月]"
    # "21.09.2016 21:44": day first, as some aggregators stamp their pages.
    r"|(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.((?:19|20)\d{2})(?![\d.])"
)
# Words before a body that a report cites as its superior, not as the organiser.
CITED_SUPERIOR = re.compile(r"按照|根据|依据|贯彻|落实|转发|要求")
# Words a body's name picks up from the sentence before it ("近日，由伊春市质监局…").
TEXT_ORG_LEAD = re.compile(r"^.*?(?:由|是|在|和|与|及|、|讯|日|经|按照|根据|从|向|获悉|据)")
# A digest names the document it is about: "制定了《徐闻县市场监督管理局2023年“质量月”活动安排表》".
CITED_TITLE = re.compile(
    # "制定了以“…”为主题的《…方案》": what the verb governs may be said before the title.
    # "宣读了蓝田县质量发展委员会办公室《…通知》": the body whose notice it is may come between.
    r"(?:(?:制定|印发|下发|出台|发布|联发|发出|宣读|解读|宣布|通报|公布)了?"
    rf"(?:[^《》。；;]{{0,40}}?的|[{CJK}]{{2,30}}?{ORG_SUFFIX})?"
    # "…在《关于开展…的通知》(以下简称《通知》)中": the one a report is about, whatever the verb.
    r"|(?=《[^《》]{0,80}》\s*[（(]以下简称))"
    r"《([^《》]{0,40}质量月[^《》]{0,30}(?:通知|方案|安排表|安排|计划|函))》"
)
# "《湖北省市场监督管理局 湖北省发展和改革委员会关于开展…“质量月”活动的通知》印发": a report
# that gives the notice it reports as issued, its issuers named in its title.
ISSUED_TITLE = re.compile(
    r"《([^《》]{2,80}?关于[^《》]{0,60}质量月[^《》]{0,40}(?:通知|方案))》\s*"
    r"(?:近日|日前|已|正式)?(?:印发|下发|出台|发布)"
)
# "8月24日，国家质检总局向全国质检系统发出《…质量月…》" / "8月25日…联合发文": a report's
# date of the notice it reports; the year is the campaign's.
REPORTED_ISSUE_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[，,]?[^。；;\n]{0,40}?"
    r"(?:(?:印发|发出|下发|联发|出台)了?《[^《》]{0,60}质量月[^《》]{0,40}》|联合(?:发文|印发|下发))"
)
# The issuer that opens a title: "徐闻县市场监督管理局2023年…" / "…局关于…".
TITLE_ISSUER = re.compile(rf"^([{CJK}]{{2,30}}?{ORG_SUFFIX})(?=关于|(?:19|20)\d{{2}}\s*年)")

# The sentence of a digest that says who runs the campaign: "市场监管总局、发展改革委…等16个部门
# 定于2020年9月联合开展", "省市场监管局联合省发展改革委、省科技厅等17个部门开展了",
# "包头市…办公室和包头市…办公室联发《…》".
# A name never runs across the verb that gives its role: "…办公室召集部分成员单位及华星燃气公司"
# is one office convening others, not one name ending in 公司 (联合会 is a name, 联合 a verb).
_ROLE_VERB = r"召集|联合(?!会)|会同|联手|携手|牵头|组织(?!部)|开展|举办|举行|印发|下发|发出|部署|围绕|[主承协]办"
# 工商联 is a body whose whole name is a suffix (a federation named in a list of departments);
# 市妇联 a place word and a suffix.
# …nor across the basis it acts on or an adverb: "…和共青团中央根据国务院《…》的要求", "嵊泗
# 检验检疫局积极号召企业…".
# …nor across its head's title: "萍乡市市场监管局副局长李某带队" is no name ending in 队.
_NOT_IN_NAME = rf"{_ROLE_VERB}|根据|按照|依据|积极|[局厅处科]长|书记|带队"
# 部门 (departments) and 部署 (deploy) are words, not a name ending in 部 ("全国统一部署").
NOT_BU_WORD = r"(?<!部(?=[门署]))(?<!部署)"
_BODY = (
    rf"(?:(?:(?!{_NOT_IN_NAME})[{CJK}（）()]){{2,30}}?{ORG_SUFFIX}{NOT_BU_WORD}(?:{SECOND_NAME})?"
    rf"|{SHORT_FEDERATION})"
)
# 暨 (曁) joins two bodies as 和 does: "长春市政府暨长春市质监局".
BODY_JOINERS = "、和及与暨曁"
# "漯河市委宣传部和市政府18个主要部门": a government's departments counted are not one more name.
_BODIES = rf"{_BODY}(?:[{BODY_JOINERS}](?![省市县区]政府\s*[0-9一二三四五六七八九十])(?:{_BODY}))*"
# One event a body hosts, named before 由 or after the verb.
_EVENT_NOUN = r"仪式|(?<![社商协学工员])会议?|开放日|论坛|宣传[日周]"
# "等16个部门", "等10家单位", "十几个市级部门", "20多个省直部门".
_COUNT = (
    r"[0-9一二三四五六七八九十几多余两]+\s*[个家]?"
    r"(?:省直|市直|县直|区直|成员|省级|市级|县级|区级|相关|有关|主要){0,2}(?:部门|单位)"
)
# "…、共青团中央10部门，联合下发": the count alone closes a list of names as 等N个部门 does.
_SEVERAL_REQUIRED = rf"(?P<several>(?:等|[和及][省市县区]政府)?\s*{_COUNT}|[及等](?:有关|相关)?(?:部门|单位)|[及等]相关部门)"
_SEVERAL = rf"{_SEVERAL_REQUIRED}?"
_LEADS = r"(?:牵头[，,]?\s*)?"
# What closes a list of named departments: "等20个部门", "及有关单位".
_CLOSED_LIST = rf"(?:等\s*{_COUNT}|[及等](?:有关|相关)?(?:部门|单位))"
# The words by which a lead brings partners in: "X联合Y", "X会同Y", "X联手Y", "X携手Y".
_JOINS = r"(?:联合|会同|联手|携手)"
# A joint notice's title: "市场监管总局等21个部门关于开展2022年全国“质量月”活动的通知".
TITLE_JOINT = re.compile(rf"^(?P<names>{_BODIES})等\s*{_COUNT}(?=关于)")
# What stands between a body and the verb it governs is any short stretch of its own sentence
# ("X9月1日起在全省组织开展", "X认真谋划，扎实开展", "X作为…的单位之一，将围绕…"), except what
# shows the body is not the subject: a person's title (its head speaks: "X局长致辞", "X党组书记、
# 局长韩永生对外发布称"), hearing from it ("记者从X获悉"), or a possessive ("X的部署").
PERSON_TITLE = (
    r"书记|[局厅处科部]长|主任|会长|[省市县区旗盟]长|秘书长|主席|巡视员|调研员|负责人|领导(?!小组)"
    # …or its people: "县市场局负责同志宣读了…", "X工作人员…解答", "市质检院授课老师们围绕…".
    r"|同志|工作人员|干部职工|专家|老师"
    r"|获悉|了解到|得知|介绍|表示|透露"
    # …or its newsroom's byline: "萍乡市市场监管局网站讯：9月1日，…启动".
    r"|(?:网站|网|报)?讯\s*[：:]"
)
_GOVERNING_VERB = (
    r"联发|联合(?:发出|印发|下发|开展|举办)|发出|印发|下发|发布(?!会)|进行"
    r"|(?:联合)?制定(?:并)?下发了?|部署(?:开展)?|组织开展|牵头组织了?|开展了?|举办|举行|召开|启动"
    r"|组织(?!部)|(?:面向社会公开)?征集|围绕|以(?=[“\"「])"
    # "该局要求全省各级市场监管部门…": a bureau directs its whole system through the campaign.
    r"|要求(?=全[省市县区]|各级)"
    # Opening its laboratories to the public is how an inspection body takes part: "本次质量月，
    # 该局将开放三个国家级重点实验室".
    r"|开放(?=[^。，,；;]{0,20}?实验室)"
    # "金华局将陆续推出质量专家百企行、…等19项活动": a body bringing out the campaign's activities.
    r"|推出(?=[^。；;]{0,160}?活动)"
    # The host invites its guests: "渭南市纤维检验所…邀请我市10余家纺织企业代表…参与此次…活动".
    r"|邀请"
    # Pushing the campaign itself on: "X扎实推进2023年“质量月”活动", "全力做好…“质量月”各项工作".
    r"|(?:推进|推动|做好|抓好|策划|谋划)(?=[^。，,；;]{0,12}?质\s*量\s*月)"
    # A ministry passing the national notice on to its system: "铁道部已将五部门《…》转发给各铁路局".
    r"|转发(?=给|至)"
    # A plan says who drew it up where its signature is cut: "铁岭检验检疫局结合工作实际，制定本方案".
    r"|特?制定(?:了)?本(?:活动|实施|工作)?方案"
    # A body's own 质量月, its year right after its name: "滨州市质监局2015年“质量月”活动正式启帏".
    r"|(?<=[局办委厅部会院所心站组室府])(?:19|20)\d{2}\s*年度?(?=\s*[“\"「『‘']?\s*质\s*量\s*月)"
    # …or without its year, as a headline says it: "常德市市场监管局“质量月”活动亮点纷呈".
    r"|(?<=[局办委厅部会院所心站组室府])[“\"「『‘']?质\s*量\s*月(?=[”\"」』’']?(?:活动|期间))"
)
# A subject opens its clause: the sentence's start, a punctuation mark, or a date ("9月质检总局").
# A copy may glue a line to a URL or a phone number before it ("…452066.htm福建省计量院积极
# 开展", "0731-84444840上海市质监局开展").
_CLAUSE_START = (
    # A headline's subject after its motto: "关注质量 共创和谐——内蒙古质监局2011年…".
    r"(?:^|(?<=[，,：:；;。】\]）)\s—])|(?<=\d[日月])|(?<=[上下]午)|(?<=[A-Za-z])"
    r"|(?<=[0-9])(?![年月日号时点个家余多项名人次万千百亿元届期第]))"
)
# A name is whole: what follows it does not go on into a longer name ("…领导小组" + "办公室").
# …nor into the system it heads: "全国质协" + "系统" is every association, not one.
_NAME_ENDS = (
    rf"(?!(?!{_ROLE_VERB}|{_GOVERNING_VERB}|会同)(?:门|员会|系统|支行|[室办局厅委部处科所站组队会院中议长]"
    # …nor into a second name of its own that ends a list: "漯河市委" + "宣传部和市政府…", or
    # into the rest of an institute's name: "中国计量科" + "学研究院开展".
    rf"|[{CJK}]{{1,4}}(?:部|局|厅|办|委)(?=[、和及与]|(?:积极|认真|扎实|深入|精心|广泛)?(?:{_GOVERNING_VERB}))"
    rf"|(?![在于])[{CJK}]{{1,4}}(?:院|所|中心|站)(?={_GOVERNING_VERB})"
    # …nor into the branch it names: "内蒙古特检院" + "乌兰察布分院", "深圳市规划和自然资源局" +
    # "大鹏管理局", "国家税务总局" + "湖北省税务局", "人民银行" + "武汉分行".
    rf"|[{CJK}]{{1,6}}?(?:分(?:院|局|所|中心|行)|中心支行)|[{CJK}]{{2,4}}?管理局"
    rf"|(?<=总局)[{CJK}]{{2,8}}?(?:省|自治区|市)[{CJK}]{{0,8}}?局))"
)
_FILLER = rf"{_NAME_ENDS}(?!的)(?:(?!{PERSON_TITLE})[^。！？!?；;\n]){{0,50}}?"
CAMPAIGN_SUBJECT = re.compile(
    # "X将与Y、Z等部门共同举办20余项活动": 与 before a joint verb joins the partners as 联合 does.
    rf"{_CLAUSE_START}(?P<lead>{_BODIES})(?:{_LEADS}将?(?:{_JOINS}|[与同](?=[^，。,；;]{{2,40}}?(?:共同|联合)))(?P<joint>{_BODIES})"
    # "X牵头，Y、Z等多部门联合开展": the bodies it leads run the campaign with it.
    rf"|牵头[，,]\s*(?P<led>{_BODIES})(?={_CLOSED_LIST}?\s*(?:共同|联合)))?{_SEVERAL}"
    rf"(?P<between>{_FILLER})"
    # The verb that governs the campaign: issuing its notice, running it, opening it.
    rf"(?P<verb>{_GOVERNING_VERB})"
    # "牵头组织十几个市级部门…开展": the departments it leads run the campaign with it.
    rf"(?P<count_after>{_COUNT})?"
)
# "为落实省质监局关于开展质量月宣传活动的要求，中山市质监局在加大日常宣传力度的同时…": the body
# that answers a superior's call is the one at work, whatever its verb and however far.
ANSWERING_CALL = re.compile(
    rf"(?:落实|贯彻|按照|根据|依据)[^。；;\n]{{2,60}}?(?:要求|部署|精神)(?P<verb>[，,])\s*"
    rf"(?P<lead>{_BODIES}){_NAME_ENDS}(?![，,])"
)
# "浙江省质监、发改、经信…13个部门": departments by their short names.
_SHORT = rf"(?:(?!等)[{CJK}]){{2,3}}"
# "自治区市场监管局将联合自治区党委宣传部、发改委等25个部门，在…": bodies acting together.
JOINT_RUN = re.compile(
    rf"(?P<lead>{_BODIES}){_LEADS}将?{_JOINS}(?:(?P<joint>{_BODIES}){_SEVERAL_REQUIRED}"
    # "内江市市场监管局会同发改、经信、农业等10多个部门组织开展": partners by their short names.
    rf"|(?P<short>{_SHORT}(?:、{_SHORT})+)等\s*{_COUNT}"
    rf"|(?P<count>{_COUNT}))(?P<verb>)"
)
# "本次活动由福建省市场监督管理局、福州市市场监督管理局联合主办": the organisers, stated outright
# (the sentence need not repeat 质量月).
# "此次活动由X牵头，联合Y、Z等10家单位": the bodies joined after the verb run it too.
# "此次活动由…与石家庄市政府共同举办": 此次 is the event the report is about (see EVENT_VERBS).
RUN_BY = re.compile(
    # "启动仪式由漯河市人民政府主办": the event named before 由 is one event, like 此次活动.
    rf"(?:(?P<this>此次|本次|这次|该)?活动|(?P<event>{_EVENT_NOUN}))?由(?P<lead>{_BODIES})(?:将?{_JOINS}(?P<joint>{_BODIES}))?"
    # "…和湖南汨罗循环经济产业园区共同主办": a last partner that is no body is passed over.
    # "由A、B、C等共同主办": a bare 等 closes the list before the joint verb.
    rf"{_SEVERAL}(?:等(?=共同|联合))?[，,]?(?:[与和及][^，。,；;]{{2,20}}?)?(?P<jointly>联合|共同)?(?P<verb>主办|承办|牵头|指导|组织(?!部)|举办|举行|开展)"
    rf"(?:[，,]\s*{_JOINS}(?:(?P<after>{_BODIES}){_CLOSED_LIST}?"
    # "由省质监局牵头，联合31个省级相关部门…共同开展": the departments it leads, by their count.
    rf"|(?P<count_after>{_COUNT}))"
    # "由市质强办牵头，市市场监管局、市发改委…等20个部门共同开展": the departments it leads, listed.
    rf"|[，,]\s*(?P<listed>{_BODIES}){_CLOSED_LIST}?"
    rf"\s*(?:共同|联合)(?P<listed_verb>参与|开展|组织|实施|举办)"
    # "由市场监管局指导，质量协会主办": the host named after the body that guides it.
    rf"|[，,]\s*(?P<host>{_BODIES})(?=主办|组织|举办))?"
)
# "市场监管总局组织的第十二届全国检验检测机构开放日活动启动仪式": the bodies before 主办/组织/举办的
# host the event that follows, as "由…主办的…" says it without 由.
HOSTED_BY = re.compile(
    rf"{_CLAUSE_START}(?P<lead>{_BODIES})(?:将?{_JOINS}(?P<joint>{_BODIES}))?{_SEVERAL}"
    rf"(?P<jointly>联合|共同)?(?P<verb>主办|组织(?!部)|举办)(?=的)"
)
# "…共同主办，省质量评价协会承办的…": the contractor's clause between the hosts and their event.
CONTRACTOR_CLAUSE = re.compile(r"^[，,][^，。,；;]{2,30}?(?:承办|协办)(?=的)")
# The report's own event, named so when a sentence ties it to the campaign.
THIS_EVENT = re.compile(r"此次|本次|这次")
# A body that carries out or assists another's event: "…主办，红河州质监局协办的…".
CONTRACTED = re.compile(r"^(?:等[^，。,；;]{0,12}?)?(?:共同|联合)?(?:承办|协办)")
# Bodies that support another's lead: "县市场监管局牵头，县发改局、县教体局等单位配合，开展…".
SUPPORTING = re.compile(r"(?:等[^，。,；;]{0,12}?)?(?:积极)?(?:配合|协助)")
# Bodies after another's lead act under it: "由X牵头，Y等多部门联合举办…" (Y is no lead).
LED_BY_ANOTHER = re.compile(r"牵头[，,]\s*$")
# A report's own event (此次活动) hosted so is one event, not the campaign: its hosts are not
# co-organisers. 指导/牵头/组织 say the bodies run the campaign.
EVENT_VERBS = frozenset({"主办", "承办", "举办", "举行", "开展"})
# "2015年全国“质量月”活动主办单位:" above the list, or "联合主办单位：A、B、C" inline. A bare
# "主办单位：" line is a web page's footer (BOILERPLATE_LINE), so the label must follow the campaign.
ORGANISERS_LABEL = re.compile(
    rf"(?:{CAMPAIGN}|活动)[^。\n]{{0,6}}?(?:联合)?主办单位\s*(?:[：:]|为|是)\s*(.*)$"
)
# "浙江省质监、发改、经信…13个部门和单位": departments by their short names after one place.
ABBREVIATED_BODIES = re.compile(
    rf"(?P<place>(?:{'|'.join(PROVINCES)})(?:省|市|自治区)?)"
    rf"(?P<names>{_SHORT}(?:、{_SHORT}){{2,}})等?\s*[0-9一二三四五六七八九十]+\s*个?(?:部门|单位)"
)
# Verbs by which a sentence that does not name 质量月 still says the bodies run the campaign.
# Not a bare 开展: "各地要组织开展…" is a directive to everyone, and the bodies before it
# are whoever the sentence named last.
RUNNING_VERBS = frozenset(
    {
        "组织开展",
        "部署开展",
        "举办",
        "联合开展",
        "联合举办",
        "围绕",
        "以",
        "牵头组织",
        # The host invites its guests to the event the report says is part of the campaign.
        "邀请",
    }
)
# What a sentence's bodies hold together is one event, not the campaign: its co-hosts are not
# the campaign's co-organisers ("…联合举办2018年“质量月”活动启动仪式").
# An event is named by its head noun, not by a list of events: a ceremony, anything held as a
# 会 (大会, 发布会, 座谈会, 会议…; not 社会 or a 商会/协会 named there), a contest, an open day,
# a publicity day or week, a forum, a class, a lecture, an exhibition, one publicity activity.
_EVENT_HEAD = (
    r"仪式|(?:开幕|闭幕|启动|揭牌)式|(?<![社商协学工员])会(?!员|同)|赛|开放日|宣传[日周]|论坛|培训班|讲堂|展览"
    r"|(?:宣传|咨询|服务)活动"
)
EVENT_OBJECT = re.compile(
    # A quoted name counts as one word, whatever its length or commas.
    rf"^(?:“[^”]{{0,80}}”|[^，。,；;“]){{0,60}}?(?:“[^”]{{0,80}}?)?(?:{_EVENT_HEAD})"
    # …or a street event: "在芦山县城十字街口通过设立咨询台…".
    r"|^[，,]?\s*在[^，。,；;]{0,15}?(?:街|广场|路口|商场|卖场|公园|社区|超市)"
    # …or an activity of its own name, not the campaign's: "“质量知识校园行”活动".
    r"|^“(?![^”]*质\s*量\s*月)[^”]{2,30}”(?:主题)?(?:宣传)?活动"
)
# Bodies that host what follows: "…共同主办的消费品安全知识“进校园”教育宣传活动".
HOSTED_THE = re.compile(r"(?:主办|组织|举办)的")
# The same street place between the bodies and their verb: "…，在县城人民广场开展".
EVENT_PLACE = re.compile(
    r"在[^，。,；;]{0,15}?(?:街|广场|路口|商场|卖场|公园|社区|超市|中学|小学|学校|校园)"
)
# Bodies whose districts are their own, not a government's: a customs house (武汉海关 serves
# Hubei) or a central-bank branch (人民银行武汉分行) is named by a city whatever it serves.
OWN_DISTRICTS = re.compile(r"海关$|分行$")
# Names that end so are bodies that can run a campaign too: governments, party departments,
# ministries, commissions and their offices ("苏州市政府", "漯河市委宣传部", "共青团中央").
RUNNING_BODY_END = re.compile(r"(?:政府|局|部|厅|委|办|总署|总社|团中央|联合会|商会|协会|海关)$")
# A county-level body named under its province and city ("河北省临漳县质监局", "南充市顺庆区
# 市场监管局"): the gold gives it by its own place, as the report's later sentences do.
COUNTY_UNDER_PLACES = re.compile(
    rf"^(?:(?:{'|'.join(PROVINCES)}){PROVINCE_SUFFIX}?)?"
    rf"(?:[{CJK}]{{2,6}}?(?:市|自治州|州|盟|地区))?"
    rf"(?P<own>(?!城区|郊区|矿区|自治)[{CJK}]{{1,7}}?(?:县|(?<!地)(?<!自治)区|旗)[{CJK}]{{2,}})$"
)
# A report that gives its campaign to a collective ("我省17个部门将举办…", "省直各部门结合实际开展
# 了…"): the one department it then quotes is not the issuer.
COLLECTIVE_RUNNERS = re.compile(
    r"[我全本][省市县区]\s*(?:\d+|[一二三四五六七八九十]+)\s*个?(?:相关)?部门"
    r"|[省市县区]直各(?:有关)?部门|各地各(?:有关)?部门"
)
# Places that share one body's name: "市、县市场监管局" are the city's bureau and the county's,
# "吉安市、永新县市场监管局" two bureaus; the text names each unit once the name is repeated.
_PLACE_ONLY = rf"(?:[{CJK}]{{2,8}}?(?:省|市|县|区|旗|州|盟)|[省市县区])"
SHARED_NAME = re.compile(
    rf"(?<![{CJK}])(?P<places>(?:{_PLACE_ONLY}、)+)(?P<last>{_PLACE_ONLY})"
    rf"(?P<name>市场监管局|市场监督管理局|质监局|质量技术监督局|人民政府|政府|质量强[省市县区]办)"
)
# The scene of an event before the bodies ("活动现场，…"): they are there, taking part (a body
# named 会上 may well deploy the campaign there).
AT_THE_SCENE = re.compile(r"现场\s*[，,：:]?\s*$")
# A stretch that is no unit's name, though it ends like one: a clause ("作为广州质量月活动的一
# 部", "与区经委"), people ("…质监局全体干部"), a news source's byline ("…网讯(X局"), bureaus
# counted ("福田区质检两局": several, not one).
NOT_A_BODY = re.compile(
    r"的|^(?:作为|与|和|及|据|在)|干部$|[讯訊][（(]|[（(][^）)]*$|[两二三四五六七八九十几多]局$"
    # Several places' bureaus by their count: "苏浙皖赣沪四省一市质监局", "…五省市市场监管局".
    r"|[两二三四五六七八九十\d]+省(?:[一二三四五六七八九十\d]*市)?"
)
# Words of someone at work: a sentence naming 质量月 without them names it as a time or a
# purpose only ("今年9月是第46个全国“质量月”", "为了进一步推进“质量月”活动，…").
AT_WORK = re.compile(r"开展|举办|举行|安排|部署|组织|启动|召开|印发|下发|发出|参加|出席|主办")
# A partner named as the members of a committee is a collective, not one more unit
# ("会同市食安委相关成员单位").
# "珠海市质量强市领导小组17个成员单位…将开展": counted, they are no less a collective.
MEMBER_UNITS = re.compile(r"^(?:的)?(?:[0-9一二三四五六七八九十]+\s*个)?(?:相关|有关|各)?成员单位")
# Partners that hold an event with a body but run no campaign: a community or street, a
# school, a firm, a hospital, a local court; not the supreme court and procuratorate, which
# are among the national campaign's departments.
NOT_A_RUNNER = re.compile(
    r"社区|街道|村委|学校|[小中大]学|学院|公司|集团|企业|医院|(?<!人民)银行|商场|超市"
    r"|^(?!最高人民)[^，,、]*[检法]院$"
)
# "等部门" / "等3个部门" inside a list of names, before the next name ("…等部门和上海市人民政府").
LIST_CLOSE = re.compile(
    r"等\s*(?:[0-9一二三四五六七八九十]+\s*[个家]?)?(?:有关|相关)?(?:部门|单位)(?=[和及与、])"
)
# A headline or lead that gives the campaign to a whole system ("福建省质监部门多举措开展…",
# "全省各级市场监管部门开展…"): the units it then quotes are parts of it, none the issuer.
COLLECTIVE_SUBJECT = re.compile(
    rf"(?:^|[，,：:])\s*(?P<place>[{CJK}]{{2,8}}?[省市县区])?(?:全[省市县区])?(?:各级|各地)?"
    r"(?:(?:质监|质检|市场监管|质量技术监督|工商)(?:部门|系统)"
    # …or a sector's system in the place: "柳州市住建系统2022年“质量月”启动仪式…".
    rf"|(?<=[省市县区])[{CJK}]{{2,6}}?系统(?=\s*(?:19|20)\d{{2}}\s*年))"
)
# A headline is at most this long.
HEADLINE_LENGTH = 40
# A web site's name above a copied page ("吉安市人民政府门户网站"): no body, whatever it ends in.
SITE_NAME = re.compile(r"(?:网站|网|频道|客户端|公众号)$")
# Words of the sentence that the first body's name picks up before it.
SUBJECT_LEAD = re.compile(
    r"^.*(?:传达了?|获悉|期间|近日|日前|按照|根据|记者从|今年|会上|了|由|是|在)"
)
# A name never starts with these: "12个市场监管所", "各市场监管局".
NOT_A_NAME_START = "个各等该本其"
# How a report names its own territory: 全县/我县 → the county's own campaign.
SELF_LEVEL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[全我本](?:县|区|旗)(?![委政])"), "county"),
    (re.compile(r"[全我本]市(?![委政场])"), "city"),
    (re.compile(r"[全我本]省(?![委政])"), "province"),
)
MUNICIPALITY_IN_TEXT = re.compile(r"北京|上海|天津|重庆")
AUTONOMOUS_REGION = re.compile(r"(?:广西|宁夏|新疆|西藏|内蒙古)|(?<![市县])自治区(?!党委)")
# Activities enumerated inside a paragraph: "一是开展…（质量科牵头）；二是…", "1、…；2、…".
INLINE_ITEM = re.compile(
    r"(?:^|(?<=[。；;：:]))\s*(?:([一二三四五六七八九十]{1,3})是|(\d{1,2})[、.．](?!\d)"
    r"|[（(]([一二三四五六七八九十]{1,3})[）)])"
)
# A place's name: its own words, then what kind of place it is (市场 is no 市).
# 和 may be part of one (泰和县, 和平区): which are places, China's divisions tell.
PLACE = re.compile(
    rf"(?:(?![年月日在与及的])[{CJK}]){{2,12}}?(?:自治区|省|市(?!场)|县|区|旗|自治州|州|盟|地区)"
)
# Several provinces acting together under the national campaign ("全国“质量月”苏浙皖赣沪共同行动"):
# a campaign of provinces, not the nation's.
REGIONAL_ACTION = re.compile(rf"[”\"」』’']?\s*[{PROVINCE_ABBREV}]{{2,6}}(?:共同|联合|区域)?行动")
# 质量月 as a time ("…“质量月”期间", "…之际"), not as the campaign a clause is about.
# "…“质量月”活动广泛开展之际": a few words of its own may come between.
DURING_CAMPAIGN = re.compile(
    r"[”\"」』’']?\s*(?:活动)?[^，。,；;“”\n]{0,6}?(?:期间|之际|到来|来临)"
)
# Where something is held: 在/于 and the places after it ("在山东省青岛市", "于吉安市").
VENUE = re.compile(rf"[在于](?:{PLACE.pattern})+")
# What may follow a place named for itself: anything but more of a name (a verb or 在 may).
PLACE_GOES_ON = re.compile(rf"(?![开启举召组在于暨和与及])[{CJK}]")
# Words that end as a body's name do ("长春市政府"), not as a sector's or a programme's.
ENDS_AS_BODY = re.compile(rf"{ORG_SUFFIX}$")
# Whether a report names its own campaign at all (the refusal check; header.campaign_area
# reads which place): "2021年福州市“质量月”" / "山东省2023年“质量月”".
_AREA = rf"([{CJK}]{{2,12}}?(?:省|自治区|市|县|区|旗|州))"
CAMPAIGN_AREA = re.compile(
    rf"(?:(?:19|20)\d{{2}}\s*年\s*{_AREA}|{_AREA}\s*(?:19|20)\d{{2}}\s*年)\s*[“\"「『‘']?{CAMPAIGN}"
)
# "近日，聊城市质量月启动仪式…举办": a place's own 质量月, said without its year.
PLACE_CAMPAIGN = re.compile(rf"{_AREA}[“\"「『‘']?{CAMPAIGN}")
# A text that stops in the middle of a sentence: a web page or a digest cut off.
CUT_OFF = re.compile(r"[，、,；;：:（(“《]$|[\u4e00-\u9fff]{2}$")
# A plan's own title ends so; a schedule (安排表) is the plan in table form.
PLAN_TITLE_END = re.compile(r"(?:方案|安排表|活动安排|工作计划|活动计划)$")
# A report that a body issued the campaign's plan.
PLAN_ISSUED = re.compile(
    # "宣读了《2024年全县“质量月”活动方案》", "会议发布了2011年全国“质量月”活动方案", "宣读…《成都质量倡议》和
    # 2023年某市“质量月”活动实施方案".
    r"(?:印发|转发|制定|出台|宣读|发布|下发|解读|宣布|通报|公布)(?:了)?[^。，,]{0,30}?质量月[^。，,》]{0,8}(?:活动)?(?:实施|工作)?方案"
    # "…2014年“质量月”活动联合方案发布": the plan first, then its release.
    r"|质量月[^。，,》]{0,8}方案(?:正式)?(?:发布|印发)"
    # A plan whose title is cut off says what it is: "…结合工作实际，制定本方案".
    r"|制定(?:了)?本(?:活动|实施|工作)?方案"
)
# A headline whose subject is a place (the refusal check): "陇南市宕昌县开展2016年“质量月”宣传活动".
# A place (or 我县, 我市) that opens its clause and holds the campaign is enough: "9月2日，某某县雩田镇
# 开展…", "今天，我市在某某公司启动2019年全国质量月".
PLACE_SUBJECT = re.compile(
    rf"(?:^|\n|[，,]|(?<=\d日))([{CJK}]{{2,12}}?(?:省|自治区|市|县|区|旗|州|镇|乡|街道)|[我本][省市县区旗])"
    # "…在某公司启动…", "黔东南州于9月1日启动…": where or when between the place and its verb.
    # A quoted theme before 质量月 counts as one word: "萍乡市开展主题为“…”的2024年“质量月”活动".
    r"(?:[在于][^，。,；;\n]{0,20}?)?(?:组织)?(?:开展|启动|举办|召开|举行)"
    r"(?:“[^”\n]{0,40}”|[^。\n“]){0,12}?[“\"]?质量月"
)
