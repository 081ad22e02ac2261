"""Back-office download of commitment progress evidence (scoped: others get 404)."""

from integrity.core.downloads import scoped_file_view

from .models import Evidence

evidence = scoped_file_view(
    Evidence, "file", stem=lambda e: f"progress-{e.progress_id}-evidence-{e.pk}"
)
