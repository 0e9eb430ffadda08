"""Connects bundles to the case lifecycle (cases.signals.case_event, sent after each case step commits)."""

from django.dispatch import receiver

from tongban.cases.signals import case_event


@receiver(case_event, dispatch_uid="bundles.advance")
def _advance_bundle(sender, case_id: int, action: str, **kwargs) -> None:
    from tongban.bundles.services import safely_advance

    safely_advance(case_id)
