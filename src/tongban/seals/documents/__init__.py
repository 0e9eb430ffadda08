"""Sealed documents: the notices and decisions of a licence application, rendered, sealed, numbered and kept.

- kinds.py: the document kinds and the data each is filled from (the shapes the case lifecycle passes);
- wording.py: the law's checks on that data, the dates it computes, and what each document says;
- numbering.py: 文号 and their gap-free per-department, per-kind, per-year sequences;
- production.py: wording → PDF/A-2b page → PAdES seal (no database);
- services.py: `document_issue`, `document_withdraw`, `document_supersede`;
- selectors.py: lookups and the verification answers for the public page, the API and `tongban verify`.

The models are in tongban/seals/documents_models.py (registered through tongban.seals.models).
"""
