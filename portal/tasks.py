"""Periodic portal sweeps: thin adapters over the services."""

from celery import shared_task


@shared_task
def reporter_updates_task() -> int:
    from portal.notifications import reporter_updates_send

    return reporter_updates_send()


@shared_task
def subscriptions_send_task() -> int:
    from portal.subscriptions import subscriptions_send

    return subscriptions_send()
