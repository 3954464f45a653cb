"""A notice text and the preview form as posted, shared by the import tests."""

from imports.forms import NoticeDataForm
from imports.parser import ParsedNotice

# A city notice naming a development zone's bureau that the division data does not hold, as a
# recipient and as lead and support of activities.
CHANGSHA_TEXT = """长沙市市场监督管理局文件

长市监发〔2023〕21号

长沙市市场监督管理局关于开展2023年“质量月”活动的通知

各区县（市）市场监督管理局，高新区分局，局机关各处室：

根据省局《湖南省市场监管系统2023年“质量月”活动方案》（湘市监办发〔2023〕57号）要求，现就开展2023年“质量月”活动有关事项通知如下：

一、活动主题

增强质量意识 推进高质量发展

二、主要活动

（一）举办长沙市“质量月”启动仪式。（质量科牵头，高新区分局配合）。

（二）开展园区企业质量提升帮扶。（高新区分局牵头，经开区市场监管局配合）。

三、有关要求

请于10月16日前将工作总结报送市局质量科。

长沙市市场监督管理局
2023年8月30日
"""


def form_post(notice_import, **changes) -> dict:
    """The preview form as the browser submits it, unchanged unless told."""
    data = notice_import.data
    post = {}
    for name, value in NoticeDataForm.initial_from(ParsedNotice.from_json(data)).items():
        if isinstance(value, list):
            value = "\n".join(value)
        post[name] = "" if value is None else value
    activities = data["activities"]
    post |= {"act-TOTAL_FORMS": len(activities), "act-INITIAL_FORMS": len(activities)}
    for i, item in enumerate(activities):
        post |= {
            f"act-{i}-title": item["title"],
            f"act-{i}-lead": "、".join(item["lead"]),
            f"act-{i}-support": "、".join(item["support"]),
            f"act-{i}-when": item.get("when") or "",
            f"act-{i}-text": item.get("text") or "",
            f"act-{i}-parent": item.get("parent") or "",
        }
    contacts = data["contacts"]
    post |= {"contact-TOTAL_FORMS": len(contacts), "contact-INITIAL_FORMS": len(contacts)}
    for i, item in enumerate(contacts):
        for key in ("name", "phone", "email", "fax"):
            post[f"contact-{i}-{key}"] = item.get(key) or ""
    post |= {"new-TOTAL_FORMS": 0, "new-INITIAL_FORMS": 0}
    post.update(changes)
    return post
