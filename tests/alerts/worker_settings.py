"""Settings for the real Celery workers that ``test_worker_killed.py`` starts and kills: the
project's settings, with the worker's Redis keys under a prefix of the test's own.

kombu keeps the unacknowledged messages of every worker of a Redis database in one hash,
and a worker restores any of them older than its ``visibility_timeout``, so the killed
test's short timeout would reach the messages of other tests using the same broker (the
suite runs in parallel); under its own ``global_keyprefix`` it sees only its own. The jobs
it queues itself (``send_pending_emails``) go to its queue rather than to ``celery``.
"""

import os

from jiyuan_portal.settings import *  # noqa: F403
from jiyuan_portal.settings import CELERY_BROKER_TRANSPORT_OPTIONS

CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "global_keyprefix": os.environ["JIYUAN_TEST_BROKER_PREFIX"],
}
CELERY_TASK_DEFAULT_QUEUE = os.environ["JIYUAN_TEST_QUEUE"]
