"""Settings for benchmark runs only: the platform's settings plus the bench URLs (a trivial
view, the reference the real pages and the report POST are measured against). Never used in
production: the bench URLs exist only when DJANGO_SETTINGS_MODULE points here."""

from qualitymonth.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The load generator saves as fast as the server answers (one user per thread), far beyond
# what typing sends: every autosave is still counted (its cost stays in the measure), none
# is refused.
QM_AUTOSAVE_RATE_LIMIT = 10**9
