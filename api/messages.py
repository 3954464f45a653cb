"""The words the API answers errors with, marked for translation (zh-hans source, English
catalogue): the same sentence for the same failure on every operation, so that clients and
tests can compare against these constants."""

from django.utils.translation import gettext_noop

MSG_UNAUTHORIZED = gettext_noop(
    "缺少或无效的访问令牌：请在请求头中给出 Authorization: Bearer <令牌>。"
)
MSG_TOKEN_EXPIRED = gettext_noop(
    "访问令牌已过期：请在“接口令牌”页面（/api/tokens/）创建新的令牌，并替换程序中的旧令牌。"
)
MSG_NOT_FOUND = gettext_noop("未找到，或不在您的权限范围内。")
MSG_FORBIDDEN = gettext_noop("您在该单位的角色不允许此操作。")
MSG_INVALID = gettext_noop("提交的数据有误。")
MSG_BAD_BODY = gettext_noop("请求体不是有效的 JSON。")
MSG_REPORT_EXISTS = gettext_noop("该单位已有这份报送材料，请用 PATCH /api/reports/%(id)s 修改。")
MSG_NOT_EXPECTED = gettext_noop("该单位不在此报送要求的应报单位中，或不在您的权限范围内。")
