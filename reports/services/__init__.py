"""Writes of the reporting flow: requirement, expected set, drafts, submission, review,
bulletins and reminders. Every function checks the actor's permission through
`orgs.scoping`, records the actor for the audit log and runs in one transaction; mail goes out
on commit. Callers import from `reports.services`; the modules below split it by stage.
"""

from campaigns.services import ConflictError  # noqa: F401 - callers catch it from here
from reports.services.common import *  # noqa: F403
from reports.services.messages import *  # noqa: F403
from reports.services.requirements import *  # noqa: F403

# Used by the national dataset generator, which fills expected sets without an actor.
from reports.services.requirements import _expected_fill  # noqa: F401
from reports.services.submissions import *  # noqa: F403
