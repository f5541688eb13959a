from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running `task_worker` writes `last_seen` every few seconds; a worker that stopped writing it longer
    than the lease ago is dead, and the tasks it was running are put back in the queue."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("server"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("proces-id"), null=True)
    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    last_seen = models.DateTimeField(_("laatst gezien"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}, {self.last_seen:%d-%m-%Y %H:%M:%S})"
