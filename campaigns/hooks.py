"""What else happens when a notice is issued, registered by the apps above campaigns.

Issuing a notice with a report requirement also fills the requirement's expected set (the
cascade's rule, `cascade.services`). Campaigns sits below reports and the cascade and may not
import them, so the apps above register their step here in their `AppConfig.ready()`, and
`campaigns.services.notice_issue` runs every registered step inside its own transaction: each
caller of `notice_issue` (the page, the API, the import, the demo loader) gets the whole issue,
and a failing step rolls the issue back.
"""

from collections.abc import Callable

# A step takes the acting user and the notice just issued (keyword arguments).
IssueStep = Callable[..., None]

_issue_steps: list[IssueStep] = []


def notice_issued_register(step: IssueStep) -> IssueStep:
    """Run `step(actor=…, notice=…)` after each issue; registering twice keeps one."""
    if step not in _issue_steps:
        _issue_steps.append(step)
    return step


def notice_issued_steps() -> tuple[IssueStep, ...]:
    return tuple(_issue_steps)
