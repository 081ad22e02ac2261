"""Load the demo city: every app contributes through its own ``demo.load(context)``."""

import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from integrity.core.chain import events_seal
from integrity.core.models import Organisation


class Command(BaseCommand):
    help = "Load a fictional prefecture-level city with demo data for every module."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="load even if demo data exists")

    def handle(self, *args, force: bool = False, **options):
        from integrity.core import demo

        if Organisation.objects.filter(name=demo.CITY_NAME).exists() and not force:
            self.stdout.write("演示数据已存在，跳过（--force 可重新加载）。")
            return
        context: dict = {"stdout": self.stdout}
        for config in apps.get_app_configs():
            name = f"{config.name}.demo"
            if importlib.util.find_spec(name) is None:
                continue
            with transaction.atomic():
                importlib.import_module(name).load(context)
            self.stdout.write(f"demo: {config.verbose_name} ✓")
        from integrity.core import demo_workbench

        with transaction.atomic():
            demo_workbench.load(context)  # to-do items on every role's home page
        events_seal()  # demo loaders bulk-insert events; chain them now
