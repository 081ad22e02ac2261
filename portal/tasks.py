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


@shared_task
def opendata_generate_task() -> dict:
    """Daily: the open-data files, served as static files (portal.opendata)."""
    from portal.opendata import generate

    return generate()
