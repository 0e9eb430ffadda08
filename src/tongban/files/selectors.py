"""Reads of the file store, restricted to what the actor may see.

Who may read a stored file: the user who uploaded it, or any member of staff (a user with a related `staff`
record). The files app cannot import org, so "is staff" is the presence of that relation. Anyone else is told
the file does not exist, so ids cannot be probed.
"""

from __future__ import annotations

from django.db.models import QuerySet

from tongban.core.errors import NotFound
from tongban.files.models import StoredFile


def is_staff_user(user) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return hasattr(user, "staff")


def stored_file_can_read(*, actor, stored_file: StoredFile) -> bool:
    if actor is None:  # a system process (packaging, signing), audited as 系统
        return True
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return stored_file.uploaded_by_id == actor.pk or is_staff_user(actor)


def stored_files_visible_to(actor) -> QuerySet[StoredFile]:
    qs = StoredFile.objects.select_related("blob")
    if actor is None:
        return qs
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return qs.none()
    if is_staff_user(actor):
        return qs
    return qs.filter(uploaded_by=actor)


def stored_file_get(*, actor, file_id: int) -> StoredFile:
    stored = stored_files_visible_to(actor).filter(pk=file_id).first()
    if stored is None:
        raise NotFound("文件不存在或无权查看")
    return stored
