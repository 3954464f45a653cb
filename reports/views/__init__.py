"""The reporting views, by whose side they serve (see each module)."""

from reports.views.bulletins import (  # noqa: F401
    bulletin_detail,
    bulletin_new,
)
from reports.views.circulars import circular_draft  # noqa: F401
from reports.views.report import (  # noqa: F401
    case_add,
    case_remove,
    file_download,
    file_remove,
    report_autosave,
    report_edit,
    report_submit,
    report_upload,
)
from reports.views.requirements import (  # noqa: F401
    expected_add,
    expected_fill,
    expected_remove,
    index,
    remind,
    requirement_detail,
    requirement_edit,
)
from reports.views.review import (  # noqa: F401
    report_detail,
    report_review,
)
from reports.views.supervision import (  # noqa: F401
    compilation_export,
    statistics_export,
    supervision,
    supervision_home,
    supervision_remind,
)
