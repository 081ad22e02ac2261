"""Back-office screens of the records app beyond the model viewsets (see wagtail_hooks)."""
