"""A big export asked for by a user, made by the worker, waiting (privately) for that user to download it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Export(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the background worker")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Failed")

    # A random id: the address of one user's file says nothing about how many exports others made.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user"))
    kind = models.CharField(_("kind"), max_length=30, choices=[("placements", _("Placements"))])
    # The filters as asked (a search text too, which may be a CPR number): emptied once the file is made.
    params = models.JSONField(_("filters"), default=dict, blank=True, editable=False)
    language = models.CharField(max_length=10, blank=True, editable=False)
    back_url = models.CharField(max_length=2000, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    stored_file = models.CharField(max_length=500, blank=True, editable=False)
    file_name = models.CharField(_("file"), max_length=200, blank=True, editable=False)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True, editable=False)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    downloaded_at = models.DateTimeField(_("downloaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def waiting(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
