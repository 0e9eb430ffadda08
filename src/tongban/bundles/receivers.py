"""Connects bundles to the case lifecycle (cases.signals.case_event, sent after each case step commits)."""

from django.dispatch import receiver

from tongban.cases.signals import case_event


@receiver(case_event, dispatch_uid="bundles.advance")
def _advance_bundle(sender, case_id: int, action: str, **kwargs) -> None:
    from tongban.bundles.services import safely_advance

    if action == "submit":  # only the bundle's own services submit a member case, and they settle the bundle:
        return  # every plain application's submission is spared the lookup

    safely_advance(case_id)
