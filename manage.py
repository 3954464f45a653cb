#!/usr/bin/env python
import os
import secrets
import sys

# Commands that only read a file and print what they find: they sign nothing, open no session
# and touch no visitor's personal data, so a clerk can run them right after `make setup`
# without production keys. They get a throw-away key for this one process. Every other
# command (runserver, migrate, …) and the WSGI server (qualitymonth/wsgi.py) still load the
# settings without one and refuse to start: the fail-fast for the server is unchanged.
KEYLESS_COMMANDS = {"parse_notice"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qualitymonth.settings")
    if len(sys.argv) > 1 and sys.argv[1] in KEYLESS_COMMANDS:
        os.environ.setdefault("QM_SECRET_KEY", secrets.token_urlsafe(50))
        os.environ.setdefault("QM_PERSONAL_DATA_KEY", secrets.token_urlsafe(32))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
