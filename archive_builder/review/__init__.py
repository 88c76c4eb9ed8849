"""Stage 2, review: a scanned Inventory in, a new reviewed Inventory out.

Reads each document's text (``extract``: through the readers, OCR for scans, cached by content hash
and rules version), finds classification marks and personal numbers in it, and decides in one place
who may see each document (``policy``: published, internal, classified, or held for review because
it could not be read). ``sanitize`` is the one HTML sanitiser of document bodies. ``stage`` runs it.
"""
