"""What the notice form posts, for the tests of the notice pages."""


def form_data(**overrides) -> dict:
    data = {
        "campaign": "",
        "kind": "plan",
        "title": "长沙市2023年“质量月”活动方案",
        "doc_number": "长市监发〔2023〕12号",
        "issuer_names": "长沙市市场监督管理局",
        "theme": "增强质量意识 推进高质量发展",
        "recipients_text": "各县（市、区）市场监督管理局",
        "publication": "public",
        "body_text": "为贯彻落实省局方案，制定本方案。\n一、活动主题\n（一）加强宣传。要求如下。\n1. 张贴海报",
        "basis_text": "湘市监办发〔2023〕57号",
        "printing_line": "长沙市市场监督管理局办公室",
        "due_date": "2023-10-12",
        "materials": ["工作总结", "图片"],
        "report_to": "长沙市市场监督管理局质量发展科",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "10",
        "contacts-0-name": "严文胜",
        "contacts-0-phone": "0731-85693710",
        "contacts-0-email": "hnszlfzj@163.com",
        "contacts-1-name": "",
        "contacts-1-phone": "",
        "contacts-1-email": "",
    }
    data.update(overrides)
    return data
