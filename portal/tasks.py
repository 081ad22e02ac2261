from celery import shared_task


@shared_task
def opendata_generate_task() -> dict:
    """Daily: the open-data files, served as static files (portal.opendata)."""
    from portal.opendata import generate

    return generate()
