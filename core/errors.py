"""Errors that more than one app raises or catches.

They live here, not in the services of the app that first needed them, so that an app
catching one need not depend on another app's services.
"""

from django.utils.translation import gettext as _


class ConflictError(Exception):
    """The record changed since the user loaded it; their edit was not saved."""

    def __init__(self, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            _("该记录已被他人修改（当前版本 %(v)s），您的修改未保存。") % {"v": current_version}
        )
