"""gunicorn settings for an app server: `gunicorn -c deploy/gunicorn.conf.py qualitymonth.wsgi`.

App servers are stateless (sessions and tasks in PostgreSQL, files in S3), so any number of
them can stand behind the load balancer.
"""

import multiprocessing
import os

bind = os.environ.get("QM_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("QM_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("QM_THREADS", "1"))
timeout = int(os.environ.get("QM_TIMEOUT", "60"))
# Recycle workers now and then so that a slow leak never takes a server down.
# Recycling workers bounds any slow leak; the benchmark turns it off (QM_MAX_REQUESTS=0): a
# worker restarting mid-measure would take its CPU count and its warm connections with it.
max_requests = int(os.environ.get("QM_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("QM_FORWARDED_ALLOW_IPS", "127.0.0.1")
