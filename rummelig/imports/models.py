"""What was imported, when and by whom; how payroll codes map to schemes; which placements came from payroll.

- `ImportRun`: one per upload or command run (previews and dry runs included), with the file's
  name, SHA-256 and size, the counts of what changed, the problems and notices, and progress.
- `PayrollCodeMapping`: HR's table from a payroll employment code (OPUS workContract, SD
  JobPositionIdentifier, the template's ansættelseskode, OS2mo's engagement type) to either ordinary
  employment or a scheme. A code missing here stops the import until HR maps it; it is never guessed.
- `ImportedPlacementLink`: the placement the import keeps in step with a payroll employment whose
  code maps to a scheme (the placements app knows nothing about payroll).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    OPUS = "opus", "KMD OPUS"
    SD = "sd", "SD Løn"
    SPREADSHEET = "spreadsheet", _("Spreadsheet (Rummelig template)")
    OS2MO = "os2mo", "OS2mo"


class ImportRun(models.Model):
    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed, not run")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Refused: the file has problems")
        ERROR = "error", _("Stopped by an error")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    size = models.BigIntegerField(_("size (bytes)"), default=0)
    dry_run = models.BooleanField(_("preview only"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED, db_index=True)
    reference_date = models.DateField(_("reference date"), null=True, blank=True)

    units_added = models.PositiveIntegerField(default=0)
    units_updated = models.PositiveIntegerField(default=0)
    units_ended = models.PositiveIntegerField(default=0)
    units_unchanged = models.PositiveIntegerField(default=0)
    employments_added = models.PositiveIntegerField(default=0)
    employments_updated = models.PositiveIntegerField(default=0)
    employments_ended = models.PositiveIntegerField(default=0)
    employments_unchanged = models.PositiveIntegerField(default=0)
    employments_removed = models.PositiveIntegerField(default=0)
    people_added = models.PositiveIntegerField(default=0)
    people_updated = models.PositiveIntegerField(default=0)
    placements_added = models.PositiveIntegerField(default=0)
    placements_updated = models.PositiveIntegerField(default=0)
    placements_removed = models.PositiveIntegerField(default=0)
    roles_added = models.PositiveIntegerField(default=0)
    roles_updated = models.PositiveIntegerField(default=0)
    roles_removed = models.PositiveIntegerField(default=0)

    records = models.PositiveIntegerField(_("records in the file"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    notices = models.JSONField(_("notices"), default=list, blank=True)
    unknown_codes = models.JSONField(_("unknown payroll codes"), default=list, blank=True)
    changes = models.JSONField(_("changes (first ones)"), default=list, blank=True)
    changes_total = models.PositiveIntegerField(_("changes in all"), default=0)
    error = models.TextField(_("error"), blank=True)
    same_as = models.ForeignKey(
        "self", verbose_name=_("same file as"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stored_file = models.CharField(max_length=500, blank=True, editable=False)
    # "host:pid:token" of the process running the import, so a run whose process died can be told
    # from one still running (imports/liveness.py).
    worker = models.CharField(_("running in process"), max_length=200, blank=True, editable=False)

    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    progress_current = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # Written by the worker's progress thread (progress.py) on PostgreSQL; on SQLite they live in
    # a file beside the database while the run holds the write lock.
    progress_phase = models.CharField(max_length=200, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_source_display()} {self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    COUNT_FIELDS = (
        "units_added", "units_updated", "units_ended", "units_unchanged",
        "employments_added", "employments_updated", "employments_ended", "employments_unchanged", "employments_removed",
        "people_added", "people_updated", "placements_added", "placements_updated", "placements_removed",
        "roles_added", "roles_updated", "roles_removed",
    )  # fmt: skip

    def counts(self):
        return {name: getattr(self, name) for name in self.COUNT_FIELDS}

    @property
    def changed_anything(self):
        return any(getattr(self, name) for name in self.COUNT_FIELDS if not name.endswith("_unchanged"))

    @property
    def may_run(self):
        """True if this is a preview without problems whose file is still kept for the run."""
        return self.status == self.Status.PREVIEWED and self.dry_run and bool(self.stored_file) and not self.problems

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.ERROR)


class PayrollCodeMapping(models.Model):
    """A payroll employment code and what it means in Rummelig: ordinary employment or a scheme."""

    source = models.CharField(_("payroll system"), max_length=20, choices=SourceKind.choices)
    code = models.CharField(_("code"), max_length=50)
    text = models.CharField(_("text in payroll"), max_length=200, blank=True)
    scheme = models.ForeignKey(
        "schemes.Scheme",
        verbose_name=_("scheme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: ordinary employment."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("payroll code")
        verbose_name_plural = _("payroll codes")
        ordering = ["source", "code"]
        constraints = [models.UniqueConstraint(fields=["source", "code"], name="payroll_code_unique")]

    def __str__(self):
        return f"{self.get_source_display()} {self.code}"

    @property
    def is_ordinary(self):
        return self.scheme_id is None


class ImportedPlacementLink(models.Model):
    """The placement kept in step with a payroll employment whose code maps to a scheme."""

    employment = models.OneToOneField(
        "people.Employment", on_delete=models.CASCADE, related_name="payroll_placement_link"
    )
    placement = models.OneToOneField("placements.Placement", on_delete=models.CASCADE, related_name="payroll_link")
    source = models.CharField(max_length=20, choices=SourceKind.choices)
    adopted = models.BooleanField(
        default=False, help_text="The placement was registered by hand before payroll knew it; keep it if payroll cancels."
    )
    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("placement from payroll")
        verbose_name_plural = _("placements from payroll")

    def __str__(self):
        return f"{self.employment_id} → {self.placement_id}"
