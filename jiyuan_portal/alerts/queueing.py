"""Queueing a job from a page or another job without depending on the broker: once the
transaction commits, try to send it; if the broker is down, log it and go on (the
periodic jobs pick the work up later, since it is kept in the database)."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    def send():
        try:
            task.apply_async(args=args)
        except Exception:
            logger.exception("Could not queue %s%r: the broker is unreachable", task.name, args)

    transaction.on_commit(send)
