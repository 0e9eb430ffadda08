"""The one signal the case lifecycle sends: `case_event`, after the transaction that recorded an event commits.

It exists so that an app built on cases (bundles: 一件事) can react to a sub-case's progress — start a
dependent item when its predecessor is granted, stop it when the predecessor fails — without cases importing
that app (arrows point one way, docs/architecture.md). Receivers get `case_id` and `action` (a domain.Action
value) and run outside the case's transaction: a failing receiver never undoes the case's own step.
"""

from __future__ import annotations

from django.dispatch import Signal

case_event = Signal()  # kwargs: case_id: int, action: str
